/**
 * The engine's own costs at one corpus size, in this process: the index build, p50/p99 of `ask`, of
 * autocomplete (countries, materials, ids) and of each structured answer (country, restrictions,
 * market-share, meetings, source) over the fixed query set with typos, heap and RSS after the build,
 * and relevance: top-1 and top-3 of `ask` on the corpus's planted questions.
 */
import os from 'node:os';
import { ask } from '../src/answer/ask.ts';
import { country } from '../src/answer/country.ts';
import { marketShare } from '../src/answer/market-share.ts';
import { meetings } from '../src/answer/meetings.ts';
import { restrictions } from '../src/answer/restrictions.ts';
import { source } from '../src/answer/source.ts';
import { factSchema, sourceSchema } from '../src/knowledge/schema.ts';
import { SearchIndex } from '../src/search/search-index.ts';
import { lookupsOf } from '../src/answer/facts-by-country.ts';
import { resolveEntityOption } from '../commands/options.ts';
import { buildQuerySet, generateCorpus, type AskClass, type Corpus } from './bench-corpus.ts';
import { corpusFingerprint, corpusSnapshot, loadShippedBase, NOW, progress } from './bench-setup.ts';
import { collectGarbage, evenly, MB, round, stats, timeKind, type KindStats, type Timed } from './bench-stats.ts';

/** At most this many generated facts are schema-checked per size (all of them up to this size). */
const VALIDATE_LIMIT = 20_000;

export const KINDS = [
  'ask',
  'autocomplete',
  'autocomplete-country',
  'autocomplete-material',
  'autocomplete-id',
  'country',
  'restrictions',
  'market-share',
  'meetings',
  'source',
] as const;
export type Kind = (typeof KINDS)[number];
export const ASK_CLASSES: readonly AskClass[] = ['planted', 'question', 'long', 'keywords', 'prefix'];

export interface Miss {
  readonly query: string;
  readonly expected: string;
  readonly got: readonly string[];
}

export interface Relevance {
  readonly top1: number;
  readonly top3: number;
  readonly of: number;
  readonly misses: readonly Miss[];
}

export type SearchRow = {
  readonly n: number;
  readonly corpus: string;
  readonly sources: number;
  readonly buildMs: number;
  readonly heapUsedMB: number;
  readonly rssMB: number;
  /** Heap growth from building the index (after GC, corpus already in memory). */
  readonly indexHeapMB: number;
  readonly maxRssMB: number;
  readonly relevance: Relevance;
  readonly askByClass: Readonly<Record<AskClass, { readonly p50: number; readonly p99: number; readonly count: number }>>;
  readonly meta: {
    readonly seed: number;
    readonly generateMs: number;
    readonly validateMs: number;
    readonly validated: number;
    readonly snapshotMs: number;
    readonly rerolls: number;
    readonly gcExposed: boolean;
    readonly budgetSeconds: number;
    readonly queriesCap: number | null;
    readonly node: string;
    readonly cpus: number;
  };
} & { readonly [K in Kind]: KindStats };

export interface SearchOptions {
  readonly seed: number;
  readonly queries: number | undefined;
  readonly budgetSeconds: number;
}

/** Top-1 and top-3 hits of a search (fact ids, best first) on the corpus's planted questions. */
export function plantedRelevance(corpus: Corpus, search: (query: string) => readonly string[]): Relevance {
  const misses: Miss[] = [];
  let top1 = 0;
  let top3 = 0;
  for (const planted of corpus.planted) {
    const got = search(planted.query);
    if (got[0] === planted.factId) top1++;
    if (got.slice(0, 3).includes(planted.factId)) top3++;
    else misses.push({ query: planted.query, expected: planted.factId, got: got.slice(0, 3) });
  }
  return { top1, top3, of: corpus.planted.length, misses };
}

function validateCorpus(corpus: Corpus): number {
  const toValidate = corpus.facts.length <= VALIDATE_LIMIT ? corpus.facts : evenly(corpus.facts, VALIDATE_LIMIT);
  const plantedIds = new Set(corpus.planted.map((p) => p.factId));
  const chosen = new Set(toValidate);
  const checked = [...toValidate, ...corpus.facts.filter((fact) => plantedIds.has(fact.id) && !chosen.has(fact))];
  for (const fact of checked) {
    const result = factSchema.safeParse(fact);
    if (!result.success) throw new Error(`generated fact ${fact.id} is invalid: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  for (const src of corpus.sources) {
    const result = sourceSchema.safeParse(src);
    if (!result.success) throw new Error(`generated source ${src.id} is invalid: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  if (new Set(corpus.facts.map((fact) => fact.id)).size !== corpus.facts.length) throw new Error('generated fact ids are not unique');
  return checked.length;
}

export async function measureSearch(n: number, options: SearchOptions): Promise<SearchRow> {
  const budgetMs = options.budgetSeconds * 1000;
  const base = await loadShippedBase();

  progress(n, 'generating corpus');
  let t = performance.now();
  const corpus = generateCorpus(n, base, options.seed);
  const generateMs = performance.now() - t;

  t = performance.now();
  const validated = validateCorpus(corpus);
  const validateMs = performance.now() - t;

  t = performance.now();
  const snapshot = corpusSnapshot(corpus, base, `bench-${n}-${options.seed}`);
  const snapshotMs = performance.now() - t;

  progress(n, `building index (${corpus.rerolls} random facts re-rolled)`);
  collectGarbage();
  const before = process.memoryUsage();
  const t0 = process.hrtime.bigint();
  const index = new SearchIndex(snapshot);
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
  collectGarbage();
  const after = process.memoryUsage();
  // The bot's reload builds the answer lookups (/source, /restrictions, /meetings) with the index.
  lookupsOf(snapshot);
  progress(n, `index built in ${buildMs.toFixed(0)} ms; heap ${(after.heapUsed / MB).toFixed(1)} MB, RSS ${(after.rss / MB).toFixed(0)} MB`);

  const queries = buildQuerySet(base, corpus, options.seed);
  const isAnswer = (status: string) => status === 'answered';
  /** An option as the slash command resolves it: a code, or the command's "unknown country" answer. */
  const resolve = (type: 'country' | 'material', command: string, option: string, input: string) => resolveEntityOption(index, type, command, option, input);

  const timed = new Map<Kind, Timed>();
  const measure = <T>(kind: Kind, items: readonly T[], run: (item: T) => boolean) => {
    progress(n, `timing ${kind} (${items.length} queries)`);
    timed.set(kind, timeKind(items, run, options.queries, budgetMs));
  };

  const askItems = queries.ask;
  measure('ask', askItems, (q) => isAnswer(ask(index, q.text).status));
  measure('autocomplete-country', queries.completeCountry, (prefix) => index.completeEntity('country', prefix).length > 0);
  measure('autocomplete-material', queries.completeMaterial, (prefix) => index.completeEntity('material', prefix).length > 0);
  measure('autocomplete-id', queries.completeId, (prefix) => index.completeId(prefix).length > 0);
  // Structured commands: the typed option is resolved as the command resolves it (code, name, alias or
  // near-miss; otherwise an "unknown" answer with suggestions), then answered.
  measure('country', queries.country, (input) => {
    const resolved = resolve('country', 'country', 'name', input);
    return resolved.ok && isAnswer(country(snapshot, resolved.code, NOW).status);
  });
  measure('restrictions', queries.restrictions, (input) => {
    const countryOption = input.country !== undefined ? resolve('country', 'restrictions', 'country', input.country) : undefined;
    if (countryOption && !countryOption.ok) return false;
    const materialOption = input.material !== undefined ? resolve('material', 'restrictions', 'material', input.material) : undefined;
    if (materialOption && !materialOption.ok) return false;
    const filter = {
      ...(countryOption?.ok ? { country: countryOption.code } : {}),
      ...(materialOption?.ok ? { material: materialOption.code } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.since !== undefined ? { since: input.since } : {}),
    };
    return isAnswer(restrictions(snapshot, filter, NOW).status);
  });
  measure('market-share', queries.marketShare, (input) => {
    const materialOption = input.material !== undefined ? resolve('material', 'market-share', 'material', input.material) : undefined;
    if (materialOption && !materialOption.ok) return false;
    return isAnswer(
      marketShare(snapshot, {
        stage: input.stage,
        ...(materialOption?.ok ? { material: materialOption.code } : {}),
        ...(input.year !== undefined ? { year: input.year } : {}),
        asOfYear: NOW.getUTCFullYear(),
      }).status,
    );
  });
  measure('meetings', queries.meetings, (input) => {
    const countryOption = input.country !== undefined ? resolve('country', 'meetings', 'country', input.country) : undefined;
    if (countryOption && !countryOption.ok) return false;
    return isAnswer(meetings(snapshot, { ...(countryOption?.ok ? { country: countryOption.code } : {}), upcoming: input.upcoming ?? false }, NOW).status);
  });
  measure('source', queries.source, (id) => isAnswer(source(index, id, NOW).status));

  progress(n, 'relevance on planted questions');
  const relevance = plantedRelevance(corpus, (query) => ask(index, query).answers.map((item) => item.factId));

  const kindStats = (kind: Kind): KindStats => {
    const entry = timed.get(kind);
    return entry ? stats(entry.durations, entry.of, entry.answered) : stats([], 0, 0);
  };
  const parts = (['autocomplete-country', 'autocomplete-material', 'autocomplete-id'] as const).map((kind) => timed.get(kind) as Timed);
  const autocomplete = stats(
    parts.flatMap((p) => p.durations),
    parts.reduce((sum, p) => sum + p.of, 0),
    parts.reduce((sum, p) => sum + p.answered, 0),
  );

  // Ask latency by query class; each timed ask call is matched back to its query by position.
  const askTimed = timed.get('ask') as Timed;
  const byClass = Object.fromEntries(
    ASK_CLASSES.map((cls) => {
      const durations = askTimed.durations.filter((_, i) => askItems[askTimed.positions[i] as number]?.cls === cls);
      const s = stats(durations, 0, 0);
      return [cls, { p50: s.p50, p99: s.p99, count: s.count }];
    }),
  ) as SearchRow['askByClass'];

  return {
    n,
    corpus: corpusFingerprint(corpus),
    sources: corpus.sources.length,
    buildMs: round(buildMs, 1),
    heapUsedMB: round(after.heapUsed / MB, 1),
    rssMB: round(after.rss / MB, 1),
    indexHeapMB: round((after.heapUsed - before.heapUsed) / MB, 1),
    maxRssMB: round(process.resourceUsage().maxRSS / 1024, 1),
    relevance,
    ask: kindStats('ask'),
    autocomplete,
    'autocomplete-country': kindStats('autocomplete-country'),
    'autocomplete-material': kindStats('autocomplete-material'),
    'autocomplete-id': kindStats('autocomplete-id'),
    country: kindStats('country'),
    restrictions: kindStats('restrictions'),
    'market-share': kindStats('market-share'),
    meetings: kindStats('meetings'),
    source: kindStats('source'),
    askByClass: byClass,
    meta: {
      seed: options.seed,
      generateMs: round(generateMs, 1),
      validateMs: round(validateMs, 1),
      validated,
      snapshotMs: round(snapshotMs, 1),
      rerolls: corpus.rerolls,
      gcExposed: typeof globalThis.gc === 'function',
      budgetSeconds: options.budgetSeconds,
      queriesCap: options.queries ?? null,
      node: process.version,
      cpus: os.availableParallelism(),
    },
  };
}
