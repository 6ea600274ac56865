/**
 * Two well-known JavaScript search libraries on the same generated corpus and the same queries as
 * the engine, so `npm run bench` can say how fast and how relevant the engine is beside them:
 *
 * - FlexSearch 0.8: a `Document` index, the way its README recommends for fuzzy, multi-field search:
 *   numeric ids, the `forward` tokenizer (partial words), the `LatinAdvanced` encoder (phonetic
 *   normalisation, its typo tolerance), fields listed in order of importance, searched with
 *   `suggest: true` (results that miss a query word still count) and `merge: true` (one list by id).
 *   Array fields are joined into one string each: with array fields its build grows superlinearly
 *   (measured when this benchmark was first set up).
 * - MiniSearch 7: the README's configuration for typo-tolerant search: `fuzzy: 0.2` (edit distance up
 *   to a fifth of the word), `prefix: true`, OR of the query words, BM25 with field boosts.
 *
 * Each indexes, per fact, its title, aliases, tags, summary, and the names, aliases, places and codes
 * of its countries and materials (the engine resolves "PRC", "Beijing" and "Dy" the same way). Both
 * return the top 25 ids (Discord's cap on choices). They run one after the other in a process of
 * their own per size, apart from the engine.
 */
import { Charset, Document } from 'flexsearch';
import MiniSearch from 'minisearch';
import { countriesOf } from '../src/search/fact-text.ts';
import type { Fact } from '../src/knowledge/schema.ts';
import { buildQuerySet, generateCorpus, type CorpusBase } from './bench-corpus.ts';
import { plantedRelevance, type Relevance } from './bench-search.ts';
import { corpusFingerprint, loadShippedBase, progress } from './bench-setup.ts';
import { collectGarbage, MB, round, stats, timeKind, type KindStats } from './bench-stats.ts';

const LIMIT = 25;

type RivalDoc = {
  id: number;
  title: string;
  aliases: string;
  countries: string;
  materials: string;
  tags: string;
  summary: string;
};
type DocField = Exclude<keyof RivalDoc, 'id'>;
/** Most important first: FlexSearch ranks a merged result by the order of the fields it matched. */
const FIELDS: readonly DocField[] = ['title', 'aliases', 'countries', 'materials', 'tags', 'summary'];
/** The engine's own field weights (src/search/fact-text.ts), with names as strong as titles. */
const BOOST: Readonly<Record<DocField, number>> = { title: 3, aliases: 3, countries: 2, materials: 2, tags: 1.5, summary: 1 };

export interface RivalEngine {
  readonly name: 'flexsearch' | 'minisearch';
  readonly version: string;
  readonly config: string;
  build(docs: readonly RivalDoc[]): void;
  /** Indexes of the facts found, best first. */
  search(query: string): readonly number[];
}

export const RIVAL_CONFIGS: Readonly<Record<RivalEngine['name'], string>> = {
  flexsearch:
    'FlexSearch 0.8.212 Document: numeric ids; fields title, aliases, countries, materials, tags, summary (in that order, arrays joined to strings); ' +
    'tokenize "forward", encoder Charset.LatinAdvanced; search with suggest: true, merge: true, limit 25',
  minisearch:
    'MiniSearch 7.2.0: fields title, aliases, countries, materials, tags, summary; search with fuzzy 0.2, prefix: true, combineWith OR, ' +
    'boost title 3, aliases 3, countries 2, materials 2, tags 1.5, summary 1; top 25 of the BM25 ranking',
};

function flexsearchEngine(): RivalEngine {
  const index = new Document<RivalDoc>({
    tokenize: 'forward',
    encoder: Charset.LatinAdvanced,
    document: { id: 'id', index: [...FIELDS] },
  });
  return {
    name: 'flexsearch',
    version: '0.8.212',
    config: RIVAL_CONFIGS.flexsearch,
    build(docs) {
      for (const doc of docs) index.add(doc);
    },
    search(query) {
      return index.search(query, { suggest: true, merge: true, limit: LIMIT }).map((hit) => Number(hit.id));
    },
  };
}

function minisearchEngine(): RivalEngine {
  const index = new MiniSearch<RivalDoc>({
    fields: [...FIELDS],
    idField: 'id',
    searchOptions: { fuzzy: 0.2, prefix: true, combineWith: 'OR', boost: { ...BOOST } },
  });
  return {
    name: 'minisearch',
    version: '7.2.0',
    config: RIVAL_CONFIGS.minisearch,
    build(docs) {
      index.addAll(docs);
    },
    search(query) {
      return index
        .search(query)
        .slice(0, LIMIT)
        .map((hit) => Number(hit.id));
    },
  };
}

export const RIVALS: Readonly<Record<RivalEngine['name'], () => RivalEngine>> = { flexsearch: flexsearchEngine, minisearch: minisearchEngine };

/** A fact as the libraries index it: its own words, and every name its countries and materials go by. */
function documentsOf(facts: readonly Fact[], base: CorpusBase): RivalDoc[] {
  const countryWords = new Map(base.countries.map((c) => [c.code, [c.name, ...c.aliases, ...c.places, c.code].join(' ')]));
  const materialWords = new Map(base.materials.map((m) => [m.code, [m.name, ...m.aliases, m.code].join(' ')]));
  return facts.map((fact, id) => ({
    id,
    title: fact.title,
    aliases: fact.aliases.join(' '),
    countries: [...countriesOf(fact)].map((code) => countryWords.get(code) ?? code).join(' '),
    materials: fact.materials.map((code) => materialWords.get(code) ?? code).join(' '),
    tags: fact.tags.join(' '),
    summary: fact.summary,
  }));
}

export interface RivalRow {
  readonly n: number;
  readonly engine: RivalEngine['name'];
  readonly version: string;
  readonly config: string;
  readonly corpus: string;
  readonly buildMs: number;
  readonly indexHeapMB: number;
  readonly ask: KindStats;
  readonly relevance: Relevance;
}

export interface RivalOptions {
  readonly seed: number;
  readonly queries: number | undefined;
  readonly budgetSeconds: number;
}

/**
 * Both libraries at size `n`, one after the other in this process: each builds its index over the
 * corpus and is timed on the engine's ask queries; the first index is released and collected before
 * the second is built, so neither runs beside the other's heap.
 */
export async function measureRivals(n: number, options: RivalOptions): Promise<{ readonly n: number; readonly rows: readonly RivalRow[] }> {
  const base = await loadShippedBase();
  const corpus = generateCorpus(n, base, options.seed);
  const queries = buildQuerySet(base, corpus, options.seed).ask;
  const fingerprint = corpusFingerprint(corpus);
  const rows: RivalRow[] = [];
  for (const name of ['flexsearch', 'minisearch'] as const) {
    // Block-scoped: once this iteration ends nothing holds the index, and the next GC frees it.
    const engine = RIVALS[name]();
    progress(n, `${name}: building its index`);
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const started = process.hrtime.bigint();
    engine.build(documentsOf(corpus.facts, base));
    const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
    collectGarbage();
    const indexHeapMB = (process.memoryUsage().heapUsed - before) / MB;
    progress(n, `${name}: built in ${buildMs.toFixed(0)} ms; ${queries.length} ask queries`);

    const search = (query: string) => engine.search(query);
    const timed = timeKind(queries, (query) => search(query.text).length > 0, options.queries, options.budgetSeconds * 1000);
    const relevance = plantedRelevance(corpus, (query) => search(query).map((i) => (corpus.facts[i] as Fact).id));
    rows.push({
      n,
      engine: name,
      version: engine.version,
      config: engine.config,
      corpus: fingerprint,
      buildMs: round(buildMs, 1),
      indexHeapMB: round(indexHeapMB, 1),
      ask: stats(timed.durations, timed.of, timed.answered),
      relevance,
    });
  }
  return { n, rows };
}
