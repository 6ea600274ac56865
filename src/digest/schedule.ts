import { Cron } from 'croner';
import { cut } from '../text/cut.ts';

/**
 * A digest's schedule: "daily" or "weekly" at a time of day, or a cron expression, always in an
 * IANA time zone. croner computes the slots, so 09:00 in Europe/Berlin stays 09:00 local on both
 * sides of a daylight-saving change.
 */
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface ScheduleInput {
  /** `daily`, `weekly` or a five-field cron expression. */
  readonly schedule: string;
  /** HH:MM, 24-hour; default 09:00 (ignored for cron expressions). */
  readonly time?: string;
  readonly weekday?: string;
  readonly timezone?: string;
}

export interface Schedule {
  readonly cron: string;
  readonly timezone: string;
  /** How people read it: "daily at 09:00", "weekly on monday at 08:30", "cron 0 7 * * 1-5". */
  readonly label: string;
}

export type ScheduleResult = { readonly ok: true; readonly schedule: Schedule } | { readonly ok: false; readonly error: string };

/** Digests are summaries: more than one an hour would be noise in a channel. */
export const MIN_INTERVAL_MS = 60 * 60 * 1000;
const DEFAULT_TIME = '09:00';
/** How much of a value that could not be read is quoted back in the error. */
const ECHO_CHARS = 60;

export function parseSchedule(input: ScheduleInput): ScheduleResult {
  const timezone = resolveTimeZone(input.timezone ?? 'UTC');
  if (!timezone) {
    return { ok: false, error: `Unknown time zone "${cut(input.timezone ?? '', ECHO_CHARS)}". Use an IANA name such as Europe/Berlin, America/New_York or UTC.` };
  }
  const kind = input.schedule.trim().toLowerCase();
  if (kind === 'daily' || kind === 'weekly') {
    const time = parseTime(input.time ?? DEFAULT_TIME);
    if (!time) return { ok: false, error: `"${cut(input.time ?? '', ECHO_CHARS)}" is not a time of day: write it as HH:MM, for example 09:00 or 17:30.` };
    const at = `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
    if (kind === 'daily') return { ok: true, schedule: { cron: `${time.minute} ${time.hour} * * *`, timezone, label: `daily at ${at}` } };
    const weekday = (input.weekday ?? 'monday').trim().toLowerCase();
    const day = WEEKDAYS.findIndex((name) => name === weekday || name.slice(0, 3) === weekday);
    if (day < 0) return { ok: false, error: `"${cut(input.weekday ?? '', ECHO_CHARS)}" is not a weekday: use monday … sunday.` };
    return { ok: true, schedule: { cron: `${time.minute} ${time.hour} * * ${day}`, timezone, label: `weekly on ${WEEKDAYS[day]} at ${at}` } };
  }

  const cron = input.schedule.trim().replace(/\s+/g, ' ');
  if (cron.split(' ').length !== 5) {
    return {
      ok: false,
      error: `"${cut(cron, ECHO_CHARS)}" is not a schedule: use daily, weekly, or a five-field cron expression such as "0 8 * * 1-5" (minute hour day month weekday).`,
    };
  }
  let runs: Date[];
  try {
    runs = new Cron(cron, { timezone, paused: true, mode: '5-part' }).nextRuns(25);
  } catch (error) {
    return {
      ok: false,
      error: `"${cut(cron, ECHO_CHARS)}" is not a valid cron expression: ${error instanceof Error ? error.message.replace(/^CronPattern: /, '') : 'unreadable'}.`,
    };
  }
  if (runs.length === 0) return { ok: false, error: `"${cut(cron, ECHO_CHARS)}" never runs.` };
  for (let i = 1; i < runs.length; i += 1) {
    if ((runs[i] as Date).getTime() - (runs[i - 1] as Date).getTime() < MIN_INTERVAL_MS) {
      return { ok: false, error: `"${cut(cron, ECHO_CHARS)}" would post more than once an hour; digests can be at most hourly.` };
    }
  }
  return { ok: true, schedule: { cron, timezone, label: `cron ${cron}` } };
}

/** The first slot strictly after `after`, or null when the expression has no more. */
export function nextSlot(schedule: Pick<Schedule, 'cron' | 'timezone'>, after: Date): Date | null {
  return new Cron(schedule.cron, { timezone: schedule.timezone, paused: true, mode: '5-part' }).nextRun(after);
}

/** The canonical spelling of an IANA zone ("europe/berlin" → "Europe/Berlin"), or undefined. */
export function resolveTimeZone(name: string): string | undefined {
  const wanted = name.trim();
  if (wanted === '' || wanted.length > 64) return undefined;
  if (/^(utc|gmt|z)$/i.test(wanted)) return 'UTC';
  const exact = timeZones().find((zone) => zone.toLowerCase() === wanted.toLowerCase());
  if (exact) return exact;
  try {
    // Links such as "US/Eastern" are valid but not in supportedValuesOf.
    return new Intl.DateTimeFormat('en-US', { timeZone: wanted }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

let zoneList: readonly string[] | undefined;
export function timeZones(): readonly string[] {
  zoneList ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  return zoneList;
}

function parseTime(text: string): { hour: number; minute: number } | undefined {
  const match = /^(\d{1,2})(?::|h|\.)?(\d{2})?$/.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}
