import { messageAnswer, type Answer } from '../answer/answer.ts';
import { formatProblem, type Problem } from '../knowledge/problems.ts';
import { summarize } from '../knowledge/summary.ts';
import type { HeldReload, ReloadResult } from '../reload/live-knowledge.ts';
import { describeRemovals } from '../reload/removals.ts';
import type { FeedbackRow, GapRow } from '../store/store.ts';
import type { FileCheck } from './check-file.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';

/** The moderators' reports as Answers: what /kb status, reload, check, gaps and feedback say. */
const PROBLEMS_SHOWN = 15;

export function problemsBlock(problems: readonly Problem[]): string {
  if (problems.length === 0) return '';
  const shown = problems.slice(0, PROBLEMS_SHOWN).map(formatProblem);
  const more = problems.length > shown.length ? `\n… and ${problems.length - shown.length} more (npm run kb:check shows all)` : '';
  return `\`\`\`\n${shown.join('\n').replace(/`/g, "'")}\n\`\`\`${more}`;
}

/** Why a reload was held and the two ways out; the list of files is what a moderator checks first. */
export function heldReloadText(held: HeldReload, servedVersion: string): string {
  return [
    `It would remove ${held.removals.factIds.length} fact(s), more than the ${held.maxRemovals} allowed without confirmation; still serving version ${servedVersion}.`,
    `\`\`\`\n${describeRemovals(held.removals).join('\n').replace(/`/g, "'")}\n\`\`\``,
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
  const kinds = Object.entries(summary.factsByKind).map(([kind, count]) => `${kind} ${count}`).join(', ');
  const lines = [
    `Knowledge version ${summary.version}, loaded ${snapshot.loadedAt}.`,
    `${summary.facts} facts (${kinds}); ${summary.countriesCovered} countries and blocs; ${summary.sources} sources.`,
    describeReload(last),
    problemsBlock(last.errors.length > 0 ? last.errors : last.warnings),
  ];
  return messageAnswer('kb', 'status', snapshot, lines.filter(Boolean).join('\n'), { status: last.ok ? 'answered' : 'error' });
}

export function reloadAnswer(snapshot: Snapshot, result: ReloadResult): Answer {
  const lines = [describeReload(result), `Serving version ${result.version}.`, problemsBlock(result.errors)];
  return messageAnswer('kb', 'reload', snapshot, lines.filter(Boolean).join('\n'), { status: result.ok ? 'answered' : 'error' });
}

export function checkAnswer(snapshot: Snapshot, name: string, check: FileCheck): Answer {
  const target = check.replaces ? `as a replacement for ${check.replaces}` : 'as a new file';
  const errors = check.problems.filter((problem) => problem.severity === 'error');
  const verdict = check.ok
    ? `${name} checked ${target}: no errors${check.facts ? ` (the knowledge would have ${check.facts} facts)` : ''}. Nothing was applied.`
    : `${name} checked ${target}: ${errors.length} error(s) in the file${check.elsewhere.length > 0 ? `, ${check.elsewhere.length} it would cause elsewhere` : ''}. Nothing was applied.`;
  const lines = [verdict, problemsBlock(check.problems), check.elsewhere.length > 0 ? `Elsewhere:\n${problemsBlock(check.elsewhere)}` : ''];
  return messageAnswer('kb', `check ${name}`, snapshot, lines.filter(Boolean).join('\n'), { status: check.ok ? 'answered' : 'error' });
}

export function gapsAnswer(snapshot: Snapshot, rows: readonly GapRow[], days: number): Answer {
  if (rows.length === 0) return messageAnswer('kb', `gaps ${days}`, snapshot, `No unanswered questions in the last ${days} day(s).`);
  const lines = rows.map((row) => `${String(row.count).padStart(4)}×  ${row.query}`);
  return messageAnswer(
    'kb',
    `gaps ${days}`,
    snapshot,
    `Questions without a sourced answer in the last ${days} day(s), most asked first:\n\`\`\`\n${lines.join('\n').replace(/`/g, "'")}\n\`\`\``,
  );
}

export function feedbackAnswer(snapshot: Snapshot, rows: readonly FeedbackRow[], days: number): Answer {
  if (rows.length === 0) return messageAnswer('kb', `feedback ${days}`, snapshot, `No answers marked unhelpful in the last ${days} day(s).`);
  const lines = rows.map((row) => `${String(row.unhelpful).padStart(3)}👎 ${String(row.helpful).padStart(3)}👍  ${row.query}${row.topFactId ? `  → ${row.topFactId}` : ''}`);
  return messageAnswer(
    'kb',
    `feedback ${days}`,
    snapshot,
    `Answers most often marked unhelpful in the last ${days} day(s):\n\`\`\`\n${lines.join('\n').replace(/`/g, "'")}\n\`\`\``,
  );
}
