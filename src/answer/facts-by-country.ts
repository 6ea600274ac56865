import type { Fact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { countriesOf } from '../search/fact-text.ts';

/**
 * Facts about each country in any role (subject, imposer, target, participant, share holder),
 * worked out once per snapshot on first use, so structured answers do not rescan every fact.
 */
const cache = new WeakMap<Snapshot, ReadonlyMap<string, readonly Fact[]>>();

export function factsAbout(snapshot: Snapshot, code: string): readonly Fact[] {
  let byCountry = cache.get(snapshot);
  if (!byCountry) {
    const map = new Map<string, Fact[]>();
    for (const fact of snapshot.facts) {
      for (const country of countriesOf(fact)) {
        const list = map.get(country);
        if (list) list.push(fact);
        else map.set(country, [fact]);
      }
    }
    byCountry = map;
    cache.set(snapshot, byCountry);
  }
  return byCountry.get(code) ?? [];
}
