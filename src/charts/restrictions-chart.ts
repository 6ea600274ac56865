import type { Answer } from '../answer/answer.ts';
import { SHOWN_STATUS_NAMES, SHOWN_STATUSES, STATUS_LABELS, type ShownStatusKey } from '../answer/shown-status.ts';
import type { RestrictionFact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { publishersOf, slug, type TimelineData, type TimelineEntry } from './chart-data.ts';
import { THEME } from './theme.ts';

/** Rows drawn at most: beyond this a picture shrunk into a Discord embed can no longer be read. */
export const MAX_TIMELINE_ROWS = 20;

/**
 * /restrictions as a timeline: one row per measure of the answer, in the answer's order (oldest
 * announcement first), from its announcement to the day it took effect, coloured by status. The
 * dates come from the facts themselves; a long timeline keeps its most recent rows, as the text does.
 * The status is the answer's, as shown on the day it was asked: a suspension whose end has passed
 * is drawn as ended, with the day it ended, never as suspended.
 */
export function restrictionsChart(answer: Answer, snapshot: Snapshot): TimelineData | undefined {
  if (answer.command !== 'restrictions' || answer.status !== 'answered') return undefined;
  const facts = answer.answers
    .map((item) => snapshot.factById.get(item.factId))
    .filter((fact): fact is RestrictionFact => fact?.kind === 'restriction');
  if (facts.length === 0) return undefined;
  const shown = facts.slice(-MAX_TIMELINE_ROWS);
  const items = new Map(answer.answers.map((item) => [item.factId, item]));
  const entries: TimelineEntry[] = shown.map((fact) => {
    const item = items.get(fact.id);
    return {
      label: item?.title ?? fact.title,
      detail: [`announced ${fact.announced}`, fact.effective ? `effective ${fact.effective}` : '', fact.expires ? `expires ${fact.expires}` : ''].filter(Boolean).join(' · '),
      announced: fact.announced,
      ...(fact.effective ? { effective: fact.effective } : {}),
      ...(fact.expires ? { expires: fact.expires } : {}),
      ...statusOf(fact, shownKey(item?.status) ?? fact.status),
    };
  });
  const present = new Set(entries.map((entry) => entry.status));
  const citations = answer.answers.filter((item) => shown.some((fact) => fact.id === item.factId)).flatMap((item) => item.citations);
  const cut = facts.length > shown.length ? `; the ${shown.length} most recent of ${facts.length} are drawn` : '';
  return {
    kind: 'restrictions',
    title: `Restrictions ${answer.query}`,
    subtitle: `${facts.length} measure(s), oldest announcement first${cut}`,
    entries,
    legend: SHOWN_STATUSES.filter((status) => present.has(status)).map((status) => ({ label: SHOWN_STATUS_NAMES[status], color: THEME.status[status] })),
    footnotes: [
      'Partial dates (2025-04) sit at their first day; the detail under each title gives them as the source does.',
      `Sources: ${publishersOf(citations).join('; ')}`,
    ],
    fileStem: `restrictions-${answer.query === 'in the knowledge base' ? 'all' : slug(answer.query)}`,
  };
}

/** The status column: its name, and under it the day it was confirmed, or the day it ended. */
function statusOf(fact: RestrictionFact, status: ShownStatusKey): Pick<TimelineEntry, 'status' | 'statusLabel' | 'statusAsOf' | 'statusNote'> {
  switch (status) {
    case 'ended':
      return { status, statusLabel: fact.status === 'suspended' ? 'suspension ended' : 'status ended', statusNote: `on ${fact.statusUntil}` };
    case 'expired':
      return { status, statusLabel: 'expired', statusNote: `on ${fact.expires}` };
    case 'unconfirmed':
      return { status, statusLabel: 'due, unconfirmed', statusNote: `was due ${fact.effective}` };
    default:
      return { status, statusLabel: STATUS_LABELS[status], ...(fact.statusAsOf ? { statusAsOf: fact.statusAsOf } : {}) };
  }
}

function shownKey(status: string | undefined): ShownStatusKey | undefined {
  return (SHOWN_STATUSES as readonly string[]).includes(status ?? '') ? (status as ShownStatusKey) : undefined;
}
