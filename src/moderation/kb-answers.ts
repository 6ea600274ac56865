import { messageAnswer, type Answer } from '../answer/answer.ts';
import { formatProblem, type Problem } from '../knowledge/problems.ts';
import { summarize } from '../knowledge/summary.ts';
import type { HeldReload, ReloadResult } from '../reload/live-knowledge.ts';
import { describeRemovals } from '../reload/removals.ts';
import type { FeedbackRow, GapRow } from '../store/store.ts';
import type { FileCheck } from './check-file.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { fencedList, listBudget, REPLY_CHARS } from './fenced-list.ts';

/**
 * The moderators' reports as Answers: what /kb status, reload, check, gaps, feedback (and stale, in stale-answer.ts) say. Each
 * fits the reply whole (fenced-list.ts): lists are cut inside their code block and the rest counted.
 */
export function problemsBlock(problems: readonly Problem[], budget = REPLY_CHARS - 300): string {
  return fencedList(problems.map(formatProblem), budget, { hint: ' (npm run kb:check shows all)' });
}

/**
 * Prose lines, then the lists sharing the room that is left: a list that needs less than an equal
 * share leaves the rest to the others, so a short list never starves a long one.
 */
export function reply(prose: readonly string[], lists: readonly ((budget: number) => string)[]): string {
  let room = listBudget(prose, 1) - lists.length;
  const needs = lists.map((list) => list(Number.MAX_SAFE_INTEGER).length);
  const budgets = new Array<number>(lists.length).fill(0);
  const order = needs.map((_, index) => index).sort((a, b) => (needs[a] as number) - (needs[b] as number));
  order.forEach((index, position) => {
    const share = Math.floor(room / (order.length - position));
    budgets[index] = Math.min(needs[index] as number, share);
    room -= budgets[index];
  });
  return [...prose, ...lists.map((list, index) => list(budgets[index] as number))].filter(Boolean).join('\n');
}

/**
 * Why a reload was held and the two ways out; the list of files is what a moderator checks first.
 * The list is cut inside its code block to `budget` characters, the rest counted.
 */
export function heldReloadText(held: HeldReload, servedVersion: string, budget = 1000): string {
  return [
    `It would remove ${held.removals.factIds.length} fact(s), more than the ${held.maxRemovals} allowed without confirmation; still serving version ${servedVersion}.`,
    fencedList(describeRemovals(held.removals), budget),
    'Restore the file(s) to cancel, or run /kb reload confirm:true to apply the removal.',
  ].join('\n');
}

function describeReload(result: ReloadResult): string {
  const removed = result.removed ? `; removed ${result.removed.length} fact(s)` : '';
  const outcome = result.held
    ? `HELD: ${heldReloadText(result.held, result.version)}`
    : result.ok
      ? `${result.changed ? 'loaded a new version' : 'no change'}${removed}.`
      : `FAILED with ${result.errors.length} error(s); still serving the last good knowledge.`;
  return `Last reload (${result.trigger}, ${result.at}): ${outcome}`;
}

export function statusAnswer(snapshot: Snapshot, last: ReloadResult): Answer {
  const summary = summarize(snapshot);
  const kinds = Object.entries(summary.factsByKind)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  const prose = [
    `Knowledge version ${summary.version}, loaded ${snapshot.loadedAt}.`,
    `${summary.facts} facts (${kinds}); ${summary.countriesCovered} countries and blocs; ${summary.sources} sources.`,
    describeReload(last),
  ];
  const message = reply(prose, [(budget) => problemsBlock(last.errors.length > 0 ? last.errors : last.warnings, budget)]);
  return messageAnswer('kb', 'status', snapshot, message, { status: last.ok ? 'answered' : 'error' });
}

export function reloadAnswer(snapshot: Snapshot, result: ReloadResult): Answer {
  const message = reply([describeReload(result), `Serving version ${result.version}.`], [(budget) => problemsBlock(result.errors, budget)]);
  return messageAnswer('kb', 'reload', snapshot, message, { status: result.ok ? 'answered' : 'error' });
}

export function checkAnswer(snapshot: Snapshot, name: string, check: FileCheck): Answer {
  const target = check.replaces ? `as a replacement for ${check.replaces}` : 'as a new file';
  const errors = check.problems.filter((problem) => problem.severity === 'error');
  const verdict = check.ok
    ? `${name} checked ${target}: no errors${check.facts ? ` (the knowledge would have ${check.facts} facts)` : ''}. Nothing was applied.`
    : `${name} checked ${target}: ${errors.length} error(s) in the file${check.elsewhere.length > 0 ? `, ${check.elsewhere.length} it would cause elsewhere` : ''}. Nothing was applied.`;
  const lists = [(budget: number) => problemsBlock(check.problems, budget)];
  if (check.elsewhere.length > 0) lists.push((budget) => `Elsewhere:\n${problemsBlock(check.elsewhere, budget - 11)}`);
  return messageAnswer('kb', `check ${name}`, snapshot, reply([verdict], lists), { status: check.ok ? 'answered' : 'error' });
}

/** `atLeast`: the store stopped at its row limit, so there are at least as many more as it says. */
export function gapsAnswer(snapshot: Snapshot, rows: readonly GapRow[], days: number, atLeast = false): Answer {
  if (rows.length === 0) return messageAnswer('kb', `gaps ${days}`, snapshot, `No unanswered questions in the last ${days} day(s).`);
  const lines = rows.map((row) => `${String(row.count).padStart(4)}×  ${row.query}`);
  const head = `Questions without a sourced answer in the last ${days} day(s), most asked first:`;
  return messageAnswer('kb', `gaps ${days}`, snapshot, reply([head], [(budget) => fencedList(lines, budget, { atLeast })]));
}

export function feedbackAnswer(snapshot: Snapshot, rows: readonly FeedbackRow[], days: number, atLeast = false): Answer {
  if (rows.length === 0) return messageAnswer('kb', `feedback ${days}`, snapshot, `No answers marked unhelpful in the last ${days} day(s).`);
  const lines = rows.map((row) => `${String(row.unhelpful).padStart(3)}👎 ${String(row.helpful).padStart(3)}👍  ${row.query}${row.topFactId ? `  → ${row.topFactId}` : ''}`);
  const head = `Answers most often marked unhelpful in the last ${days} day(s):`;
  return messageAnswer('kb', `feedback ${days}`, snapshot, reply([head], [(budget) => fencedList(lines, budget, { atLeast })]));
}
