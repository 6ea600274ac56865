import { didYouMean } from './closest.ts';
import { mayFollow } from './dates.ts';
import type { ProblemList } from './problem-list.ts';
import type { Fact, MarketShareFact } from './schema.ts';
import type { Entries, Located } from './validate.ts';
import type { PathSegment } from './yaml-document.ts';

/**
 * Checks that need more than one entry: unique ids, references between entries, and the
 * consistency rules that a single schema cannot see (shares summing above 100 %, a measure taking
 * effect before it was announced).
 */
export function crossCheck(entries: Entries, problems: ProblemList): void {
  checkUnique(entries.countries, (entry) => entry.value.code, 'country code', 'code', problems);
  checkUnique(entries.materials, (entry) => entry.value.code, 'material code', 'code', problems);
  checkUnique(entries.sources, (entry) => entry.value.id, 'source id', 'id', problems);
  checkUnique(entries.facts, (entry) => entry.value.id, 'fact id', 'id', problems);

  const countryCodes = new Set(entries.countries.map((entry) => entry.value.code));
  const materialCodes = new Set(entries.materials.map((entry) => entry.value.code));
  const sourceIds = new Set(entries.sources.map((entry) => entry.value.id));
  const factIds = new Set(entries.facts.map((entry) => entry.value.id));

  if (countryCodes.size === 0) problems.error('knowledge', { line: 1, col: 1 }, 'no countries are defined (countries.yaml is missing or empty)');
  if (materialCodes.size === 0) problems.error('knowledge', { line: 1, col: 1 }, 'no materials are defined (materials.yaml is missing or empty)');

  for (const entry of entries.countries) {
    entry.value.members.forEach((code, index) => {
      if (!countryCodes.has(code)) report(entry, ['members', index], `unknown country code '${code}'${didYouMean(code, countryCodes)}`, problems);
    });
  }

  const cited = new Set<string>();
  for (const entry of entries.facts) {
    const fact = entry.value;
    fact.citations.forEach((citation, index) => {
      cited.add(citation.source);
      if (!sourceIds.has(citation.source)) {
        report(entry, ['citations', index, 'source'], `fact '${fact.id}': unknown source '${citation.source}'${didYouMean(citation.source, sourceIds)}`, problems);
      }
    });
    for (const [path, code] of countryReferences(fact)) {
      if (!countryCodes.has(code)) {
        report(entry, path, `fact '${fact.id}': unknown country code '${code}'${didYouMean(code, countryCodes)}`, problems);
      }
    }
    fact.materials.forEach((code, index) => {
      if (!materialCodes.has(code)) {
        report(entry, ['materials', index], `fact '${fact.id}': unknown material '${code}'${didYouMean(code, materialCodes)}`, problems);
      }
    });
    for (const field of ['supersedes', 'supersededBy'] as const) {
      const target = fact[field];
      if (target !== undefined && !factIds.has(target)) {
        report(entry, [field], `fact '${fact.id}': ${field} names unknown fact '${target}'${didYouMean(target, factIds)}`, problems);
      }
    }
    if (fact.kind === 'restriction') checkRestrictionDates(entry as Located<typeof fact>, problems);
  }

  checkShareSums(entries.facts, problems);
  warnUncitedSources(entries, cited, problems);
  warnMissingSupersededBy(entries.facts, problems);
  warnUndatedOnly(entries, problems);
}

function checkUnique<T>(list: readonly Located<T>[], keyOf: (entry: Located<T>) => string, label: string, field: string, problems: ProblemList): void {
  const first = new Map<string, Located<T>>();
  for (const entry of list) {
    const key = keyOf(entry);
    const earlier = first.get(key);
    if (earlier) {
      const where = earlier.parsed.positionOf([...earlier.path, field]);
      report(entry, [field], `duplicate ${label} '${key}' (first defined at ${earlier.file}:${where.line}:${where.col})`, problems);
    } else {
      first.set(key, entry);
    }
  }
}

function countryReferences(fact: Fact): Array<[PathSegment[], string]> {
  const references: Array<[PathSegment[], string]> = fact.countries.map((code, index) => [['countries', index], code]);
  if (fact.kind === 'restriction') {
    references.push([['imposedBy'], fact.imposedBy]);
    fact.targets.forEach((code, index) => references.push([['targets', index], code]));
  } else if (fact.kind === 'market-share') {
    fact.shares.forEach((share, index) => references.push([['shares', index, 'country'], share.country]));
    if (fact.market) references.push([['market'], fact.market]);
  } else if (fact.kind === 'meeting') {
    fact.participants.forEach((code, index) => references.push([['participants', index], code]));
  } else if (fact.kind === 'policy' && fact.actor) {
    references.push([['actor'], fact.actor]);
  }
  return references;
}

function checkRestrictionDates(entry: Located<Extract<Fact, { kind: 'restriction' }>>, problems: ProblemList): void {
  const { announced, effective, expires, id } = entry.value;
  if (effective !== undefined && !mayFollow(announced, effective)) {
    report(entry, ['effective'], `fact '${id}': effective date ${effective} precedes the announcement on ${announced}`, problems);
  }
  const start = effective ?? announced;
  if (expires !== undefined && !mayFollow(start, expires)) {
    report(entry, ['expires'], `fact '${id}': expiry ${expires} precedes ${effective ? 'the effective date' : 'the announcement'} ${start}`, problems);
  }
}

/**
 * Percent shares for one stage, year, source, market and material set describe one pie: their sum
 * cannot exceed 100. A country named twice (the same figure repeated in two facts) counts once.
 */
function checkShareSums(facts: readonly Located<Fact>[], problems: ProblemList): void {
  const groups = new Map<string, { byCountry: Map<string, number>; facts: Located<MarketShareFact>[] }>();
  for (const entry of facts) {
    const fact = entry.value;
    if (fact.kind !== 'market-share') continue;
    for (const citation of fact.citations) {
      const key = [fact.stage, fact.year, citation.source, fact.market ?? '', [...fact.materials].sort().join('+')].join('|');
      let group = groups.get(key);
      if (!group) {
        group = { byCountry: new Map(), facts: [] };
        groups.set(key, group);
      }
      let counted = false;
      for (const share of fact.shares) {
        if (share.unit !== 'percent' || share.country === 'XX') continue;
        group.byCountry.set(share.country, Math.max(group.byCountry.get(share.country) ?? 0, share.value));
        counted = true;
      }
      if (counted) group.facts.push(entry as Located<MarketShareFact>);
    }
  }
  for (const [key, group] of groups) {
    const sum = [...group.byCountry.values()].reduce((total, value) => total + value, 0);
    if (sum <= 100 + 1e-9) continue;
    const [stage, year, source] = key.split('|');
    const last = group.facts.at(-1);
    if (!last) continue;
    const ids = [...new Set(group.facts.map((entry) => entry.value.id))].join(', ');
    report(last, ['shares'], `percent shares for ${stage} in ${year} from source '${source}' sum to ${round(sum)}% (facts: ${ids}); they cannot exceed 100%`, problems);
  }
}

function warnUncitedSources(entries: Entries, cited: ReadonlySet<string>, problems: ProblemList): void {
  for (const entry of entries.sources) {
    if (!cited.has(entry.value.id)) warn(entry, ['id'], `source '${entry.value.id}' is not cited by any fact`, problems);
  }
}

/** A fact that another one supersedes should say so itself, so readers of either see the link. */
function warnMissingSupersededBy(facts: readonly Located<Fact>[], problems: ProblemList): void {
  const byId = new Map(facts.map((entry) => [entry.value.id, entry]));
  for (const entry of facts) {
    const older = entry.value.supersedes ? byId.get(entry.value.supersedes) : undefined;
    if (older && older.value.supersededBy !== entry.value.id) {
      warn(older, ['id'], `fact '${older.value.id}' is superseded by '${entry.value.id}' but has no supersededBy: ${entry.value.id}`, problems);
    }
  }
}

function warnUndatedOnly(entries: Entries, problems: ProblemList): void {
  const undated = new Set(entries.sources.filter((entry) => entry.value.published === 'undated').map((entry) => entry.value.id));
  if (undated.size === 0) return;
  for (const entry of entries.facts) {
    if (entry.value.citations.every((citation) => undated.has(citation.source))) {
      warn(entry, ['citations'], `fact '${entry.value.id}' cites only undated sources`, problems);
    }
  }
}

function report<T>(entry: Located<T>, path: readonly PathSegment[], message: string, problems: ProblemList): void {
  problems.error(entry.file, entry.parsed.positionOf([...entry.path, ...path]), message);
}

function warn<T>(entry: Located<T>, path: readonly PathSegment[], message: string, problems: ProblemList): void {
  problems.warning(entry.file, entry.parsed.positionOf([...entry.path, ...path]), message);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
