import type { Country, Fact, Material, Source } from './schema.ts';

/** Where an entry was defined, shown to readers as provenance and to moderators in problems. */
export interface Origin {
  readonly file: string;
  readonly line: number;
}

/**
 * One validated, immutable state of the knowledge base. Everything downstream (search, answers,
 * digests) reads a Snapshot and never a file, so a reload can build a new one beside the old and
 * swap only when it is whole.
 */
export interface Snapshot {
  /** A short content hash: equal knowledge gives an equal version. */
  readonly version: string;
  /** ISO timestamp of the load. */
  readonly loadedAt: string;
  readonly facts: readonly Fact[];
  readonly sources: readonly Source[];
  readonly countries: readonly Country[];
  readonly materials: readonly Material[];
  readonly factById: ReadonlyMap<string, Fact>;
  readonly sourceById: ReadonlyMap<string, Source>;
  readonly countryByCode: ReadonlyMap<string, Country>;
  readonly materialByCode: ReadonlyMap<string, Material>;
  readonly origins: ReadonlyMap<string, Origin>;
}

export interface SnapshotParts {
  readonly version: string;
  readonly loadedAt: Date;
  readonly facts: readonly Fact[];
  readonly sources: readonly Source[];
  readonly countries: readonly Country[];
  readonly materials: readonly Material[];
  readonly origins: ReadonlyMap<string, Origin>;
}

export function createSnapshot(parts: SnapshotParts): Snapshot {
  const facts = deepFreeze([...parts.facts]);
  const sources = deepFreeze([...parts.sources]);
  const countries = deepFreeze([...parts.countries]);
  const materials = deepFreeze([...parts.materials]);
  return Object.freeze({
    version: parts.version,
    loadedAt: parts.loadedAt.toISOString(),
    facts,
    sources,
    countries,
    materials,
    factById: new Map(facts.map((fact) => [fact.id, fact])),
    sourceById: new Map(sources.map((source) => [source.id, source])),
    countryByCode: new Map(countries.map((country) => [country.code, country])),
    materialByCode: new Map(materials.map((material) => [material.code, material])),
    origins: new Map(parts.origins),
  });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
