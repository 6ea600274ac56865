import type { Snapshot } from './snapshot.ts';
import { FACT_KINDS, type FactKind } from './schema.ts';

export interface KnowledgeSummary {
  readonly version: string;
  readonly facts: number;
  readonly factsByKind: Readonly<Record<FactKind, number>>;
  /** Countries and blocs that at least one fact is about (the world, XX, not counted). */
  readonly countriesCovered: number;
  readonly countryCodes: readonly string[];
  readonly sources: number;
  readonly sourcesCited: number;
}

export function summarize(snapshot: Snapshot): KnowledgeSummary {
  const factsByKind = Object.fromEntries(FACT_KINDS.map((kind) => [kind, 0])) as Record<FactKind, number>;
  const covered = new Set<string>();
  const cited = new Set<string>();
  for (const fact of snapshot.facts) {
    factsByKind[fact.kind]++;
    for (const code of fact.countries) if (code !== 'XX') covered.add(code);
    for (const citation of fact.citations) cited.add(citation.source);
  }
  return {
    version: snapshot.version,
    facts: snapshot.facts.length,
    factsByKind,
    countriesCovered: covered.size,
    countryCodes: [...covered].sort(),
    sources: snapshot.sources.length,
    sourcesCited: cited.size,
  };
}
