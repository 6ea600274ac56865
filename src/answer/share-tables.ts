import type { MarketShareFact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { materialMatch } from '../search/fact-text.ts';
import type { ShareRow } from './answer.ts';
import { countryName, listNames } from './describe.ts';

/**
 * Market-share figures ranked in tables of one unit and one material scope each. A rank compares
 * like with like: 270,000 t with 45,000 t, 69% with 13%, never "under 1%" with tonnes, a dollar
 * value with a share, or China's share of separated dysprosium with its share of all rare earths.
 *
 * Scope is read from a fact's materials: rare earths as a whole where it names REE (its elements
 * may be named too, as what the figure covers), a part of them (an element, a group such as heavy
 * rare earths, a product such as magnets) where it names only those, materials outside the rare
 * earths (gallium, critical minerals) where it names any, and "materials not stated" where it names
 * none. Tables come in that order, unless a material was asked for: then the figures naming it come
 * first, and the wider ones after them for context. Within a scope, the unit ranking more countries
 * comes first (percent on a tie); US dollars always last, as a value, never as a share.
 */
export interface ShareTable {
  /** The material scope's name ("rare earths", "dysprosium, terbium and heavy rare earths"); absent for rows ranked without scopes. */
  readonly scope?: string;
  readonly unit: ShareRow['unit'];
  readonly rows: readonly ShareRow[];
}

type ScopeFamily = 'whole' | 'part' | 'unstated' | 'other';
const FAMILY_ORDER: Record<ScopeFamily, number> = { whole: 0, part: 1, unstated: 2, other: 3 };
const RARE_EARTH_GROUPS: ReadonlySet<string> = new Set(['light', 'heavy', 'group', 'product']);
/** Between equal values: "over 90%" above "90%" above "up to 90%". */
const QUALIFIER_ORDER: Record<string, number> = { over: 0, 'at-least': 0, '': 1, about: 1, 'up-to': 2, under: 2 };

interface Scope {
  readonly key: string;
  readonly name: string;
  readonly materials: readonly string[];
  readonly family: ScopeFamily;
}

type UnrankedRow = Omit<ShareRow, 'rank'>;

interface Group {
  readonly scope: Scope;
  readonly unit: ShareRow['unit'];
  readonly rows: UnrankedRow[];
}

function scopeOf(fact: MarketShareFact, snapshot: Snapshot): Scope {
  const others = fact.materials.filter((code) => !RARE_EARTH_GROUPS.has(snapshot.materialByCode.get(code)?.group ?? 'other'));
  const [materials, family]: [readonly string[], ScopeFamily] =
    others.length > 0 ? [others, 'other'] : fact.materials.includes('REE') ? [['REE'], 'whole'] : fact.materials.length === 0 ? [[], 'unstated'] : [fact.materials, 'part'];
  const name = materials.length === 0 ? 'materials not stated' : listNames(materials.map((code) => snapshot.materialByCode.get(code)?.name ?? code));
  return { key: [...materials].sort().join('+'), name, materials, family };
}

/** The facts' figures as ranked tables, in the order they are shown; `material` is what the user asked for. */
export function rankTables(snapshot: Snapshot, facts: readonly MarketShareFact[], material?: string): ShareTable[] {
  const groups = new Map<string, Group>();
  for (const fact of facts) {
    const scope = scopeOf(fact, snapshot);
    const sourceId = fact.citations[0]?.source ?? '';
    for (const share of fact.shares) {
      const key = `${scope.key}|${share.unit}`;
      const group = groups.get(key) ?? { scope, unit: share.unit, rows: [] };
      groups.set(key, group);
      group.rows.push({
        country: share.country,
        countryName: countryName(snapshot, share.country),
        value: share.value,
        unit: share.unit,
        ...(share.qualifier ? { qualifier: share.qualifier } : {}),
        year: fact.year,
        sourceId,
        publisher: snapshot.sourceById.get(sourceId)?.publisher ?? sourceId,
        factId: fact.id,
        scope: scope.name,
      });
    }
  }
  return order([...groups.values()], snapshot, material).map((group) => ({ scope: group.scope.name, unit: group.unit, rows: rank(group.rows) }));
}

/** Consecutive rows of one scope and unit, as `rankTables` laid them out: what renderers and charts draw. */
export function shareTables(rows: readonly ShareRow[]): ShareTable[] {
  const tables: Array<{ scope?: string; unit: ShareRow['unit']; rows: ShareRow[] }> = [];
  for (const row of rows) {
    const last = tables.at(-1);
    if (last && last.scope === row.scope && last.unit === row.unit) last.rows.push(row);
    else tables.push({ ...(row.scope !== undefined ? { scope: row.scope } : {}), unit: row.unit, rows: [row] });
  }
  return tables;
}

function order(groups: readonly Group[], snapshot: Snapshot, material: string | undefined): Group[] {
  const countries = (rows: readonly UnrankedRow[]) => new Set(rows.filter((row) => row.country !== 'XX').map((row) => row.country)).size;
  const byScope = new Map<string, Group[]>();
  for (const group of groups) byScope.set(group.scope.key, [...(byScope.get(group.scope.key) ?? []), group]);
  const asked = (scope: Scope) => (material && scope.family !== 'whole' && materialMatch(material, scope.materials, snapshot) === 1 ? 0 : 1);
  const scopeRows = (list: readonly Group[]) => list.flatMap((group) => group.rows);
  const scopes = [...byScope.values()].sort((a, b) => {
    const [first, second] = [(a[0] as Group).scope, (b[0] as Group).scope];
    return (
      asked(first) - asked(second) ||
      FAMILY_ORDER[first.family] - FAMILY_ORDER[second.family] ||
      countries(scopeRows(b)) - countries(scopeRows(a)) ||
      scopeRows(b).length - scopeRows(a).length ||
      first.name.localeCompare(second.name)
    );
  });
  const unitRank = (group: Group) => (group.unit === 'usd' ? 1 : 0);
  return scopes.flatMap((list) =>
    [...list].sort((a, b) => unitRank(a) - unitRank(b) || countries(b.rows) - countries(a.rows) || (a.unit === 'percent' ? -1 : b.unit === 'percent' ? 1 : 0)),
  );
}

/**
 * Countries ranked by their largest figure in the table, equal figures sharing a rank (Australia,
 * Nigeria and Thailand at 13,000 t are all fourth); every source's figure for a country stays,
 * under the country's rank. The world total closes the table with rank 0, for scale.
 */
function rank(rows: readonly UnrankedRow[]): ShareRow[] {
  const byCountry = new Map<string, UnrankedRow[]>();
  for (const row of rows) if (row.country !== 'XX') byCountry.set(row.country, [...(byCountry.get(row.country) ?? []), row]);
  const best = (list: readonly UnrankedRow[]) => Math.max(...list.map((row) => row.value));
  const countries = [...byCountry.values()].sort((a, b) => best(b) - best(a) || (a[0] as UnrankedRow).countryName.localeCompare((b[0] as UnrankedRow).countryName));
  const bests = countries.map(best);
  const within = (a: UnrankedRow, b: UnrankedRow) =>
    b.value - a.value || (QUALIFIER_ORDER[a.qualifier ?? ''] ?? 1) - (QUALIFIER_ORDER[b.qualifier ?? ''] ?? 1) || a.publisher.localeCompare(b.publisher);
  const ranked = countries.flatMap((list, index) => {
    const place = bests.filter((value) => value > (bests[index] as number)).length + 1;
    return [...list].sort(within).map((row) => ({ rank: place, ...row }));
  });
  const world = rows
    .filter((row) => row.country === 'XX')
    .sort(within)
    .map((row) => ({ rank: 0, ...row }));
  return [...ranked, ...world];
}
