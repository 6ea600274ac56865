import { toIsoDay } from '../knowledge/dates.ts';
import type { Fact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { answered, errorAnswer, itemOf, sourceCitation, type Answer, type AnswerItem } from './answer.ts';
import { lookupsOf } from './facts-by-country.ts';
import { shownStatusOf } from './shown-status.ts';
import { cut } from '../text/cut.ts';

/**
 * The full citation behind a fact or a source id. For a fact: the fact with every citation. For a
 * source: the source itself, and the facts that cite it. Restrictions carry their status as shown on `now`'s day.
 */
export function source(index: SearchIndex, id: string, now: Date): Answer {
  const snapshot: Snapshot = index.snapshot;
  const item = (fact: Fact): AnswerItem => {
    const shown = shownStatusOf(fact, toIsoDay(now));
    return itemOf(fact, snapshot, shown ? { shown } : {});
  };
  const key = id.trim();
  const fact = snapshot.factById.get(key);
  if (fact) {
    const origin = snapshot.origins.get(fact.id);
    return answered('source', key, snapshot, [item(fact)], {
      message: `Fact ${fact.id}${origin ? `, defined in ${origin.file}:${origin.line}` : ''}. Cited: ${fact.citations.length} source(s).`,
    });
  }
  const found = snapshot.sourceById.get(key);
  if (found) {
    const citing = lookupsOf(snapshot).citing.get(found.id) ?? [];
    const citation = sourceCitation(found);
    const published = found.published === 'undated' ? 'undated' : `published ${found.published}`;
    return answered('source', key, snapshot, citing.map(item), {
      message: `${citation.publisher}, "${citation.title}", ${published}. ${citation.url}${found.note ? ` (${found.note})` : ''}. Cited by ${citing.length} fact(s).`,
    });
  }
  const suggestions = index
    .completeId(key)
    .slice(0, 5)
    .map((choice) => `/source id:${choice.value}`);
  return errorAnswer('source', key, snapshot, `No fact or source has the id '${cut(key, 100)}'.`, suggestions);
}
