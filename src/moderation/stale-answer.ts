import { messageAnswer, type Answer } from '../answer/answer.ts';
import type { Origin, Snapshot } from '../knowledge/snapshot.ts';
import { escapedLength, fencedList } from './fenced-list.ts';
import { reply } from './kb-answers.ts';
import type { StaleReport } from './staleness.ts';

/** /kb stale and kb:check's staleness section: one line per finding, with where to edit it. */
export interface StaleLines {
  readonly endPassed: readonly string[];
  readonly old: readonly string[];
  readonly mirrors: readonly string[];
}

export function staleLines(report: StaleReport): StaleLines {
  const at = (origin: Origin | undefined) => (origin ? `  ${origin.file}:${origin.line}` : '');
  return {
    endPassed: report.endPassed.map(
      (row) => `${row.date.padEnd(10)}  ${row.what}: ${row.factId}${row.lastConfirmed ? ` (last confirmed ${row.lastConfirmed})` : ''}${at(row.origin)}`,
    ),
    old: report.old.map((row) => `${row.confirmed.padEnd(10)}  ${String(row.ageDays).padStart(4)} days: ${row.factId}${at(row.origin)}`),
    mirrors: report.mirrors.map((row) => `${String(row.citedBy).padStart(2)}× ${row.sourceId}: ${row.publisher} — ${row.why}${at(row.origin)}`),
  };
}

export function staleSummary(report: StaleReport): string {
  return (
    `As of ${report.today}: ${report.endPassed.length} fact(s) whose end date passed with no follow-up, ` +
    `${report.old.length} restriction(s) not confirmed for over ${report.staleAfterDays} days, ${report.mirrors.length} mirror source(s).`
  );
}

export function staleAnswer(snapshot: Snapshot, report: StaleReport): Answer {
  const lines = staleLines(report);
  const query = `stale ${report.staleAfterDays}`;
  if (lines.endPassed.length + lines.old.length + lines.mirrors.length === 0) {
    return messageAnswer('kb', query, snapshot, `Nothing stale as of ${report.today} (restrictions older than ${report.staleAfterDays} days count as old).`);
  }
  const sections: Array<[string, readonly string[]]> = [
    ['End date passed, no follow-up (add a newer fact, or a statusAsOf after the date):', lines.endPassed],
    [`Restrictions not confirmed for over ${report.staleAfterDays} days:`, lines.old],
    ['Mirror sources (cite the original publisher if you can):', lines.mirrors],
  ];
  const lists = sections
    .filter(([, list]) => list.length > 0)
    .map(
      ([heading, list]) =>
        (budget: number) =>
          `${heading}\n${fencedList(list, budget - escapedLength(heading) - 1, { hint: ' (npm run kb:check lists all)' })}`,
    );
  return messageAnswer('kb', query, snapshot, reply([staleSummary(report)], lists));
}
