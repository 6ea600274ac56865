import type { Answer } from '../answer/answer.ts';
import { STATUS_LABELS } from '../answer/describe.ts';
import { RESTRICTION_STATUSES, type RestrictionFact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { publishersOf, slug, type TimelineData, type TimelineEntry } from './chart-data.ts';
import { THEME } from './theme.ts';

/** Rows drawn at most: beyond this a picture shrunk into a Discord embed can no longer be read. */
export const MAX_TIMELINE_ROWS = 20;

/**
 * /restrictions as a timeline: one row per measure of the answer, in the answer's order (oldest
 * announcement first), from its announcement to the day it took effect, coloured by status. The
 * dates come from the facts themselves; a long timeline keeps its most recent rows, as the text does.
 */
export function restrictionsChart(answer: Answer, snapshot: Snapshot): TimelineData | undefined {
  if (answer.command !== 'restrictions' || answer.status !== 'answered') return undefined;
  const facts = answer.answers
    .map((item) => snapshot.factById.get(item.factId))
    .filter((fact): fact is RestrictionFact => fact?.kind === 'restriction');
  if (facts.length === 0) return undefined;
  const shown = facts.slice(-MAX_TIMELINE_ROWS);
  const titles = new Map(answer.answers.map((item) => [item.factId, item.title]));
  const entries: TimelineEntry[] = shown.map((fact) => ({
    label: titles.get(fact.id) ?? fact.title,
    detail: [`announced ${fact.announced}`, fact.effective ? `effective ${fact.effective}` : '', fact.expires ? `expires ${fact.expires}` : ''].filter(Boolean).join(' · '),
    announced: fact.announced,
    ...(fact.effective ? { effective: fact.effective } : {}),
    ...(fact.expires ? { expires: fact.expires } : {}),
    status: fact.status,
    statusLabel: STATUS_LABELS[fact.status],
    ...(fact.statusAsOf ? { statusAsOf: fact.statusAsOf } : {}),
  }));
  const present = new Set(entries.map((entry) => entry.status));
  const citations = answer.answers.filter((item) => shown.some((fact) => fact.id === item.factId)).flatMap((item) => item.citations);
  const cut = facts.length > shown.length ? `; the ${shown.length} most recent of ${facts.length} are drawn` : '';
  return {
    kind: 'restrictions',
    title: `Restrictions ${answer.query}`,
    subtitle: `${facts.length} measure(s), oldest announcement first${cut}`,
    entries,
    legend: RESTRICTION_STATUSES.filter((status) => present.has(status)).map((status) => ({ label: STATUS_LABELS[status], color: THEME.status[status] })),
    footnotes: [
      'Partial dates (2025-04) sit at their first day; the detail under each title gives them as the source does.',
      `Sources: ${publishersOf(citations).join('; ')}`,
    ],
    fileStem: `restrictions-${answer.query === 'in the knowledge base' ? 'all' : slug(answer.query)}`,
  };
}
