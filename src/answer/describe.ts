import type { Fact, RestrictionFact, MeetingFact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { STATUS_LABELS, type ShownStatus } from './shown-status.ts';

export { STATUS_LABELS };

/** Plain-language labels for codes, shared by every structured answer. */
export function countryName(snapshot: Snapshot, code: string): string {
  return snapshot.countryByCode.get(code)?.name ?? code;
}

export function materialName(snapshot: Snapshot, code: string): string {
  const material = snapshot.materialByCode.get(code);
  if (!material) return code;
  return material.group === 'light' || material.group === 'heavy' || (material.group === 'other' && material.atomicNumber !== undefined)
    ? `${material.name} (${material.code})`
    : material.name;
}

export function listNames(names: readonly string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** A measure in words, with the status it may be shown with today (see shown-status.ts). */
export function describeRestriction(fact: RestrictionFact, snapshot: Snapshot, shown: ShownStatus): string {
  const parts = [`${fact.measure.replace(/-/g, ' ')} by ${countryName(snapshot, fact.imposedBy)}`];
  if (fact.targets.length > 0) parts.push(`aimed at ${listNames(fact.targets.map((code) => countryName(snapshot, code)))}`);
  if (fact.materials.length > 0) parts.push(`on ${listNames(fact.materials.map((code) => materialName(snapshot, code)))}`);
  const dates = [`announced ${fact.announced}`];
  if (fact.effective) dates.push(`effective ${fact.effective}`);
  if (fact.expires) dates.push(`expires ${fact.expires}`);
  return `${parts.join(', ')}. ${dates.join('; ')}; status: ${shown.text}.\n${fact.summary}`;
}

export function describeMeeting(fact: MeetingFact, snapshot: Snapshot): string {
  const when = fact.endDate ? `${fact.date} to ${fact.endDate}` : fact.date;
  const lines = [
    `${capitalize(fact.event)}, ${when}${fact.place ? `, ${fact.place}` : ''}. Participants: ${listNames(fact.participants.map((code) => countryName(snapshot, code)))}.`,
  ];
  if (fact.outcome) lines.push(`Outcome: ${fact.outcome}`);
  if (fact.nextMeeting) {
    const next = [fact.nextMeeting.date, fact.nextMeeting.place, fact.nextMeeting.note].filter(Boolean).join(', ');
    lines.push(`Next meeting: ${next.replace(/\.$/, '')}.`);
  }
  lines.push(fact.summary);
  return lines.join('\n');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Newest first by date; equal dates keep knowledge order, so answers are stable. */
export function byDateDescending(a: Fact, b: Fact): number {
  return b.date.localeCompare(a.date);
}
