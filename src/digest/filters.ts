import type { Fact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { countriesOf, materialMatch } from '../search/fact-text.ts';
import type { DigestFilters } from './digest.ts';

/** Whether a fact is within a digest's scope: any of its countries (in any role), materials (groups included) and kinds. */
export function matchesFilters(fact: Fact, filters: DigestFilters, snapshot: Pick<Snapshot, 'materialByCode'>): boolean {
  if (filters.kinds.length > 0 && !filters.kinds.includes(fact.kind)) return false;
  if (filters.countries.length > 0) {
    const codes = countriesOf(fact);
    if (!filters.countries.some((code) => codes.has(code))) return false;
  }
  if (filters.materials.length > 0 && !filters.materials.some((code) => materialMatch(code, fact.materials, snapshot) > 0)) return false;
  return true;
}
