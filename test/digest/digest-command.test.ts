import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { digestCommand } from '../../commands/digest.ts';
import type { CommandContext, OptionValues } from '../../commands/types.ts';
import { DigestRunner } from '../../src/digest/runner.ts';
import { DigestScheduler } from '../../src/digest/scheduler.ts';
import { Digests, MAX_SUBSCRIPTIONS_PER_GUILD } from '../../src/digest/service.ts';
import { nextSlot, timeZones } from '../../src/digest/schedule.ts';
import { renderDigest } from '../../src/render/discord/digest-messages.ts';
import { SearchIndex } from '../../src/search/search-index.ts';
import { Store } from '../../src/store/store.ts';
import { shippedSnapshot } from './knowledge-variants.ts';

/** /digest as the router runs it, on a real store, with the jobs the bot would keep. */
let dir: string;
let index: SearchIndex;
let store: Store;
let scheduler: DigestScheduler;
let service: Digests;
const NOW = new Date('2026-11-23T10:00:00Z');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  index = new SearchIndex(await shippedSnapshot());
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reb-digest-cmd-'));
  store = Store.open(dir, () => NOW);
  store.changes.record(index.snapshot, NOW);
  const runner = new DigestRunner({
    subscriptions: store.subscriptions,
    changes: store.changes,
    snapshot: () => index.snapshot,
    port: { post: () => Promise.resolve('m1'), findPosted: () => Promise.resolve(new Map()) },
    render: (digest, mark) => renderDigest(digest, { mark }),
    now: () => NOW,
    log: silent,
  });
  scheduler = new DigestScheduler(runner, store.subscriptions, silent);
  service = new Digests(store.subscriptions, runner, () => scheduler.rebuild());
});
afterEach(() => {
  scheduler.stop();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function context(guildId = 'g1'): CommandContext {
  return { index, now: NOW, digests: { guildId, channelId: 'here', userId: 'u1', service } };
}

async function run(options: OptionValues, guildId = 'g1') {
  return digestCommand.run(options, context(guildId));
}

const SUBSCRIBE = { subcommand: 'subscribe', channel: '555', schedule: 'daily', time: '09:00', timezone: 'Europe/Berlin' } as const;

describe('/digest', () => {
  it('subscribes a channel with its schedule, time zone and filters, and lists it', async () => {
    const answer = await run({ ...SUBSCRIBE, countries: 'China, japan', materials: 'dysprosium; Tb', kinds: 'restrictions' });
    expect(answer.status).toBe('answered');
    expect(answer.message).toContain('Subscribed <#555> as digest #1: daily at 09:00 (Europe/Berlin), China, Japan · dysprosium (Dy), terbium (Tb) · restrictions.');
    expect(answer.message).toContain(`Next digest due <t:${Date.parse('2026-11-24T08:00:00Z') / 1000}:f>`);
    expect(store.subscriptions.get(1)?.filters).toEqual({ countries: ['CN', 'JP'], materials: ['Dy', 'Tb'], kinds: ['restriction'] });

    const list = await run({ subcommand: 'list' });
    expect(list.message).toMatch(/#1 · <#555> · daily at 09:00 \(Europe\/Berlin\)/);
    expect(list.message).toContain('active · no post yet · next <t:');
    // Another server sees none of it and cannot touch it.
    expect((await run({ subcommand: 'list' }, 'g2')).message).toContain('No digest subscriptions in this server');
    expect((await run({ subcommand: 'unsubscribe', id: 1 }, 'g2')).status).toBe('error');
    expect((await run({ subcommand: 'preview', id: 1 }, 'g2')).status).toBe('error');
    expect(store.subscriptions.get(1)).toBeDefined();
  });

  it('refuses bad schedules, time zones and filters with a clear message, storing nothing', async () => {
    const cases: Array<[OptionValues, RegExp]> = [
      [{ ...SUBSCRIBE, timezone: 'Mars/Olympus' }, /Unknown time zone "Mars\/Olympus"/],
      [{ ...SUBSCRIBE, schedule: '* * * * *' }, /more than once an hour/],
      [{ ...SUBSCRIBE, time: '9 o clock' }, /not a time of day/],
      [{ ...SUBSCRIBE, countries: 'China, Atlantis' }, /Unknown country or bloc 'Atlantis' in countries/],
      [{ ...SUBSCRIBE, materials: 'kryptonite' }, /Unknown material 'kryptonite'/],
      [{ ...SUBSCRIBE, kinds: 'gossip' }, /Unknown kind/],
    ];
    for (const [options, message] of cases) {
      const answer = await run(options);
      expect(answer.status).toBe('error');
      expect(answer.message).toMatch(message);
    }
    expect(store.subscriptions.list()).toEqual([]);
  });

  it('refuses a channel the bot cannot post in, saying why', async () => {
    const checked: string[] = [];
    const answer = await digestCommand.run(SUBSCRIBE, {
      ...context(),
      digests: { ...(context().digests as NonNullable<CommandContext['digests']>), checkChannel: async (id) => (checked.push(id), 'it lacks Send Messages, Embed Links there') },
    });
    expect(checked).toEqual(['555']);
    expect(answer.status).toBe('error');
    expect(answer.message).toBe('The bot cannot post in <#555>: it lacks Send Messages, Embed Links there. Fix its permissions there, or pick another channel.');
    expect(store.subscriptions.list()).toEqual([]);
  });

  it('caps subscriptions per server', async () => {
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_GUILD; i += 1) expect((await run(SUBSCRIBE)).status).toBe('answered');
    const refused = await run(SUBSCRIBE);
    expect(refused.status).toBe('error');
    expect(refused.message).toMatch(/already has 10 digest subscriptions/);
    expect((await run(SUBSCRIBE, 'g2')).status).toBe('answered');
  });

  it('keeps one croner job per subscription in its time zone, rebuilt when subscriptions change', async () => {
    await run(SUBSCRIBE);
    await run({ ...SUBSCRIBE, schedule: 'weekly', weekday: 'friday', time: '17:30', timezone: 'America/New_York' });
    const jobs = scheduler.jobs();
    expect(jobs.map((job) => [job.subscriptionId, job.cron, job.timezone])).toEqual([
      [1, '0 9 * * *', 'Europe/Berlin'],
      [2, '30 17 * * 5', 'America/New_York'],
    ]);
    const now = new Date();
    for (const job of jobs) expect(job.nextRun?.toISOString()).toBe(nextSlot({ cron: job.cron, timezone: job.timezone }, now)?.toISOString());

    expect((await run({ subcommand: 'unsubscribe', id: 1 })).message).toContain('Digest #1 removed');
    expect(scheduler.jobs().map((job) => job.subscriptionId)).toEqual([2]);
    expect((await run({ subcommand: 'unsubscribe', id: 1 })).status).toBe('error');
  });

  it('previews what a subscription would post, as a digest, without posting', async () => {
    await run(SUBSCRIBE);
    const preview = await run({ subcommand: 'preview', id: 1 });
    expect(preview.status).toBe('answered');
    expect(preview.digest?.scope).toBe('everything');
    expect(preview.digest?.timezone).toBe('Europe/Berlin');
    expect(store.subscriptions.pendingDeliveries()).toEqual([]);
  });

  it('explains that /digest needs a server when there is none (the console)', async () => {
    const answer = await digestCommand.run({ subcommand: 'list' }, { index, now: NOW });
    expect(answer.status).toBe('error');
    expect(answer.message).toMatch(/works in a Discord server/);
  });

  it('completes time zones, the last item of a list, and this server’s digest ids', async () => {
    await run(SUBSCRIBE);
    const complete = (name: string, value: string) => digestCommand.autocomplete?.({ name, value }, context()) ?? [];
    expect(complete('timezone', 'europe/be').map((choice) => choice.value)).toContain('Europe/Berlin');
    // Every zone: the Discord renderer, not the command, keeps to Discord's 25 choices.
    expect(complete('timezone', '').length).toBe(timeZones().length);
    expect(complete('countries', 'China, jap').map((choice) => choice.value)).toContain('China, Japan');
    expect(complete('kinds', 'restriction, me').map((choice) => choice.value)).toEqual(['restriction, meeting']);
    expect(complete('id', '')).toEqual([{ name: '#1 daily at 09:00 (Europe/Berlin) active', value: '1' }]);
    expect(complete('schedule', 'week').map((choice) => choice.value)).toEqual(['weekly', '0 8 * * 1-5']);
  });
});
