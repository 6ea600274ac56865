import type { Snapshot } from '../knowledge/snapshot.ts';
import { materialMatch } from './fact-text.ts';
import { stem } from './normalize.ts';
import type { MaterialMatches, Postings } from './query-plan.ts';

/**
 * How well each fact matches a material asked about: 1 when it names the material or one of its
 * members, 0.6 for a group holding it, 0.5 when only its text names the element ("a rare-earth
 * and thorium deposit"). Kept dense (one number per fact) for the per-candidate lookup, and as a
 * list to walk.
 */
export function computeMaterialMatches(
  code: string,
  index: {
    readonly size: number;
    readonly byMaterial: ReadonlyMap<string, readonly number[]>;
    readonly postings: ReadonlyMap<string, Postings>;
    readonly snapshot: Pick<Snapshot, 'materialByCode'>;
  },
  /** What a fact that only names the material in its text is worth (RankingParams `mentionedMaterial`). */
  mentioned: number,
): MaterialMatches {
  const value = new Float32Array(index.size);
  for (const [material, docs] of index.byMaterial) {
    const match = materialMatch(code, [material], index.snapshot);
    if (match === 0) continue;
    for (const doc of docs) if (match > (value[doc] as number)) value[doc] = match;
  }
  const name = index.snapshot.materialByCode.get(code)?.name.toLowerCase();
  const mentions = name && !name.includes(' ') ? index.postings.get(stem(name)) : undefined;
  if (mentions) for (const doc of mentions.docs) if ((value[doc] as number) < mentioned) value[doc] = mentioned;
  const docs: number[] = [];
  let full = 0;
  value.forEach((match, doc) => {
    if (match > 0) docs.push(doc);
    if (match === 1) full++;
  });
  return { value, docs: Int32Array.from(docs), full };
}
