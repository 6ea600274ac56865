import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { runCheck } from '../../src/knowledge/check-run.ts';

/** kb:check as the command runs it, with its output captured and "today" injected. */
const KNOWLEDGE = path.resolve(import.meta.dirname, '../../knowledge');
const BROKEN = path.resolve(import.meta.dirname, '../fixtures/knowledge/broken');

async function check(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  let out = '';
  // A data folder with no store: nothing served to compare with.
  const config = parseConfig({ DATA_DIR: path.join(KNOWLEDGE, '..', 'no-such-data-folder'), ...env });
  const code = await runCheck(argv, { write: (text) => (out += text), config, now: new Date('2026-12-03T08:00:00Z') });
  return { code, out };
}

describe('npm run kb:check: staleness', () => {
  it('lists end dates passed, old restrictions and mirrors after the summary, and still exits 0', async () => {
    const { code, out } = await check([KNOWLEDGE, '--today', '2026-11-15']);
    expect(code).toBe(0);
    expect(out).toMatch(/: OK, version [0-9a-f]{12}/);
    expect(out).toMatch(/\nstaleness \(not errors\): As of 2026-11-15: \d+ fact\(s\) whose end date passed with no follow-up/);
    expect(out).toMatch(/\n {2}2026-11-10 {2}suspension ended: cn-no70-suspension \(last confirmed 2026-06\) {2}\S*china-2025\.yaml:\d+\n/);
    expect(out).not.toMatch(/suspension ended: cn-no72-us-suspension/);
    expect(out).toMatch(/\nmirror sources \(cite the original publisher if you can\):\n/);
  });

  it('gives the same as JSON, under "stale"', async () => {
    const { code, out } = await check([KNOWLEDGE, '--json', '--today=2026-11-28']);
    expect(code).toBe(0);
    const result = JSON.parse(out) as {
      ok: boolean;
      stale: { today: string; staleAfterDays: number; endPassed: Array<{ factId: string; what: string }>; old: unknown[]; mirrors: unknown[] };
    };
    expect(result.ok).toBe(true);
    expect(result.stale).toMatchObject({ today: '2026-11-28', staleAfterDays: 180 });
    expect(result.stale.endPassed).toContainEqual(expect.objectContaining({ factId: 'cn-no72-us-suspension', what: 'suspension ended' }));
    expect(result.stale.mirrors.length).toBeGreaterThan(0);
  });

  it('reads the age from STALE_AFTER_DAYS, which --stale-after-days overrides, and defaults "today" to now', async () => {
    const old = async (argv: string[], env: Record<string, string> = {}) =>
      (JSON.parse((await check([KNOWLEDGE, '--json', ...argv], env)).out) as { stale: { today: string; staleAfterDays: number; old: unknown[] } }).stale;
    const byDefault = await old([]);
    expect(byDefault).toMatchObject({ today: '2026-12-03', staleAfterDays: 180 });
    expect((await old([], { STALE_AFTER_DAYS: '400' })).staleAfterDays).toBe(400);
    const long = await old(['--stale-after-days', '3650'], { STALE_AFTER_DAYS: '400' });
    expect(long.staleAfterDays).toBe(3650);
    expect(long.old).toEqual([]);
    expect(byDefault.old.length).toBeGreaterThan((await old([], { STALE_AFTER_DAYS: '400' })).old.length);
  });

  it('keeps exit 1 for knowledge with errors, with no staleness, and exits 2 on options it cannot read', async () => {
    const broken = await check([BROKEN, '--json']);
    expect(broken.code).toBe(1);
    expect((JSON.parse(broken.out) as { stale: unknown }).stale).toBeNull();
    expect((await check([BROKEN])).out).not.toMatch(/staleness/);
    expect(await check([KNOWLEDGE, '--stale-after-days', 'soon'])).toEqual({ code: 2, out: expect.stringMatching(/--stale-after-days must be a whole number of days/) });
    expect((await check([KNOWLEDGE, '--today', '2026-13-01'])).code).toBe(2);
    expect((await check([KNOWLEDGE, '--jsn'])).out).toMatch(/unknown option --jsn/);
  });
});
