import { earliestDay, latestDay } from '../knowledge/dates.ts';
import { RESTRICTION_STATUSES, type Fact, type RestrictionFact, type RestrictionStatus } from '../knowledge/schema.ts';

/**
 * The status a restriction may be SHOWN with on a given day. The knowledge records a status as a
 * source reported it (`status`, confirmed on `statusAsOf`); some statuses end by their own terms
 * (`statusUntil`: a suspension until 2026-11-10), some measures end (`expires`), and an announced
 * measure is due on its `effective` day. Once such a date has passed and no source has confirmed
 * the status since, showing the recorded status as current would be wrong. Three shown statuses
 * say so, and nothing else is guessed (whether a suspension was extended is never assumed):
 *
 * - `expired`: the measure's own `expires` date has passed (any status but `lifted`).
 * - `ended`: the recorded status ran `statusUntil` and that day has passed ("suspension ended").
 * - `unconfirmed`: a `proposed`/`announced` measure's `effective` date has passed with no source
 *   since saying it took effect ("due to take effect 2026-01; not confirmed since").
 *
 * A date has passed once its last possible day is before today (`statusUntil: 2026-11-10` still
 * holds on 2026-11-10). A `statusAsOf` after the date means a source confirmed the status later,
 * so the recorded status stands. A fact with `supersededBy` points to what followed.
 */
export const SHOWN_STATUSES = [...RESTRICTION_STATUSES, 'ended', 'expired', 'unconfirmed'] as const;
export type ShownStatusKey = (typeof SHOWN_STATUSES)[number];
export type StatusDates = Pick<RestrictionFact, 'status' | 'statusAsOf' | 'statusUntil' | 'expires' | 'effective' | 'supersededBy'>;

export interface ShownStatus {
  readonly key: ShownStatusKey;
  readonly recorded: RestrictionStatus;
  /** Short, for a title, a count or a chart: "in force", "suspension ended 2026-11-10". */
  readonly label: string;
  /** The whole status for a description: "suspended (as of 2025-11) until 2026-11-10", or the label with what is (not) known since. */
  readonly text: string;
  /** The date whose passing changed what is shown (absent while the recorded status holds). */
  readonly passed?: string;
}

export const STATUS_LABELS: Record<RestrictionStatus, string> = {
  proposed: 'proposed',
  announced: 'announced',
  'in-force': 'in force',
  suspended: 'suspended',
  lifted: 'lifted',
};

/** How each shown status is named on its own: a legend, a count, a filter. */
export const SHOWN_STATUS_NAMES: Record<ShownStatusKey, string> = {
  ...STATUS_LABELS,
  ended: 'ended (no source since)',
  expired: 'expired',
  unconfirmed: 'due (not confirmed since)',
};

const NO_SOURCE_SINCE = 'no source yet on what followed';

export function shownStatus(fact: StatusDates, today: string): ShownStatus {
  const recorded = fact.status;
  const confirmedAfter = (date: string) => fact.statusAsOf !== undefined && earliestDay(fact.statusAsOf) > latestDay(date);
  // Not a type guard: a date can be present and not yet passed, and a guard's false branch would claim it absent.
  const passed = (date: string | undefined): string | undefined => (date !== undefined && latestDay(date) < today && !confirmedAfter(date) ? date : undefined);
  const lastConfirmed = fact.statusAsOf ? ` (last confirmed ${fact.statusAsOf})` : '';
  const followUp = `${lastConfirmed}; ${fact.supersededBy ? `see ${fact.supersededBy} for what followed` : NO_SOURCE_SINCE}`;

  const expired = recorded !== 'lifted' ? passed(fact.expires) : undefined;
  if (expired) {
    const label = `expired ${expired}`;
    return { key: 'expired', recorded, label, text: `${label}${followUp}`, passed: expired };
  }
  const ended = passed(fact.statusUntil);
  if (ended) {
    const label = recorded === 'suspended' ? `suspension ended ${ended}` : `${STATUS_LABELS[recorded]} until ${ended}, since passed`;
    return { key: 'ended', recorded, label, text: `${label}${followUp}`, passed: ended };
  }
  const due = recorded === 'announced' || recorded === 'proposed' ? passed(fact.effective) : undefined;
  if (due) {
    const label = `due ${due}, unconfirmed`;
    return { key: 'unconfirmed', recorded, label, text: `${STATUS_LABELS[recorded]}, due to take effect ${due}${lastConfirmed}; not confirmed since`, passed: due };
  }
  const label = STATUS_LABELS[recorded];
  const asOf = fact.statusAsOf ? ` (as of ${fact.statusAsOf})` : '';
  const until = fact.statusUntil ? ` until ${fact.statusUntil}` : '';
  return { key: recorded, recorded, label, text: `${label}${asOf}${until}` };
}

/** For any fact: the shown status of a restriction, nothing for the other kinds. */
export function shownStatusOf(fact: Fact, today: string): ShownStatus | undefined {
  return fact.kind === 'restriction' ? shownStatus(fact, today) : undefined;
}

export type EndedWhat = 'suspension ended' | 'status ended' | 'expired' | 'due date passed';

/** What happened when a shown status's date passed, in a few words (digests, /kb stale); undefined while it holds. */
export function endedWhat(shown: ShownStatus): EndedWhat | undefined {
  if (shown.passed === undefined) return undefined;
  if (shown.key === 'expired') return 'expired';
  if (shown.key === 'unconfirmed') return 'due date passed';
  return shown.recorded === 'suspended' ? 'suspension ended' : 'status ended';
}
