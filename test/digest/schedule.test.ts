import { describe, expect, it } from 'vitest';
import { nextSlot, parseSchedule, resolveTimeZone, type Schedule } from '../../src/digest/schedule.ts';

function schedule(input: Parameters<typeof parseSchedule>[0]): Schedule {
  const result = parseSchedule(input);
  if (!result.ok) throw new Error(result.error);
  return result.schedule;
}

/** The next `count` slots after `from`, each found from the one before, as the runner does. */
function slots(s: Schedule, from: string, count: number): string[] {
  const out: string[] = [];
  let at = new Date(from);
  for (let i = 0; i < count; i += 1) {
    const next = nextSlot(s, at);
    if (!next) break;
    out.push(next.toISOString());
    at = next;
  }
  return out;
}

describe('digest schedules', () => {
  it('reads daily, weekly and cron schedules into cron expressions with labels', () => {
    expect(schedule({ schedule: 'daily', time: '07:30', timezone: 'Europe/Berlin' })).toEqual({ cron: '30 7 * * *', timezone: 'Europe/Berlin', label: 'daily at 07:30' });
    expect(schedule({ schedule: 'Weekly', weekday: 'fri', time: '18:05' })).toEqual({ cron: '5 18 * * 5', timezone: 'UTC', label: 'weekly on friday at 18:05' });
    expect(schedule({ schedule: 'daily' }).cron).toBe('0 9 * * *');
    expect(schedule({ schedule: ' 0  8 * * 1-5 ', timezone: 'america/new_york' })).toEqual({ cron: '0 8 * * 1-5', timezone: 'America/New_York', label: 'cron 0 8 * * 1-5' });
  });

  it('explains what is wrong with a bad schedule, time, weekday or time zone', () => {
    const error = (input: Parameters<typeof parseSchedule>[0]) => {
      const result = parseSchedule(input);
      return result.ok ? 'accepted' : result.error;
    };
    expect(error({ schedule: 'daily', timezone: 'Mars/Olympus' })).toMatch(/Unknown time zone "Mars\/Olympus"/);
    expect(error({ schedule: 'daily', time: '25:00' })).toMatch(/not a time of day/);
    expect(error({ schedule: 'weekly', weekday: 'someday' })).toMatch(/not a weekday/);
    expect(error({ schedule: 'hourly-ish' })).toMatch(/five-field cron/);
    expect(error({ schedule: '61 * * * *' })).toMatch(/not a valid cron expression/);
    expect(error({ schedule: '*/5 * * * *' })).toMatch(/more than once an hour/);
    expect(error({ schedule: '0 * * * *' })).toBe('accepted');
  });

  it('keeps a daily 09:00 Europe/Berlin digest at 09:00 local across both daylight-saving changes of 2026', () => {
    const berlin = schedule({ schedule: 'daily', time: '09:00', timezone: 'Europe/Berlin' });
    // Clocks go forward on 29 March: 09:00 CET is 08:00Z, 09:00 CEST is 07:00Z.
    expect(slots(berlin, '2026-03-27T12:00:00Z', 3)).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    // And back on 25 October.
    expect(slots(berlin, '2026-10-23T12:00:00Z', 3)).toEqual(['2026-10-24T07:00:00.000Z', '2026-10-25T08:00:00.000Z', '2026-10-26T08:00:00.000Z']);
  });

  it('posts once on the day a local time is skipped or repeated by a daylight-saving change', () => {
    const early = schedule({ schedule: 'daily', time: '02:30', timezone: 'Europe/Berlin' });
    // 02:30 does not exist on 29 March (02:00 → 03:00): one post that day, an hour later.
    const spring = slots(early, '2026-03-28T12:00:00Z', 3);
    expect(spring.filter((slot) => slot.startsWith('2026-03-29') || slot.startsWith('2026-03-28T2'))).toHaveLength(1);
    expect(spring[0]).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October: still one post that day.
    const autumn = slots(early, '2026-10-24T12:00:00Z', 3);
    expect(autumn).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z', '2026-10-27T01:30:00.000Z']);
  });

  it('resolves time zone names case-insensitively and rejects unknown ones', () => {
    expect(resolveTimeZone('utc')).toBe('UTC');
    expect(resolveTimeZone('asia/tokyo')).toBe('Asia/Tokyo');
    expect(resolveTimeZone('Not/AZone')).toBeUndefined();
    expect(resolveTimeZone('x'.repeat(200))).toBeUndefined();
  });
});
