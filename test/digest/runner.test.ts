import type { APIEmbed } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_FILTERS, type DigestFilters } from '../../src/digest/digest.ts';
import { DeliveryError, DigestRunner, type DigestPort } from '../../src/digest/runner.ts';
import { parseSchedule, type ScheduleInput } from '../../src/digest/schedule.ts';
import type { Fact } from '../../src/knowledge/schema.ts';
import type { Snapshot } from '../../src/knowledge/snapshot.ts';
import { readDigestMark, renderDigest } from '../../src/render/discord/digest-messages.ts';
import type { Store } from '../../src/store/store.ts';
import type { DeliveryPart, Subscription } from '../../src/store/subscriptions.ts';
import { useTempStores } from '../support/temp-store.ts';
import { factOf, restrictionLike, shippedSnapshot, variant } from './knowledge-variants.ts';

/**
 * The runner with a real SQLite file, an injected clock and a fake channel: schedules across a
 * daylight-saving change, catch-up after downtime, a restart in the middle of a post, failures.
 */
interface Posted {
  readonly id: string;
  readonly channelId: string;
  readonly at: string;
  readonly part: DeliveryPart;
}

/** A channel service that keeps what was posted; `next` decides how each post attempt goes. */
class FakeChannels implements DigestPort {
  readonly posted: Posted[] = [];
  /** Return 'ok', an error to throw, or 'vanish' (posted, but the caller never hears back: a crash). */
  next: (channelId: string, attempt: number) => 'ok' | Error | 'vanish' = () => 'ok';
  attempts = 0;
  #ids = 1000;
  constructor(private readonly clock: { now: Date }) {}

  post(channelId: string, part: DeliveryPart): Promise<string> {
    this.attempts += 1;
    const verdict = this.next(channelId, this.attempts);
    if (verdict instanceof Error) return Promise.reject(verdict);
    const id = String((this.#ids += 1));
    this.posted.push({ id, channelId, at: this.clock.now.toISOString(), part });
    return verdict === 'vanish' ? new Promise<string>(() => undefined) : Promise.resolve(id);
  }

  findPosted(channelId: string, deliveryId: number): Promise<ReadonlyMap<number, string>> {
    const found = new Map<number, string>();
    for (const message of this.posted) {
      const mark = readDigestMark(embedsOf(message.part)[0]?.footer?.text);
      if (message.channelId === channelId && mark?.deliveryId === deliveryId) found.set(mark.part, message.id);
    }
    return Promise.resolve(found);
  }

  in(channelId: string): Posted[] {
    return this.posted.filter((message) => message.channelId === channelId);
  }
}

function embedsOf(part: DeliveryPart): APIEmbed[] {
  return part['embeds'] as APIEmbed[];
}

function textOf(part: DeliveryPart): string {
  return JSON.stringify(part);
}

let base: Snapshot;
const stores = useTempStores('reb-digest-');

beforeAll(async () => {
  base = await shippedSnapshot();
});

/** One "process": a store on the shared file, a runner, and what it logged. */
function boot(clock: { now: Date }, channels: FakeChannels, knowledge: { snapshot: Snapshot }, extra: { sleeps?: number[]; failures?: string[] } = {}) {
  const store = stores.open(() => clock.now);
  store.changes.record(knowledge.snapshot, clock.now);
  const runner = new DigestRunner({
    subscriptions: store.subscriptions,
    changes: store.changes,
    snapshot: () => knowledge.snapshot,
    port: channels,
    render: (digest, mark) => renderDigest(digest, { mark }),
    now: () => clock.now,
    log: { info: () => undefined, warn: () => undefined },
    sleep: async (ms) => {
      extra.sleeps?.push(ms);
    },
    onFailure: (subscription, reason) => extra.failures?.push(`#${subscription.id} ${subscription.status}: ${reason}`),
  });
  return { store, runner };
}

function subscribe(store: Store, input: ScheduleInput, options: { channelId?: string; filters?: DigestFilters; postWhenEmpty?: boolean } = {}): Subscription {
  const parsed = parseSchedule(input);
  if (!parsed.ok) throw new Error(parsed.error);
  return store.subscriptions.create({
    guildId: 'g1',
    channelId: options.channelId ?? 'c1',
    schedule: parsed.schedule,
    filters: options.filters ?? NO_FILTERS,
    postWhenEmpty: options.postWhenEmpty ?? false,
    createdBy: 'u1',
  });
}

const HOUR_MS = 3_600_000;

/** Moves the clock hour by hour to `until`, asking the runner at each step as the jobs would. */
async function runHourly(clock: { now: Date }, runner: DigestRunner, until: string): Promise<void> {
  while (clock.now.getTime() < Date.parse(until)) {
    clock.now = new Date(clock.now.getTime() + HOUR_MS);
    await runner.runDue();
  }
}

function withNewFacts(snapshot: Snapshot, version: string, count: number, country = 'CN'): Snapshot {
  const model = factOf(snapshot, 'cn-quota-rules-aug-2025', 'restriction');
  return variant(snapshot, version, (facts) => [
    ...facts,
    ...Array.from({ length: count }, (_, i): Fact =>
      restrictionLike(model, { id: `test-new-${version}-${i}`, title: `Test measure ${version} number ${i}`, imposedBy: country, countries: [country], date: '2026-03-01' }),
    ),
  ]);
}

describe('digest runner', () => {
  it('posts a daily 09:00 Europe/Berlin digest at 09:00 local time on both sides of a daylight-saving change', async () => {
    const clock = { now: new Date('2026-03-27T10:00:00Z') };
    const channels = new FakeChannels(clock);
    const { store, runner } = boot(clock, channels, { snapshot: base });
    subscribe(store, { schedule: 'daily', time: '09:00', timezone: 'Europe/Berlin' }, { postWhenEmpty: true });

    await runHourly(clock, runner, '2026-03-30T12:00:00Z');
    // 09:00 CET = 08:00Z before the change, 09:00 CEST = 07:00Z after: one post each day.
    expect(channels.in('c1').map((message) => message.at)).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
  });

  it('posts what changed since the last post, once, and says nothing when nothing changed (post-when-empty off)', async () => {
    const clock = { now: new Date('2026-08-04T06:00:00Z') };
    const channels = new FakeChannels(clock);
    const knowledge = { snapshot: base };
    const { store, runner } = boot(clock, channels, knowledge);
    subscribe(store, { schedule: 'daily', time: '08:00' });

    // A quiet first day: no post at all.
    await runHourly(clock, runner, '2026-08-04T12:00:00Z');
    expect(channels.posted).toHaveLength(0);
    expect(store.subscriptions.get(1)?.checkedUntil).toBe('2026-08-04T08:00:00.000Z');

    // A moderator adds two facts in the afternoon: the next morning's digest has them.
    clock.now = new Date('2026-08-04T15:00:00Z');
    knowledge.snapshot = withNewFacts(base, 'v1', 2);
    store.changes.record(knowledge.snapshot, clock.now);
    await runHourly(clock, runner, '2026-08-05T12:00:00Z');
    expect(channels.posted).toHaveLength(1);
    const body = textOf(channels.posted[0]!.part);
    expect(body).toContain('New: Test measure v1 number 0');
    expect(body).toContain('New: Test measure v1 number 1');
    expect(body).toMatch(/https?:\/\//);
    expect(channels.posted[0]!.at).toBe('2026-08-05T08:00:00.000Z');
    expect(store.subscriptions.get(1)?.lastPostAt).toBe('2026-08-05T08:00:00.000Z');

    // Nothing new since: the following day stays quiet.
    await runHourly(clock, runner, '2026-08-06T12:00:00Z');
    expect(channels.posted).toHaveLength(1);
  });

  it('with post-when-empty, posts an empty period saying nothing changed', async () => {
    const clock = { now: new Date('2026-08-04T06:00:00Z') };
    const channels = new FakeChannels(clock);
    const { store, runner } = boot(clock, channels, { snapshot: base });
    subscribe(store, { schedule: 'daily', time: '08:00' }, { postWhenEmpty: true });
    await runHourly(clock, runner, '2026-08-04T09:00:00Z');
    expect(channels.posted).toHaveLength(1);
    const body = textOf(channels.posted[0]!.part);
    expect(body).toContain('0 new · 0 updated · 0 removed');
    expect(body).toContain('Nothing in this digest’s scope changed');
    expect(body).toContain('In force');
  });

  it('posts a missed slot once after downtime, covering everything since the last post', async () => {
    const clock = { now: new Date('2026-06-01T07:00:00Z') };
    const channels = new FakeChannels(clock);
    const knowledge = { snapshot: base };
    const first = boot(clock, channels, knowledge);
    subscribe(first.store, { schedule: 'daily', time: '08:00' }, { postWhenEmpty: true });
    await runHourly(clock, first.runner, '2026-06-01T09:00:00Z');
    expect(channels.posted).toHaveLength(1);
    first.store.close();

    // Down for three days, during which the knowledge changed (recorded by the next start).
    clock.now = new Date('2026-06-04T13:30:00Z');
    knowledge.snapshot = withNewFacts(base, 'v-downtime', 1);
    const second = boot(clock, channels, knowledge);
    const runs = await second.runner.runDue();
    expect(runs.map((run) => run.outcome.kind)).toEqual(['posted']);
    expect(runs[0]?.slot).toBe('2026-06-02T08:00:00.000Z');
    expect(channels.posted).toHaveLength(2);
    expect(textOf(channels.posted[1]!.part)).toContain('Test measure v-downtime number 0');
    // One catch-up, not one per missed slot.
    expect(await second.runner.runDue()).toEqual([]);
    await runHourly(clock, second.runner, '2026-06-05T07:00:00Z');
    expect(channels.posted).toHaveLength(2);
    clock.now = new Date('2026-06-05T07:00:00Z');
    await runHourly(clock, second.runner, '2026-06-05T09:00:00Z');
    expect(channels.posted.map((message) => message.at)).toEqual(['2026-06-01T08:00:00.000Z', '2026-06-04T13:30:00.000Z', '2026-06-05T08:00:00.000Z']);
  });

  it('finishes a post cut short by a restart without posting any part twice', async () => {
    const clock = { now: new Date('2026-07-01T07:00:00Z') };
    const channels = new FakeChannels(clock);
    const knowledge = { snapshot: base };
    const first = boot(clock, channels, knowledge);
    subscribe(first.store, { schedule: 'daily', time: '08:00' });
    clock.now = new Date('2026-07-01T07:01:00Z');
    knowledge.snapshot = withNewFacts(base, 'many', 40);
    first.store.changes.record(knowledge.snapshot, clock.now);

    // The second message reaches the channel, then the process dies before recording its id.
    channels.next = (_channel, attempt) => (attempt === 2 ? 'vanish' : 'ok');
    clock.now = new Date('2026-07-01T08:00:00Z');
    void first.runner.runDue();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(channels.posted).toHaveLength(2);
    const pending = first.store.subscriptions.pendingDeliveries();
    expect(pending).toHaveLength(1);
    const parts = pending[0]!.parts.length;
    expect(parts).toBeGreaterThanOrEqual(3);
    expect(pending[0]!.messageIds.filter((id) => id !== null)).toHaveLength(1);
    first.store.close();

    // The restart: the second message is found in the channel and recorded, the rest are sent.
    channels.next = () => 'ok';
    clock.now = new Date('2026-07-01T08:05:00Z');
    const second = boot(clock, channels, knowledge);
    const runs = await second.runner.reconcile();
    expect(runs.map((run) => run.outcome.kind)).toEqual(['posted']);
    const marks = channels.in('c1').map((message) => readDigestMark(embedsOf(message.part)[0]?.footer?.text));
    expect(marks.map((mark) => mark?.part)).toEqual(Array.from({ length: parts }, (_, i) => i));
    expect(new Set(marks.map((mark) => mark?.deliveryId)).size).toBe(1);
    const delivery = second.store.subscriptions.delivery(pending[0]!.id);
    expect(delivery?.state).toBe('sent');
    expect(delivery?.messageIds).toEqual(channels.in('c1').map((message) => message.id));
    // The slot is done: running again posts nothing.
    expect(await second.runner.runDue()).toEqual([]);
    expect(channels.posted).toHaveLength(parts);
  });

  it('disables a subscription after three failed posts to a deleted channel, telling the moderators each time', async () => {
    const clock = { now: new Date('2026-08-01T07:00:00Z') };
    const channels = new FakeChannels(clock);
    const failures: string[] = [];
    const { store, runner } = boot(clock, channels, { snapshot: base }, { failures });
    subscribe(store, { schedule: 'daily', time: '08:00' }, { postWhenEmpty: true });
    channels.next = () => new DeliveryError('the channel no longer exists (Discord 10003)', 'access', 10003);

    await runHourly(clock, runner, '2026-08-01T09:00:00Z');
    expect(store.subscriptions.get(1)).toMatchObject({ status: 'failing', failures: 1, lastError: 'the channel no longer exists (Discord 10003)' });
    await runHourly(clock, runner, '2026-08-03T09:00:00Z');
    expect(store.subscriptions.get(1)).toMatchObject({ status: 'disabled', failures: 3 });
    expect(failures).toEqual([
      '#1 failing: the channel no longer exists (Discord 10003)',
      '#1 failing: the channel no longer exists (Discord 10003)',
      '#1 disabled: the channel no longer exists (Discord 10003)',
    ]);
    // Access errors are not retried within a slot, and a disabled subscription is not tried again.
    expect(channels.attempts).toBe(3);
    await runHourly(clock, runner, '2026-08-05T09:00:00Z');
    expect(channels.attempts).toBe(3);
    expect(store.subscriptions.pendingDeliveries()).toEqual([]);

    // Once the channel is back, send-now posts and the subscription is active again.
    channels.next = () => 'ok';
    expect((await runner.sendNow(1)).kind).toBe('posted');
    expect(store.subscriptions.get(1)).toMatchObject({ status: 'active', failures: 0, lastError: null });
  });

  it('retries a server error with back-off and posts once', async () => {
    const clock = { now: new Date('2026-08-01T07:00:00Z') };
    const channels = new FakeChannels(clock);
    const sleeps: number[] = [];
    const { store, runner } = boot(clock, channels, { snapshot: base }, { sleeps });
    subscribe(store, { schedule: 'daily', time: '08:00' }, { postWhenEmpty: true });
    channels.next = (_channel, attempt) => (attempt <= 2 ? new DeliveryError('Discord server error 502', 'transient') : 'ok');
    await runHourly(clock, runner, '2026-08-01T09:00:00Z');
    expect(sleeps).toEqual([1_000, 5_000]);
    expect(channels.posted).toHaveLength(1);
    expect(store.subscriptions.get(1)?.status).toBe('active');
  });

  it('resumes an unfinished post at the next slot instead of composing a new one', async () => {
    const clock = { now: new Date('2026-09-01T07:00:00Z') };
    const channels = new FakeChannels(clock);
    const knowledge = { snapshot: base };
    const { store, runner } = boot(clock, channels, knowledge);
    subscribe(store, { schedule: 'daily', time: '08:00' });
    clock.now = new Date('2026-09-01T07:01:00Z');
    knowledge.snapshot = withNewFacts(base, 'resume', 40);
    store.changes.record(knowledge.snapshot, clock.now);
    // Every server error, every retry: the second part cannot go out today.
    channels.next = (_channel, attempt) => (attempt >= 2 ? new DeliveryError('Discord server error 503', 'transient') : 'ok');
    await runHourly(clock, runner, '2026-09-01T09:00:00Z');
    expect(channels.posted).toHaveLength(1);
    expect(store.subscriptions.get(1)?.status).toBe('failing');

    channels.next = () => 'ok';
    await runHourly(clock, runner, '2026-09-02T09:00:00Z');
    const marks = channels.posted.map((message) => readDigestMark(embedsOf(message.part)[0]?.footer?.text));
    expect(new Set(marks.map((mark) => mark?.deliveryId)).size).toBe(1);
    expect(marks.map((mark) => mark?.part)).toEqual(Array.from({ length: marks[0]!.parts }, (_, i) => i));
    expect(store.subscriptions.get(1)).toMatchObject({ status: 'active', failures: 0 });
  });

  it('applies each subscription’s filters to what it posts', async () => {
    const clock = { now: new Date('2026-10-01T07:00:00Z') };
    const channels = new FakeChannels(clock);
    const knowledge = { snapshot: base };
    const { store, runner } = boot(clock, channels, knowledge);
    subscribe(store, { schedule: 'daily', time: '08:00' }, { channelId: 'japan', filters: { countries: ['JP'], materials: [], kinds: ['restriction'] } });
    subscribe(store, { schedule: 'daily', time: '08:00' }, { channelId: 'meetings', filters: { countries: [], materials: [], kinds: ['meeting'] } });
    const model = factOf(base, 'cn-quota-rules-aug-2025', 'restriction');
    knowledge.snapshot = variant(base, 'filters', (facts) => [
      ...facts,
      restrictionLike(model, { id: 'test-on-japan', title: 'Test measure aimed at Japan', targets: ['JP'] }),
      restrictionLike(model, { id: 'test-on-india', title: 'Test measure aimed at India', targets: ['IN'], countries: ['CN', 'IN'] }),
    ]);
    clock.now = new Date('2026-10-01T07:01:00Z');
    store.changes.record(knowledge.snapshot, clock.now);
    await runHourly(clock, runner, '2026-10-01T09:00:00Z');
    const japan = channels
      .in('japan')
      .map((message) => textOf(message.part))
      .join('\n');
    expect(japan).toContain('Test measure aimed at Japan');
    expect(japan).not.toContain('Test measure aimed at India');
    // No meeting changed and none is coming up in October 2026 in the shipped knowledge: quiet.
    expect(channels.in('meetings')).toHaveLength(0);
  });
  it('prunes finished posts after the retention period but keeps an unfinished one', async () => {
    const clock = { now: new Date('2026-01-05T07:00:00Z') };
    const channels = new FakeChannels(clock);
    const { store, runner } = boot(clock, channels, { snapshot: base }, { sleeps: [] });
    subscribe(store, { schedule: 'daily', time: '08:00' }, { postWhenEmpty: true });
    await runHourly(clock, runner, '2026-01-05T09:00:00Z');
    channels.next = () => new DeliveryError('Discord server error 500', 'transient');
    await runHourly(clock, runner, '2026-01-06T09:00:00Z');
    expect(store.subscriptions.pendingDeliveries()).toHaveLength(1);
    clock.now = new Date('2026-05-01T00:00:00Z');
    expect(store.prune(90)).toMatchObject({ deliveries: 1 });
    expect(store.subscriptions.pendingDeliveries()).toHaveLength(1);
  });
});
