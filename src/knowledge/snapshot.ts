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

/**
 * A Snapshot put together a part at a time, for a thread that must not spend one long turn on it:
 * the reload worker sends the facts in chunks, and each chunk is frozen and indexed as it arrives.
 * `finish` gives what `createSnapshot` would give for the same parts in the same order.
 */
export class SnapshotAssembler {
  readonly #version: string;
  readonly #loadedAt: string;
  readonly #facts: Fact[] = [];
  readonly #sources: Source[] = [];
  readonly #countries: Country[] = [];
  readonly #materials: Material[] = [];
  readonly #factById = new Map<string, Fact>();
  readonly #sourceById = new Map<string, Source>();
  readonly #countryByCode = new Map<string, Country>();
  readonly #materialByCode = new Map<string, Material>();
  readonly #factOrigins = new Map<string, Origin>();
  readonly #sourceOrigins = new Map<string, Origin>();

  constructor(version: string, loadedAt: string) {
    this.#version = version;
    this.#loadedAt = loadedAt;
  }

  addFacts(facts: readonly Fact[], origins: readonly Origin[]): void {
    facts.forEach((fact, i) => {
      deepFreeze(fact);
      this.#facts.push(fact);
      this.#factById.set(fact.id, fact);
      const origin = origins[i];
      if (origin) this.#factOrigins.set(fact.id, Object.freeze(origin));
    });
  }

  addSources(sources: readonly Source[], origins: readonly Origin[]): void {
    sources.forEach((source, i) => {
      deepFreeze(source);
      this.#sources.push(source);
      this.#sourceById.set(source.id, source);
      const origin = origins[i];
      if (origin) this.#sourceOrigins.set(source.id, Object.freeze(origin));
    });
  }

  addReference(countries: readonly Country[], materials: readonly Material[]): void {
    for (const country of countries) {
      this.#countries.push(deepFreeze(country));
      this.#countryByCode.set(country.code, country);
    }
    for (const material of materials) {
      this.#materials.push(deepFreeze(material));
      this.#materialByCode.set(material.code, material);
    }
  }

  /** Facts' origins come before sources' in `origins`, as `buildSnapshot` puts them. */
  finish(): Snapshot {
    const origins = this.#factOrigins;
    for (const [id, origin] of this.#sourceOrigins) origins.set(id, origin);
    return Object.freeze({
      version: this.#version,
      loadedAt: this.#loadedAt,
      facts: Object.freeze(this.#facts),
      sources: Object.freeze(this.#sources),
      countries: Object.freeze(this.#countries),
      materials: Object.freeze(this.#materials),
      factById: this.#factById,
      sourceById: this.#sourceById,
      countryByCode: this.#countryByCode,
      materialByCode: this.#materialByCode,
      origins,
    });
  }
}

/** The same knowledge stamped with another load time (an unchanged reload shares everything else). */
export function restamped(snapshot: Snapshot, loadedAt: Date): Snapshot {
  return Object.freeze({ ...snapshot, loadedAt: loadedAt.toISOString() });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
