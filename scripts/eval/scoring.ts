/**
 * Scoring an eval run: each question's Answer against what the set expects of it. Pure: no
 * knowledge, no clock, so it is tested on hand-made answers.
 *
 * - answerable with `expect.facts`: top-1 when the first ranked fact is one of them, top-3 when any
 *   of the first three is; a no-answer is a refusal (a miss).
 * - answerable with `expect.refuse`: the knowledge has no such fact, so an honest no-answer is right.
 * - answerable without `expect`: not scored yet (nobody has mapped its claim), counted apart.
 * - off-topic: right only when declined (status no-answer).
 */
import type { Answer, AnswerStatus } from '../../src/answer/answer.ts';
import type { EvalQuestion } from './set-file.ts';

export type Outcome = 'top1' | 'top3' | 'miss' | 'refused' | 'refusal-ok' | 'answered-not-refused' | 'declined' | 'not-declined' | 'unmapped';

export interface RankedFact {
  readonly factId: string;
  /** Absent for share rows, which rank by position rather than score. */
  readonly score?: number;
}

export interface QuestionResult {
  readonly id: string;
  readonly class: EvalQuestion['class'];
  readonly question: string;
  readonly expected: string;
  readonly status: AnswerStatus;
  readonly message?: string;
  /** The first three ranked facts the bot gave. */
  readonly top: readonly RankedFact[];
  readonly outcome: Outcome;
  /** True when the outcome counts against the bot (shown among the misses). */
  readonly missed: boolean;
}

export interface Summary {
  readonly total: number;
  readonly mapped: { readonly n: number; readonly top1: number; readonly top3: number; readonly refused: number };
  readonly refusals: { readonly n: number; readonly correct: number; readonly answered: number };
  readonly offTopic: { readonly n: number; readonly declined: number };
  readonly unmapped: { readonly n: number; readonly answered: number; readonly noAnswer: number };
  /** Questions of any kind whose status was error (a command that could not run). */
  readonly errors: number;
}

const MISSED: ReadonlySet<Outcome> = new Set(['top3', 'miss', 'refused', 'answered-not-refused', 'not-declined']);

/**
 * The facts an answer ranks, best first: its items, then the fact behind each share row not already
 * listed (a share-only answer, such as a ranking of producers, ranks by its rows).
 */
export function rankedFacts(answer: Answer): RankedFact[] {
  const ranked: RankedFact[] = answer.answers.map((item) => ({ factId: item.factId, score: item.score }));
  const seen = new Set(ranked.map((fact) => fact.factId));
  const rows = [...(answer.shares ?? [])].filter((row) => row.rank > 0).sort((a, b) => a.rank - b.rank);
  for (const row of rows) {
    if (seen.has(row.factId)) continue;
    seen.add(row.factId);
    ranked.push({ factId: row.factId });
  }
  return ranked;
}

export function scoreQuestion(entry: EvalQuestion, answer: Answer): QuestionResult {
  const ranked = rankedFacts(answer);
  const outcome = outcomeOf(entry, answer.status, ranked);
  return {
    id: entry.id,
    class: entry.class,
    question: entry.question.trim(),
    expected: describeExpected(entry),
    status: answer.status,
    ...(answer.message ? { message: answer.message } : {}),
    top: ranked.slice(0, 3),
    outcome,
    missed: MISSED.has(outcome),
  };
}

function outcomeOf(entry: EvalQuestion, status: AnswerStatus, ranked: readonly RankedFact[]): Outcome {
  const declined = status === 'no-answer';
  if (entry.class === 'off-topic') return declined ? 'declined' : 'not-declined';
  const expect = entry.expect;
  if (!expect) return 'unmapped';
  if ('refuse' in expect) return declined ? 'refusal-ok' : 'answered-not-refused';
  if (status !== 'answered' || ranked.length === 0) return 'refused';
  const wanted = new Set(expect.facts);
  if (wanted.has(ranked[0]?.factId ?? '')) return 'top1';
  if (ranked.slice(0, 3).some((fact) => wanted.has(fact.factId))) return 'top3';
  return 'miss';
}

export function describeExpected(entry: EvalQuestion): string {
  if (entry.class === 'off-topic') return 'decline';
  if (!entry.expect) return 'unmapped';
  return 'refuse' in entry.expect ? 'no-answer (refuse)' : entry.expect.facts.join(' | ');
}

export function summarize(results: readonly QuestionResult[]): Summary {
  const count = (outcomes: readonly Outcome[]) => results.filter((result) => outcomes.includes(result.outcome)).length;
  const unmapped = results.filter((result) => result.outcome === 'unmapped');
  return {
    total: results.length,
    mapped: {
      n: count(['top1', 'top3', 'miss', 'refused']),
      top1: count(['top1']),
      top3: count(['top1', 'top3']),
      refused: count(['refused']),
    },
    refusals: { n: count(['refusal-ok', 'answered-not-refused']), correct: count(['refusal-ok']), answered: count(['answered-not-refused']) },
    offTopic: { n: count(['declined', 'not-declined']), declined: count(['declined']) },
    unmapped: {
      n: unmapped.length,
      answered: unmapped.filter((result) => result.status === 'answered').length,
      noAnswer: unmapped.filter((result) => result.status === 'no-answer').length,
    },
    errors: results.filter((result) => result.status === 'error').length,
  };
}
