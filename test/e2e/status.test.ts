import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eBot } from '../support/e2e-bot.ts';
import { FakeDiscord, filesOf, jsonPayload } from '../support/fake-discord.ts';

/**
 * Time-aware status and moderators' staleness through Discord: the real discord.js client, started
 * by the bot's launcher with a clock the test sets, against the loopback server. China's No. 70
 * suspension ran to 2026-11-10; the same commands are asked before and after that day.
 */
const BEFORE = new Date('2026-11-01T12:00:00Z');
const AFTER = new Date('2026-11-15T12:00:00Z');
let clock = BEFORE;
let e2e: E2eBot;
let fake: FakeDiscord;

interface Body {
  type: number;
  data?: { content?: string; embeds?: APIEmbed[]; flags?: number; allowed_mentions?: { parse?: string[] } };
}

beforeAll(async () => {
  e2e = await E2eBot.start({ settings: () => ({ STALE_AFTER_DAYS: '200' }), launch: { watch: false, now: () => clock } });
  fake = e2e.fake;
});

afterAll(async () => {
  await e2e?.close();
});

async function command(name: string, options: Record<string, string | number | boolean>, at: Date): Promise<{ body: Body; files: number }> {
  clock = at;
  const sent = fake.sendInteraction({ name, options, ...e2e.nextUser() });
  const request = await fake.waitForCallback(sent.id);
  return { body: jsonPayload(request.body) as Body, files: filesOf(request.body).length };
}

function shown(body: Body): string {
  const embed = body.data?.embeds?.[0];
  return [embed?.title, embed?.description, ...(embed?.fields ?? []).map((field) => `${field.name}\n${field.value}`)].join('\n');
}

describe('a suspension whose end date has passed, through Discord', () => {
  it('/restrictions status:suspended lists it before 2026-11-10 and leaves it out, saying so, after', async () => {
    const before = shown((await command('restrictions', { country: 'China', status: 'suspended' }, BEFORE)).body);
    expect(before).toMatch(/China suspends its October 2025 controls until Nov 10, 2026 \(Announcement No\. 70\) \(2025-11-07 · suspended\)/);
    const after = shown((await command('restrictions', { country: 'China', status: 'suspended' }, AFTER)).body);
    expect(after).not.toMatch(/Announcement No\. 70\) \(2025-11-07/);
    expect(after).toMatch(/Not counted: \d+ recorded as suspended whose end date has passed \([^)]*2026-11-10\) with no source since\./);
    const ended = await command('restrictions', { country: 'China', status: 'ended' }, AFTER);
    expect(shown(ended.body)).toMatch(/\(Announcement No\. 70\) \(2025-11-07 · suspension ended 2026-11-10\)/);
    expect(shown(ended.body)).toMatch(/status: suspension ended 2026-11-10 \(last confirmed 2026-06\); no source yet on what followed/);
    expect(ended.files).toBe(1);
  });

  it('/ask and /country say the suspension ended, and nothing on what followed', async () => {
    const question = { question: 'China Announcement No. 70 suspension of October controls' };
    expect(shown((await command('ask', question, BEFORE)).body)).toMatch(/\(2025-11-07 · suspended\)/);
    const after = shown((await command('ask', question, AFTER)).body);
    expect(after).toMatch(/\(2025-11-07 · suspension ended 2026-11-10\)\nStatus today: suspension ended 2026-11-10/);
    const country = shown((await command('country', { name: 'China' }, AFTER)).body);
    expect(country).toMatch(/Since then: .+suspension ended 2026-11-10/);
  });
});

describe('/kb stale, through Discord', () => {
  const moderator = { permissions: FakeDiscord.MODERATOR_PERMISSIONS };

  async function kb(subcommand: string, options: Record<string, string | number | boolean>, at: Date, actor: object = moderator) {
    clock = at;
    const sent = fake.sendInteraction({ name: 'kb', subcommand, options, ...e2e.nextUser(), ...actor });
    const first = jsonPayload((await fake.waitForCallback(sent.id)).body) as Body;
    if (first.type !== 5) return { first, edit: undefined };
    const edit = await fake.waitForRequest((request) => request.method === 'PATCH' && request.path.includes(`/webhooks/${fake.applicationId}/${sent.token}/messages/@original`));
    return { first, edit: jsonPayload(edit.body) as NonNullable<Body['data']> };
  }

  it('is refused to a member who is not a moderator', async () => {
    const { first, edit } = await kb('stale', {}, AFTER, {});
    expect(first.data?.flags).toBe(64);
    expect(first.data?.content).toMatch(/for moderators/);
    expect(edit).toBeUndefined();
  });

  it('lists, ephemerally and within the reply, the suspension that ended, old restrictions by STALE_AFTER_DAYS, and mirrors', async () => {
    const before = await kb('stale', {}, BEFORE);
    expect(before.first).toEqual({ type: 5, data: { flags: 64 } });
    expect(before.edit?.embeds?.[0]?.description).not.toMatch(/suspension ended: cn-no70-suspension/);

    const { edit } = await kb('stale', {}, AFTER);
    const description = edit?.embeds?.[0]?.description ?? '';
    expect(edit?.allowed_mentions).toEqual({ parse: [] });
    expect(description.length).toBeLessThanOrEqual(2000);
    expect((description.match(/```/g) ?? []).length % 2).toBe(0);
    expect(description).toMatch(
      /^As of 2026-11-15: \d+ fact\(s\) whose end date passed with no follow-up, \d+ restriction\(s\) not confirmed for over 200 days, \d+ mirror source\(s\)\./,
    );
    expect(description).toMatch(/2026-11-10 {2}suspension ended: cn-/);
    expect(description).toMatch(/Mirror sources \(cite the original publisher if you can\):\n```\n/);
  });

  it('takes the age from its days option', async () => {
    const { edit } = await kb('stale', { days: 3650 }, AFTER);
    expect(edit?.embeds?.[0]?.description).toMatch(/ 0 restriction\(s\) not confirmed for over 3650 days/);
  });

  it('shows what users asked in /kb gaps inside a closed code block, never as a live link', async () => {
    await command('ask', { question: '[claim your prize](https://evil.example) zzqx `tick`' }, AFTER);
    const { edit } = await kb('gaps', { days: 7 }, AFTER);
    const description = edit?.embeds?.[0]?.description ?? '';
    const pieces = description.split('```');
    expect(pieces.length % 2).toBe(1);
    expect(pieces.filter((_, index) => index % 2 === 1).join('')).toMatch(/\[claim your prize\]\(https:\/\/evil\.example\) zzqx 'tick'/);
    expect(pieces.filter((_, index) => index % 2 === 0).join('')).not.toMatch(/claim your prize/);
  });
});
