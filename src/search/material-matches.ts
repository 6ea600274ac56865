import type { Snapshot } from '../knowledge/snapshot.ts';
import { materialMatch } from './fact-text.ts';
import { stem } from './normalize.ts';
import type { MaterialMatches, Postings } from './query-plan.ts';
import { runAtOnce, type Build } from './sliced.ts';

/**
 * How well each fact matches a material asked about: 1 when it names the material or one of its
 * members, 0.6 for a group holding it, 0.5 when only its text names the element ("a rare-earth
 * and thorium deposit"). Kept dense (one number per fact) for the per-candidate lookup, and as a
 * list to walk.
 */
export function computeMaterialMatches(code: string, index: Parameters<typeof materialMatchesInSteps>[1], mentioned: number): MaterialMatches {
  return runAtOnce(materialMatchesInSteps(code, index, mentioned));
}

/** The same, yielding every few thousand facts: at 100k facts a common material reaches most of them. */
export function* materialMatchesInSteps(
  code: string,
  index: {
    readonly size: number;
    readonly byMaterial: ReadonlyMap<string, readonly number[]>;
    readonly postings: ReadonlyMap<string, Postings>;
    readonly snapshot: Pick<Snapshot, 'materialByCode'>;
  },
  /** What a fact that only names the material in its text is worth (RankingParams `mentionedMaterial`). */
  mentioned: number,
): Build<MaterialMatches> {
  const value = new Float32Array(index.size);
  for (const [material, docs] of index.byMaterial) {
    const match = materialMatch(code, [material], index.snapshot);
    if (match === 0) continue;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i] as number;
      if (match > (value[doc] as number)) value[doc] = match;
      if ((i & 8191) === 8191) yield;
    }
    yield;
  }
  const name = index.snapshot.materialByCode.get(code)?.name.toLowerCase();
  const mentions = name && !name.includes(' ') ? index.postings.get(stem(name)) : undefined;
  if (mentions) for (const doc of mentions.docs) if ((value[doc] as number) < mentioned) value[doc] = mentioned;
  yield;
  const docs: number[] = [];
  let full = 0;
  for (let doc = 0; doc < value.length; doc++) {
    const match = value[doc] as number;
    if (match > 0) docs.push(doc);
    if (match === 1) full++;
    if ((doc & 16383) === 16383) yield;
  }
  return { value, docs: Int32Array.from(docs), full };
}
