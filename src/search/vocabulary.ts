import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { FACT_KINDS, MARKET_STAGES, type FactKind, type MarketStage } from '../knowledge/schema.ts';
import { formatProblem, type Problem } from '../knowledge/problems.ts';
import { parseYaml } from '../knowledge/yaml-document.ts';
import { describeZodIssues } from '../knowledge/zod-problems.ts';
import { baseStem } from './stemmer.ts';
import { tokenize } from './tokens.ts';
import { checkRoles } from './vocabulary-check.ts';

/**
 * The search vocabulary (vocabulary.yaml): stop words, spellings, synonyms, concepts (kind hints
 * and equivalent words), signals and declines, validated like a knowledge file and compiled into
 * the lookups search uses. Words are stemmed here, once, with the stemmer facts are indexed with.
 */
export interface IntentHint {
  readonly kinds: readonly FactKind[];
  readonly stage?: MarketStage;
}

export interface Decline {
  readonly reason: string;
  readonly message: string;
  /** Each phrase as tokens, matched against whole words of a question. */
  readonly phrases: readonly (readonly string[])[];
  /**
   * Phrases naming the sense of the attribute that facts do record ("price floor" beside "per kg"):
   * a question holding one is not declined for this reason.
   */
  readonly except: readonly (readonly string[])[];
}

export interface Vocabulary {
  /** Lowercase tokens dropped before anything else. */
  readonly stopWords: ReadonlySet<string>;
  /** Stem of a variant → stem of the word facts use. */
  readonly spellings: ReadonlyMap<string, string>;
  /** Stem → stems the knowledge uses instead, tried only when the stem is not indexed. */
  readonly synonyms: ReadonlyMap<string, readonly string[]>;
  /** Stem → the kind of fact it asks for. */
  readonly hints: ReadonlyMap<string, IntentHint>;
  /** Stem → the other stems of its equivalence group. */
  readonly equivalents: ReadonlyMap<string, readonly string[]>;
  readonly shortWordsThatMatter: ReadonlySet<string>;
  readonly signals: {
    readonly recent: ReadonlySet<string>;
    readonly comparison: ReadonlySet<string>;
    readonly moreOrLess: ReadonlySet<string>;
    /** Phrases as tokens. */
    readonly ranking: readonly (readonly string[])[];
    /** Words that open a question ("what", "does"): what comes before them may be a preamble. */
    readonly questionOpeners: ReadonlySet<string>;
    /** "last year", "this month", "next October". */
    readonly past: ReadonlySet<string>;
    readonly thisPeriod: ReadonlySet<string>;
    readonly next: ReadonlySet<string>;
    /** How a question asking what something is opens ("what are", "what's", "define"), as typed. */
    readonly definition: RegExp;
    readonly askers: ReadonlySet<string>;
    /** Phrases as tokens. */
    readonly excluding: readonly (readonly string[])[];
    readonly pronounUsAfter: ReadonlySet<string>;
    /** Phrases as tokens: "when did … start", "take effect". */
    readonly origin: readonly (readonly string[])[];
    /** "After the April 2025 controls": words making the month after them a bound, not the month asked. */
    readonly after: ReadonlySet<string>;
    /** "Where does the US get…": verbs asking, after "where", for the sources of a country's imports. */
    readonly sourcing: ReadonlySet<string>;
    /** Phrases as tokens: "right now", "these days". */
    readonly recentPhrases: readonly (readonly string[])[];
    /** Phrases as tokens: "how much of", "what share". */
    readonly share: readonly (readonly string[])[];
    /** Phrases as tokens: "how much", "how big". */
    readonly amount: readonly (readonly string[])[];
  };
  readonly declines: readonly Decline[];
  /** Stem of a word naming a region ("african") → the region. */
  readonly regions: ReadonlyMap<string, Region>;
}

export interface Region {
  readonly name: string;
  /** ISO codes of its countries. */
  readonly members: readonly string[];
}

const words = z.array(z.string().min(1));
const hintSchema = z.strictObject({ kinds: z.array(z.enum(FACT_KINDS)).min(1), stage: z.enum(MARKET_STAGES).optional() });
export const vocabularySchema = z.strictObject({
  stopWords: words,
  spellings: z.record(z.string(), z.string().min(1)),
  synonyms: z.record(z.string(), words.min(1)),
  concepts: z.array(z.strictObject({ hint: hintSchema.optional(), equivalent: z.boolean().optional(), words: words.min(1) })),
  shortWordsThatMatter: words,
  signals: z.strictObject({
    recent: words,
    comparison: words,
    moreOrLess: words,
    ranking: words,
    askers: words,
    questionOpeners: words,
    past: words,
    thisPeriod: words,
    next: words,
    definition: words,
    excluding: words,
    pronounUsAfter: words,
    origin: words,
    after: words,
    share: words,
    amount: words,
    recentPhrases: words,
    sourcing: words,
  }),
  declines: z.array(z.strictObject({ reason: z.string().min(1), message: z.string().min(1), phrases: words.min(1), except: words.optional() })),
  regions: z.array(z.strictObject({ name: z.string().min(1), words: words.min(1), members: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1) })).default([]),
});
export type VocabularyFile = z.infer<typeof vocabularySchema>;

/** One lowercase token, as the tokenizer would read the word (a vocabulary word is one token). */
export function token(word: string): string {
  return tokenize(word).join('');
}

/** The stem search uses for a word, spellings applied (a copy of normalize.ts `stem`, built from data). */
export function stemWith(spellings: ReadonlyMap<string, string>, word: string): string {
  const base = baseStem(token(word));
  return spellings.get(base) ?? base;
}

export type VocabularyResult = { ok: true; vocabulary: Vocabulary } | { ok: false; problems: Problem[] };

/** Parses, validates and compiles a vocabulary file; every problem is located at its line. */
export function loadVocabulary(text: string, file: string): VocabularyResult {
  const parsed = parseYaml(text);
  if (!parsed.ok) return { ok: false, problems: parsed.errors.map((error) => ({ severity: 'error', file, ...error.position, message: error.message })) };
  const shape = vocabularySchema.safeParse(parsed.parsed.value);
  if (!shape.success) {
    const located = describeZodIssues(shape.error.issues, [], parsed.parsed.value, parsed.parsed);
    return { ok: false, problems: located.map((problem) => ({ severity: 'error', file, ...problem.position, message: problem.message })) };
  }
  const data = shape.data;
  const roleProblems = checkRoles(data, parsed.parsed).map((problem) => ({ severity: 'error' as const, file, ...problem.position, message: problem.message }));
  if (roleProblems.length > 0) return { ok: false, problems: roleProblems };
  return { ok: true, vocabulary: compile(data) };
}

export function spellingsOf(data: VocabularyFile): Map<string, string> {
  return new Map(Object.entries(data.spellings).map(([variant, target]) => [baseStem(token(variant)), baseStem(token(target))]));
}

function compile(data: VocabularyFile): Vocabulary {
  const spellings = spellingsOf(data);
  const stemOf = (word: string) => stemWith(spellings, word);
  const hints = new Map<string, IntentHint>();
  const equivalents = new Map<string, readonly string[]>();
  for (const concept of data.concepts) {
    const stems = [...new Set(concept.words.map(stemOf))];
    for (const stem of stems) {
      if (concept.hint) hints.set(stem, concept.hint.stage ? { kinds: concept.hint.kinds, stage: concept.hint.stage } : { kinds: concept.hint.kinds });
      if (concept.equivalent)
        equivalents.set(
          stem,
          stems.filter((other) => other !== stem),
        );
    }
  }
  const synonyms = new Map(Object.entries(data.synonyms).map(([word, targets]) => [stemOf(word), [...new Set(targets.map(stemOf))]] as const));
  // A synonym says what its targets say: "stop" (→ halt) asks for restrictions as "halt" does.
  for (const [word, targets] of synonyms) {
    const hint = targets.map((target) => hints.get(target)).find((found) => found !== undefined);
    if (hint) hints.set(word, hint);
  }
  const tokens = (list: readonly string[]) => new Set(list.map(token));
  const phrases = (list: readonly string[]) => list.map((phrase) => tokenize(phrase));
  return {
    stopWords: tokens(data.stopWords),
    spellings,
    synonyms,
    hints,
    equivalents,
    shortWordsThatMatter: new Set(data.shortWordsThatMatter.map(stemOf)),
    signals: {
      recent: tokens(data.signals.recent),
      comparison: tokens(data.signals.comparison),
      moreOrLess: tokens(data.signals.moreOrLess),
      ranking: phrases(data.signals.ranking),
      askers: tokens(data.signals.askers),
      questionOpeners: tokens(data.signals.questionOpeners),
      past: tokens(data.signals.past),
      thisPeriod: tokens(data.signals.thisPeriod),
      next: tokens(data.signals.next),
      definition: new RegExp(
        `^\\s*(?:${data.signals.definition
          .map((opener) =>
            opener
              .toLowerCase()
              .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
              .replace(/ +/g, '\\s+'),
          )
          .join('|')})\\b`,
        'i',
      ),
      excluding: phrases(data.signals.excluding),
      pronounUsAfter: tokens(data.signals.pronounUsAfter),
      origin: phrases(data.signals.origin),
      after: tokens(data.signals.after),
      share: phrases(data.signals.share),
      amount: phrases(data.signals.amount),
      recentPhrases: phrases(data.signals.recentPhrases),
      sourcing: tokens(data.signals.sourcing),
    },
    declines: data.declines.map((decline) => ({
      reason: decline.reason,
      message: decline.message,
      phrases: phrases(decline.phrases),
      except: phrases(decline.except ?? []),
    })),
    regions: new Map(
      data.regions.flatMap((region) => {
        const compiled: Region = { name: region.name, members: region.members };
        return region.words.map((word) => [stemOf(word), compiled] as const);
      }),
    ),
  };
}

export const VOCABULARY_FILE = fileURLToPath(new URL('./vocabulary.yaml', import.meta.url));

function loadShipped(): Vocabulary {
  const result = loadVocabulary(readFileSync(VOCABULARY_FILE, 'utf8'), 'src/search/vocabulary.yaml');
  if (!result.ok) throw new Error(`the search vocabulary is invalid:\n${result.problems.map(formatProblem).join('\n')}`);
  return result.vocabulary;
}

/** The shipped vocabulary, read and checked once when search is first imported. */
export const VOCABULARY: Vocabulary = loadShipped();
