import type { Snapshot } from '../knowledge/snapshot.ts';
import { countriesOf, materialMatch } from '../search/fact-text.ts';
import type { EntityRef } from '../search/lexicon.ts';
import type { ParsedQuery } from '../search/parsed-query.ts';
import { tokenize } from '../search/tokens.ts';
import type { SearchHit, SearchIndex } from '../search/search-index.ts';
import { factsAbout } from './facts-by-country.ts';

/**
 * Countries and materials a question names that the knowledge says nothing about. Answering
 * "does Mongolia restrict exports?" with China's measures, or "gold price" with gallium facts,
 * would be an answer to another question; and a suggestion about them would lead nowhere.
 */

/** Named countries the knowledge says nothing about and no hit concerns (directly or through a bloc). */
export function countriesWithoutFacts(snapshot: Snapshot, codes: readonly string[], hits: readonly SearchHit[]): string[] {
  const missing: string[] = [];
  for (const code of codes) {
    if (code === 'XX' || factsAbout(snapshot, code).length > 0) continue;
    const blocs = blocsOf(snapshot, code);
    const concerned = hits.some((hit) => {
      const about = countriesOf(hit.fact);
      return about.has(code) || blocs.some((bloc) => about.has(bloc));
    });
    if (!concerned) missing.push(snapshot.countryByCode.get(code)?.name ?? code);
  }
  return missing;
}

/**
 * When a question names a country that no hit concerns ("does Argentina restrict lithium exports?"
 * answered with China's controls, "did Canada make Chinese firms sell their stakes?" answered with
 * a Chinese measure), the hits answer another question: the names of those countries, or none
 * when the question may be naming them to exclude them.
 */
export function countriesNotConcerned(snapshot: Snapshot, excluding: boolean, codes: readonly string[], hits: readonly SearchHit[]): string[] {
  const named = codes.filter((code) => code !== 'XX');
  if (named.length === 0 || hits.length === 0 || excluding) return [];
  const unconcerned = named.filter((code) => !hits.some((hit) => concerns(snapshot, hit, code)));
  return unconcerned.map((code) => snapshot.countryByCode.get(code)?.name ?? code);
}

/**
 * The hits that concern at least one country the question names: in an answer about the UK, a
 * fact about Korea is padding. All hits when it names none, or may name them to exclude them.
 */
export function hitsAboutNamedCountries(snapshot: Snapshot, excluding: boolean, codes: readonly string[], hits: readonly SearchHit[]): readonly SearchHit[] {
  const named = codes.filter((code) => code !== 'XX');
  if (named.length === 0 || excluding) return hits;
  return hits.filter((hit) => named.some((code) => concerns(snapshot, hit, code)));
}

/**
 * A hit concerns a country when the fact is about it in any role, about a bloc it belongs to, or
 * names it in its title ("magnets won't reach the US" concerns the US, though only China and India act).
 */
function concerns(snapshot: Snapshot, hit: SearchHit, code: string): boolean {
  const about = countriesOf(hit.fact);
  if (about.has(code) || blocsOf(snapshot, code).some((bloc) => about.has(bloc))) return true;
  const country = snapshot.countryByCode.get(code);
  if (!country) return false;
  const title = ` ${tokenize(hit.fact.title).join(' ')} `;
  return [country.name, ...country.aliases].some((label) => {
    const words = tokenize(label).join(' ');
    return words.length > 1 && title.includes(` ${words} `);
  });
}

/** The blocs each country belongs to, once per snapshot. */
const blocsByCountry = new WeakMap<Snapshot, ReadonlyMap<string, readonly string[]>>();
function blocsOf(snapshot: Snapshot, code: string): readonly string[] {
  let blocs = blocsByCountry.get(snapshot);
  if (!blocs) {
    const building = new Map<string, string[]>();
    for (const bloc of snapshot.countries) for (const member of bloc.members) building.set(member, [...(building.get(member) ?? []), bloc.code]);
    blocs = building;
    blocsByCountry.set(snapshot, blocs);
  }
  return blocs.get(code) ?? [];
}

/** Named materials no fact is about (directly, or through a group that holds them or they hold) and no hit concerns. */
export function materialsWithoutFacts(snapshot: Snapshot, codes: readonly string[], hits: readonly SearchHit[]): string[] {
  const missing: string[] = [];
  const named = materialsNamed(snapshot);
  for (const code of codes) {
    if ([...named].some((factCode) => materialMatch(code, [factCode], snapshot) > 0)) continue;
    if (hits.some((hit) => materialMatch(code, hit.fact.materials, snapshot) > 0 || mentions(snapshot, code, hit))) continue;
    missing.push(snapshot.materialByCode.get(code)?.name ?? code);
  }
  return missing;
}

/** Groups so broad that nearly every fact answers for them ("rare earths", "magnets", "critical minerals"). */
const BROAD_MATERIALS: ReadonlySet<string> = new Set(['REE', 'REPM', 'critical-minerals']);

/**
 * The hits about at least one specific material the question names: "the world's biggest platinum
 * producer" is not answered by China's tungsten share. All hits when it names none (or only broad groups).
 */
export function hitsAboutNamedMaterials(snapshot: Snapshot, codes: readonly string[], hits: readonly SearchHit[]): readonly SearchHit[] {
  const specific = codes.filter((code) => !BROAD_MATERIALS.has(code));
  if (specific.length === 0) return hits;
  return hits.filter((hit) => specific.some((code) => materialMatch(code, hit.fact.materials, snapshot) > 0 || mentions(snapshot, code, hit)));
}

function mentions(snapshot: Snapshot, code: string, hit: SearchHit): boolean {
  const material = snapshot.materialByCode.get(code);
  const text = `${hit.fact.title} ${hit.fact.summary}`;
  // By its name or any alias ("dual-use items" is also "dual use": "the dual-use licensing regime").
  // "lithium-ion batteries" is written with its hyphen or without: words apart, whatever between them.
  return [material?.name ?? code, ...(material?.aliases ?? [])].some((written) => {
    const words = tokenize(written);
    return words.length > 0 && new RegExp(`\\b${words.join('[^a-z0-9]+')}`, 'i').test(text);
  });
}

/** Every material code some fact names, once per snapshot. */
const namedMaterials = new WeakMap<Snapshot, ReadonlySet<string>>();
function materialsNamed(snapshot: Snapshot): ReadonlySet<string> {
  let codes = namedMaterials.get(snapshot);
  if (!codes) {
    codes = new Set(snapshot.facts.flatMap((fact) => fact.materials));
    namedMaterials.set(snapshot, codes);
  }
  return codes;
}

/** Suggestions that lead somewhere: no /country or /restrictions for a subject with no facts. */
export function suggestionsFor(index: SearchIndex, query: ParsedQuery): string[] {
  const { snapshot } = index;
  const known = (entity: EntityRef) => (entity.type === 'country' ? factsAbout(snapshot, entity.code).length > 0 : materialsWithoutFacts(snapshot, [entity.code], []).length === 0);
  return index.suggestions({ ...query, countries: query.countries.filter(known), materials: query.materials.filter(known) });
}
