import { describe, expect, it } from 'vitest';
import { commandLine } from '../../src/discord/command-line.ts';
import { Cooldown } from '../../src/discord/cooldown.ts';
import { pageButtonId, parseButtonId, sameVersion, suggestionButtonId } from '../../src/discord/custom-ids.ts';

describe('Cooldown', () => {
  it('lets a user through once per period and says how long to wait, without restarting the wait', () => {
    let now = 0;
    const cooldown = new Cooldown(10, () => now);
    expect(cooldown.take('a')).toEqual({ ok: true });
    now = 3_000;
    expect(cooldown.take('a')).toEqual({ ok: false, retryAfterSeconds: 7 });
    expect(cooldown.take('b')).toEqual({ ok: true });
    now = 9_500;
    expect(cooldown.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    now = 10_000;
    expect(cooldown.take('a')).toEqual({ ok: true });
  });

  it('is off at zero seconds', () => {
    const cooldown = new Cooldown(0, () => 0);
    expect(cooldown.take('a').ok && cooldown.take('a').ok).toBe(true);
  });
});

describe('button custom ids', () => {
  it('carry page, version and command line, within 100 characters', () => {
    const id = pageButtonId(2, 'abcdef123456', '/restrictions country:China material:Dy');
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parseButtonId(id)).toEqual({ kind: 'page', page: 2, version: 'abcdef12', line: '/restrictions country:China material:Dy' });
    expect(sameVersion('abcdef12', 'abcdef123456')).toBe(true);
    expect(sameVersion('abcdef12', '99cdef123456')).toBe(false);
  });

  it('keep a line too long for Discord in memory, and say when it is gone', () => {
    const line = `/ask question:${'why '.repeat(60)}`;
    const id = suggestionButtonId(line);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parseButtonId(id)).toEqual({ kind: 'suggestion', line });
    expect(parseButtonId('sg|#unknownkey00')).toEqual({ kind: 'suggestion', line: undefined });
  });

  it('reject what they do not know', () => {
    expect(parseButtonId('noop:next')).toEqual({ kind: 'unknown' });
    expect(parseButtonId('pg|-1|abc|/help')).toEqual({ kind: 'unknown' });
  });

  it('rebuild the console line of a slash command, which the console parser reads back', () => {
    expect(commandLine('restrictions', { country: 'South Korea', status: 'in-force', since: undefined })).toBe('/restrictions country:South Korea status:in-force');
  });
});
