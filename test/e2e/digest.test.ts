import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PermissionFlagsBits, Routes, type APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlotRun } from '../../src/digest/runner.ts';
import { discordDigestPort } from '../../src/discord/digest-port.ts';
import type { RunningBot } from '../../src/discord/start.ts';
import { E2eBot } from '../support/e2e-bot.ts';
import { FakeDiscord, jsonPayload, type OptionValue, type RecordedRequest } from '../support/fake-discord.ts';

/**
 * Scheduled digests end to end: the real discord.js client, launched by the bot's own launcher,
 * against the loopback fake, with an injected clock shared by the bot and the fake (so message ids
 * and the bot's records agree, and no test waits for wall-clock time). Slots are run the way the
 * croner job runs them, with `runner.runDue()`; every assertion reads what the fake received.
 */
const KNOWLEDGE = path.resolve(import.meta.dirname, '../../knowledge');
const MANAGER = FakeDiscord.MEMBER_PERMISSIONS | PermissionFlagsBits.ManageChannels;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** 2026-12-01, 08:00 in Berlin (CET, UTC+1): an hour before the first 09:00 slot. */
const START = Date.parse('2026-12-01T07:00:00Z');
/** 30 s past 09:00 Berlin on day `n` (0 = 2026-12-01). */
const slotAfter = (day: number): number => Date.parse('2026-12-01T08:00:30Z') + day * DAY;

interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  flags?: number;
  allowed_mentions?: { parse?: string[] };
  nonce?: string | number;
  enforce_nonce?: boolean;
}
interface CallbackBody {
  type: number;
  data?: MessageBody;
}

class Clock {
  constructor(public ms: number) {}
  readonly now = (): Date => new Date(this.ms);
  readonly nowMs = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
  set(ms: number): void {
    if (ms < this.ms) throw new Error('the test clock never goes back');
    this.ms = ms;
  }
}

/** One fake Discord, one knowledge copy, one data folder, and the bot(s) launched on them in turn. */
class Harness {
  private userCounter = 0;

  private constructor(
    readonly e2e: E2eBot,
    readonly clock: Clock,
  ) {}

  static async start(options: { channels: string[]; modLog?: boolean }): Promise<{ h: Harness; channels: Record<string, string> }> {
    const clock = new Clock(START);
    const channels: Record<string, string> = {};
    const e2e = await E2eBot.start({
      fake: { now: clock.nowMs },
      knowledgeCopyOf: KNOWLEDGE,
      settings: (fake) => {
        for (const name of options.channels) channels[name] = fake.addChannel(name);
        if (options.modLog) channels['mod-log'] = fake.addChannel('mod-log');
        return { GUILD_ID: fake.guildId, ...(channels['mod-log'] ? { MOD_LOG_CHANNEL_ID: channels['mod-log'] } : {}) };
      },
      // Registered commands let the fake type the options (channel, integer id) as Discord would.
      deploy: true,
      logLevel: 'info',
      // No waiting between the runner's own retries; discord.js still retries a 5xx three times.
      launch: { watch: false, now: clock.now, digestRetryDelaysMs: [] },
    });
    await e2e.bot.digests.ready;
    return { h: new Harness(e2e, clock), channels };
  }

  get fake(): FakeDiscord {
    return this.e2e.fake;
  }
  get bot(): RunningBot {
    return this.e2e.bot;
  }
  get kbDir(): string {
    return this.e2e.knowledgeDir;
  }
  get dataDir(): string {
    return this.e2e.dataDir;
  }
  get logLines(): readonly string[] {
    return this.e2e.logLines;
  }

  /** Launches a bot on the same data folder and waits for its catch-up (reconcile + missed slots). */
  async launch(): Promise<RunningBot> {
    const bot = await this.e2e.launch();
    await bot.digests.ready;
    return bot;
  }

  async close(): Promise<void> {
    await this.e2e.close();
  }

  /** Writes a knowledge file in the copy and reloads, as `/kb reload` would; the reload must succeed. */
  async reloadWith(edit: () => void): Promise<void> {
    edit();
    const result = await this.bot.live.reload('command');
    if (!result.ok) throw new Error(`reload failed:\n${result.errors.map((p) => `${p.file}:${p.line}:${p.col} ${p.message}`).join('\n')}`);
    expect(result.changed).toBe(true);
  }

  /**
   * Runs `/digest <subcommand>` as a member with `permissions`; returns the reply (the deferred
   * reply's edit, or the immediate reply) and, for a preview, its follow-ups up to the last part.
   */
  async digest(
    subcommand: string,
    options: Record<string, OptionValue>,
    actor: { permissions?: bigint; preview?: boolean } = {},
  ): Promise<{ callback: CallbackBody; reply: MessageBody; followUps: MessageBody[] }> {
    this.userCounter += 1;
    const sent = this.fake.sendInteraction({
      name: 'digest',
      subcommand,
      options,
      permissions: actor.permissions ?? MANAGER,
      user: { id: String(200000000000000000n + BigInt(this.userCounter)), username: `manager${this.userCounter}` },
    });
    const callback = jsonPayload((await this.fake.waitForCallback(sent.id)).body) as CallbackBody;
    if (callback.type !== 5) return { callback, reply: callback.data ?? {}, followUps: [] };
    const webhook = `/webhooks/${this.fake.applicationId}/${sent.token}`;
    const edit = await this.fake.waitForRequest((r) => r.method === 'PATCH' && r.route === `${webhook}/messages/@original` && r.status < 300);
    if (actor.preview) {
      // The preview's messages follow the reply; the last one says "part n/n".
      await this.fake.waitForRequest((r) => r.method === 'POST' && r.route === webhook && r.status < 300 && /part (\d+)\/\1 /.test(footerOf(jsonPayload(r.body) as MessageBody)));
    }
    const followUps = this.fake
      .webhookRequestsFor(sent.id)
      .filter(isFollowUp)
      .map((r) => jsonPayload(r.body) as MessageBody);
    return { callback, reply: jsonPayload(edit.body) as MessageBody, followUps };
  }

  /** Successful digest posts to a channel, in order. */
  posts(channelId: string): RecordedRequest[] {
    return this.fake.requests.filter((r) => r.method === 'POST' && r.route === `/channels/${channelId}/messages` && r.status === 200);
  }

  async runDue(day: number): Promise<SlotRun[]> {
    this.clock.set(slotAfter(day));
    return this.bot.digests.runner.runDue();
  }
}

function isFollowUp(request: RecordedRequest): boolean {
  return request.method === 'POST' && request.status < 300 && !request.route.includes('/messages/');
}

/** Everything a message says: content, titles, descriptions, fields and footers. */
function textOf(body: MessageBody | undefined): string {
  if (!body) return '';
  const embeds = (body.embeds ?? []).map((embed) =>
    [embed.title, embed.description, ...(embed.fields ?? []).map((field) => `${field.name}\n${field.value}`), embed.footer?.text].filter(Boolean).join('\n'),
  );
  return [body.content ?? '', ...embeds].join('\n');
}

function footerOf(message: { embeds?: APIEmbed[] }): string {
  return message.embeds?.[0]?.footer?.text ?? '';
}

/** "digest #1 · post 3 · part 2/4" of a message's footer. */
function markOf(message: { embeds?: APIEmbed[] }): string {
  return /digest #\d+ · post \d+ · part \d+\/\d+/.exec(footerOf(message))?.[0] ?? '(no mark)';
}

/** A China restriction shaped like `cn-japan-dual-use-ban-2026` in knowledge/restrictions/china-2026.yaml. */
function chinaRestriction(id: string, title: string, day: string): string {
  return `  - id: ${id}
    kind: restriction
    title: ${title}
    summary: >-
      MOFCOM announced that exports of listed dual-use rare-earth items to the named end users need an
      individual licence, reviewed case by case. (A fact written by the end-to-end digest test.)
    date: '${day}'
    countries: [CN, JP]
    materials: [dual-use, REE]
    tags: [export ban, e2e]
    citations:
      - source: nippon-com-china-bans-exports-dual-2026
    imposedBy: CN
    targets: [JP]
    measure: export-ban
    announced: '${day}'
    effective: '${day}'
    status: in-force
    statusAsOf: '${day}'
`;
}

/** `count` long restrictions by Australia, enough for a digest of several messages. */
function manyFacts(batch: string, count: number): string {
  const long = 'The measure is described at length so that the digest needs more than one message. '.repeat(6).trim();
  const facts = Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    return `  - id: e2e-${batch}-measure-${n}
    kind: restriction
    title: Australia e2e ${batch} measure ${n} on rare-earth processing exports (December 2026)
    summary: >-
      ${long}
    date: '2026-11-${n}'
    countries: [AU]
    materials: [REE]
    tags: [e2e]
    citations:
      - source: nippon-com-china-bans-exports-dual-2026
    imposedBy: AU
    measure: export-licence
    announced: '2026-11-${n}'
    status: announced
`;
  });
  return `facts:\n${facts.join('\n')}`;
}

/** Changes the status of one fact in a knowledge file, by editing the YAML text. */
function setStatus(file: string, factId: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(`- id: ${factId}\n`);
  const at = text.indexOf(`status: ${from}\n`, start);
  const next = text.indexOf('- id: ', start + 1);
  if (start < 0 || at < 0 || (next >= 0 && at > next)) throw new Error(`no 'status: ${from}' in ${factId} of ${file}`);
  writeFileSync(file, `${text.slice(0, at)}status: ${to}\n${text.slice(at + `status: ${from}\n`.length)}`);
}

// -----------------------------------------------------------------------------------------------

describe('digests through the slash command, on a schedule, into the channel', () => {
  let h: Harness;
  let digestChannel: string;
  let secondChannel: string;
  let modLog: string;
  const NEW_FACT = 'cn-e2e-dual-use-licence-2026';
  const NEW_TITLE = 'China requires licences for dual-use rare-earth exports to Japanese end users (e2e, November 2026)';
  const UPDATED_FACT = 'cn-japan-dual-use-ban-2026';

  beforeAll(async () => {
    const started = await Harness.start({ channels: ['digest', 'digest-2'], modLog: true });
    h = started.h;
    digestChannel = started.channels['digest'] as string;
    secondChannel = started.channels['digest-2'] as string;
    modLog = started.channels['mod-log'] as string;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('refuses /digest subscribe to a member without Manage Channels (ephemeral, nothing stored), and subscribes a channel manager', async () => {
    const options = { channel: digestChannel, schedule: 'daily', time: '09:00', timezone: 'Europe/Berlin', countries: 'China' };
    // Manage Server and Manage Messages are not enough: digests post in channels.
    const refused = await h.digest('subscribe', options, { permissions: FakeDiscord.MODERATOR_PERMISSIONS });
    expect(refused.callback.type).toBe(4);
    expect(refused.reply.flags).toBe(64);
    expect(refused.reply.allowed_mentions).toEqual({ parse: [] });
    expect(textOf(refused.reply)).toMatch(/members who can manage channels \(Manage Channels\)/);
    expect(h.bot.store.subscriptions.list()).toEqual([]);

    const { callback, reply } = await h.digest('subscribe', options);
    expect(callback).toEqual({ type: 5, data: { flags: 64 } });
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    const text = textOf(reply);
    expect(text).toContain(`Subscribed <#${digestChannel}> as digest #1: daily at 09:00 (Europe/Berlin), China.`);
    // The first slot: 09:00 in Berlin today.
    expect(text).toContain(`<t:${Math.floor(Date.parse('2026-12-01T08:00:00Z') / 1000)}:f>`);
    const [subscription, ...others] = h.bot.store.subscriptions.list();
    expect(others).toEqual([]);
    expect(subscription).toMatchObject({
      id: 1,
      guildId: h.fake.guildId,
      channelId: digestChannel,
      schedule: { cron: '0 9 * * *', timezone: 'Europe/Berlin' },
      filters: { countries: ['CN'], materials: [], kinds: [] },
      status: 'active',
    });
    expect(h.bot.digests.scheduler.jobs()).toMatchObject([{ subscriptionId: 1, timezone: 'Europe/Berlin', cron: '0 9 * * *' }]);

    // A channel the bot cannot see is refused at once, naming the missing permissions, and nothing more is stored.
    const hidden = h.fake.addChannel('hidden');
    h.fake.denyAccess(hidden);
    const blind = await h.digest('subscribe', { ...options, channel: hidden });
    expect(blind.callback).toEqual({ type: 5, data: { flags: 64 } });
    expect(textOf(blind.reply)).toContain(`The bot cannot post in <#${hidden}>: it lacks View Channel, Send Messages there. Fix its permissions there, or pick another channel.`);
    expect(h.bot.store.subscriptions.list()).toHaveLength(1);
  });

  it('posts what changed at the next 09:00 Berlin slot: the new fact, the updated one with its change, sources, its mark, no pings; once', async () => {
    h.clock.advance(5 * MINUTE);
    await h.reloadWith(() => {
      writeFileSync(path.join(h.kbDir, 'restrictions', 'e2e-new.yaml'), `facts:\n${chinaRestriction(NEW_FACT, NEW_TITLE, '2026-11-30')}`);
      setStatus(path.join(h.kbDir, 'restrictions', 'china-2026.yaml'), UPDATED_FACT, 'in-force', 'suspended');
    });

    // 08:35 in Berlin: not yet.
    h.clock.advance(30 * MINUTE);
    expect(await h.bot.digests.runner.runDue()).toEqual([]);
    expect(h.posts(digestChannel)).toEqual([]);

    const runs = await h.runDue(0);
    expect(runs).toMatchObject([{ subscriptionId: 1, slot: '2026-12-01T08:00:00.000Z', outcome: { kind: 'posted', deliveryId: 1 } }]);
    const posts = h.posts(digestChannel);
    expect(posts.length).toBeGreaterThanOrEqual(1);
    const bodies = posts.map((post) => jsonPayload(post.body) as MessageBody);
    bodies.forEach((body, i) => {
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(body.embeds).toHaveLength(1);
      expect(body.enforce_nonce).toBe(true);
      expect(body.nonce).toMatch(new RegExp(`^d1p${i}t[0-9a-z]+$`));
      expect(footerOf(body)).toMatch(new RegExp(`^digest #1 · post 1 · part ${i + 1}/${bodies.length} · knowledge [0-9a-f]{12} · times in Europe/Berlin$`));
    });
    const first = bodies[0]?.embeds?.[0];
    expect(first?.title).toBe('Rare-earth digest — China');
    expect(first?.description).toMatch(/^Changes since <t:\d+:f>: 1 new · 1 updated · 0 removed/);

    const fields = bodies.flatMap((body) => body.embeds?.[0]?.fields ?? []);
    const added = fields.find((field) => field.name.startsWith('New: '));
    expect(added?.name).toBe(`New: ${NEW_TITLE} (2026-11-30)`);
    expect(added?.value).toMatch(/Sources: \[Nippon\.com \(Jiji Press\), 2026-01-06\]\(https:\/\/www\.nippon\.com\/en\/news\/yjj2026010600844\//);
    const updated = fields.find((field) => field.name.startsWith('Updated: '));
    expect(updated?.name).toMatch(/^Updated: China bans dual-use exports to Japanese military users/);
    expect(updated?.value).toMatch(/^Changed: status: in force → suspended\n/);
    expect(updated?.value).toMatch(/\]\(https:\/\/[^)]+\)/);
    expect(fields.filter((field) => /^(New|Updated|Removed): /.test(field.name))).toHaveLength(2);
    expect(fields.some((field) => field.name === 'In force')).toBe(true);
    // What the channel now holds is exactly what was posted, by the bot.
    expect(h.fake.messagesIn(digestChannel).map((message) => message.id)).toEqual(posts.map((post) => (post.response as { id: string }).id));

    // The job firing again in the same minute, or a clock that jumps back and forth, posts nothing more.
    expect(await h.bot.digests.runner.runDue()).toEqual([]);
    expect(h.posts(digestChannel)).toHaveLength(posts.length);
    expect(h.bot.store.subscriptions.get(1)).toMatchObject({ status: 'active', failures: 0, lastPostAt: new Date(slotAfter(0)).toISOString() });
  });

  it('/digest preview answers with the digest as ephemeral follow-ups; /digest list shows the schedule and "active"', async () => {
    h.clock.advance(MINUTE);
    const preview = await h.digest('preview', { id: 1 }, { preview: true });
    expect(preview.callback).toEqual({ type: 5, data: { flags: 64 } });
    expect(textOf(preview.reply)).toContain('Preview of digest #1: what it would post now.');
    expect(preview.followUps.length).toBeGreaterThanOrEqual(1);
    for (const followUp of preview.followUps) {
      expect(followUp.flags).toBe(64);
      expect(followUp.allowed_mentions).toEqual({ parse: [] });
      expect(followUp.embeds?.[0]?.title).toMatch(/^Rare-earth digest — China/);
      expect(footerOf(followUp)).toMatch(/^preview · part \d+\/\d+ · knowledge /);
    }
    // Everything was posted at 09:00, so the preview has no changes to show.
    expect(preview.followUps[0]?.embeds?.[0]?.description).toMatch(/: 0 new · 0 updated · 0 removed/);
    expect(h.posts(digestChannel)).toHaveLength(h.fake.messagesIn(digestChannel).length);

    const list = await h.digest('list', {});
    expect(list.reply.allowed_mentions).toEqual({ parse: [] });
    const text = textOf(list.reply);
    expect(text).toContain('1 digest subscription(s):');
    expect(text).toContain(`#1 · <#${digestChannel}> · daily at 09:00 (Europe/Berlin) · China`);
    expect(text).toMatch(/\n {2}active · last post <t:\d+:f> · next <t:\d+:f>/);
    expect(text).toContain(`next <t:${Math.floor(Date.parse('2026-12-02T08:00:00Z') / 1000)}:f>`);
  });

  it('completes digest ids with numbers for a channel manager, and offers nothing to others', async () => {
    const complete = async (permissions: bigint) => {
      const sent = h.fake.sendAutocomplete({
        name: 'digest',
        subcommand: 'unsubscribe',
        options: {},
        focused: 'id',
        value: '',
        permissions,
        user: { id: '300000000000000001', username: 'completer' },
      });
      return jsonPayload((await h.fake.waitForCallback(sent.id)).body) as { type: number; data: { choices: Array<{ name: string; value: unknown }> } };
    };
    const manager = await complete(MANAGER);
    expect(manager.type).toBe(8);
    expect(manager.data.choices[0]).toEqual({ name: '#1 daily at 09:00 (Europe/Berlin) active', value: 1 });
    expect((await complete(FakeDiscord.MEMBER_PERMISSIONS)).data.choices).toEqual([]);
  });

  it('waits out a 429 on the post and delivers the digest once', async () => {
    h.clock.advance(MINUTE);
    await h.reloadWith(() => setStatus(path.join(h.kbDir, 'restrictions', 'china-2026.yaml'), UPDATED_FACT, 'suspended', 'lifted'));
    const before = h.fake.messagesIn(digestChannel).length;
    const requestsBefore = h.fake.requests.length;
    const route = `/channels/${digestChannel}/messages`;
    h.fake.failNext((r) => r.method === 'POST' && r.route === route, { status: 429, retryAfterSeconds: 0.05 });

    const runs = await h.runDue(1);
    expect(runs).toMatchObject([{ subscriptionId: 1, outcome: { kind: 'posted', deliveryId: 2 } }]);
    const delivered = h.fake.messagesIn(digestChannel).slice(before);
    const attempts = h.fake.requests.slice(requestsBefore).filter((r) => r.method === 'POST' && r.route === route);
    expect(attempts.map((r) => r.status)).toEqual([429, ...Array<number>(delivered.length).fill(200)]);
    expect(attempts[0]?.response).toMatchObject({ retry_after: 0.05 });
    expect(delivered.length).toBeGreaterThanOrEqual(1);
    expect(delivered.map(markOf)).toEqual(delivered.map((_, i) => `digest #1 · post 2 · part ${i + 1}/${delivered.length}`));
    expect(textOf(delivered[0])).toContain('Changed: status: suspended → lifted');
    expect(h.bot.store.subscriptions.delivery(2)).toMatchObject({ state: 'sent', messageIds: delivered.map((message) => message.id) });
  });

  it('a deleted channel: three failed slots disable the subscription, /digest list says why, the moderators are told each time', async () => {
    h.clock.advance(MINUTE);
    const subscribed = await h.digest('subscribe', { channel: secondChannel, schedule: 'daily', timezone: 'Europe/Berlin', 'post-when-empty': true });
    expect(textOf(subscribed.reply)).toContain(`Subscribed <#${secondChannel}> as digest #2: daily at 09:00 (Europe/Berlin), everything.`);
    h.fake.deleteChannel(secondChannel);
    const route = `/channels/${secondChannel}/messages`;

    const outcomes: unknown[] = [];
    for (const day of [2, 3, 4]) {
      const runs = await h.runDue(day);
      outcomes.push(runs.find((run) => run.subscriptionId === 2)?.outcome);
    }
    const reason = 'the channel no longer exists (Discord 10003)';
    expect(outcomes).toEqual([
      { kind: 'failed', reason, status: 'failing' },
      { kind: 'failed', reason, status: 'failing' },
      { kind: 'failed', reason, status: 'disabled' },
    ]);
    expect(h.fake.requests.filter((r) => r.route === route).map((r) => r.status)).toEqual([404, 404, 404]);
    expect(h.bot.store.subscriptions.get(2)).toMatchObject({ status: 'disabled', failures: 3, lastError: reason });

    // The moderators' log channel hears of every failure, naming the digest and its channel.
    const modPosts = async (pattern: RegExp): Promise<MessageBody> =>
      jsonPayload(
        (
          await h.fake.waitForRequest(
            (r) => r.method === 'POST' && r.route === `/channels/${modLog}/messages` && r.status === 200 && pattern.test((jsonPayload(r.body) as MessageBody).content ?? ''),
          )
        ).body,
      ) as MessageBody;
    const first = await modPosts(/failure 1 of 3/);
    expect(first.content).toBe(`Digest #2 for <#${secondChannel}> could not be posted: ${reason}. It will try again at its next slot (failure 1 of 3 before it is disabled).`);
    expect(first.allowed_mentions).toEqual({ parse: [] });
    await modPosts(/failure 2 of 3/);
    const last = await modPosts(/now disabled/);
    expect(last.content).toContain(
      `Digest #2 for <#${secondChannel}> could not be posted: ${reason}. It is now disabled after 3 failures in a row; once fixed, /digest send-now id:2 tries again.`,
    );
    expect(h.fake.messagesIn(modLog).filter((message) => message.content.startsWith('Digest #2 '))).toHaveLength(3);

    const list = textOf((await h.digest('list', {})).reply);
    expect(list).toContain('2 digest subscription(s):');
    expect(list).toMatch(/\n {2}DISABLED after 3 failed posts: the channel no longer exists \(Discord 10003\)\. Fix the channel, then \/digest send-now id:2 to try again/);
    expect(list).toMatch(/#1 · [^\n]*\n {2}active · /);

    // Disabled: no more attempts, and no job for it.
    await h.runDue(5);
    expect(h.fake.requests.filter((r) => r.route === route)).toHaveLength(3);
    h.bot.digests.scheduler.rebuild();
    expect(h.bot.digests.scheduler.jobs().map((job) => job.subscriptionId)).toEqual([1]);
  });
});

// -----------------------------------------------------------------------------------------------

describe('a restart in the middle of a post never loses nor doubles a message', () => {
  let h: Harness;
  let channel: string;
  let route: string;

  beforeAll(async () => {
    const started = await Harness.start({ channels: ['digest'] });
    h = started.h;
    channel = started.channels['digest'] as string;
    route = `/channels/${channel}/messages`;
    const { reply } = await h.digest('subscribe', { channel, schedule: 'daily', time: '9:00', timezone: 'europe/berlin', countries: 'Australia' });
    expect(textOf(reply)).toContain('as digest #1: daily at 09:00 (Europe/Berlin), Australia.');
  });

  afterAll(async () => {
    await h?.close();
  });

  /** Makes every post to the channel fail with 500 once `posted` messages are in it (discord.js retries included). */
  function failAfter(posted: number): void {
    h.fake.failNext((r) => r.method === 'POST' && r.route === route && h.fake.messagesIn(channel).length >= posted, { status: 500 }, Infinity);
  }

  /** The delivery's messages in the channel, by their mark, in channel order. */
  function marksOf(deliveryId: number): string[] {
    return h.fake
      .messagesIn(channel)
      .map(markOf)
      .filter((mark) => mark.includes(` post ${deliveryId} `));
  }

  async function restart(): Promise<void> {
    await h.e2e.stop();
    h.fake.clearFailures();
    // Down for ten minutes: longer than Discord's enforce_nonce window, so the nonce cannot hide a double post.
    h.clock.advance(10 * MINUTE);
    await h.launch();
  }

  it('finishes a post cut short after its first message: the rest is sent on start, nothing twice', async () => {
    h.clock.advance(MINUTE);
    await h.reloadWith(() => writeFileSync(path.join(h.kbDir, 'restrictions', 'e2e-batch-a.yaml'), manyFacts('a', 20)));
    failAfter(1);

    const [run] = await h.runDue(0);
    expect(run?.outcome).toEqual({ kind: 'failed', reason: 'Discord server error 500', status: 'failing' });
    const pending = h.bot.store.subscriptions.pendingDelivery(1);
    const parts = pending?.parts.length ?? 0;
    expect(parts).toBeGreaterThanOrEqual(2);
    expect(pending?.messageIds).toEqual([h.fake.messagesIn(channel)[0]?.id, ...Array<null>(parts - 1).fill(null)]);
    expect(marksOf(1)).toEqual([`digest #1 · post 1 · part 1/${parts}`]);

    await restart();
    const expected = Array.from({ length: parts }, (_, i) => `digest #1 · post 1 · part ${i + 1}/${parts}`);
    expect(marksOf(1)).toEqual(expected);
    expect(h.bot.store.subscriptions.delivery(1)).toMatchObject({ state: 'sent', messageIds: h.fake.messagesIn(channel).map((message) => message.id) });
    expect(h.bot.store.subscriptions.get(1)).toMatchObject({ status: 'active', failures: 0 });
    // Each part was posted once: the first before the restart, the others after it.
    const nonces = h.posts(channel).map((post) => (jsonPayload(post.body) as MessageBody).nonce);
    expect(nonces.map((nonce) => String(nonce).replace(/t[0-9a-z]+$/, ''))).toEqual(Array.from({ length: parts }, (_, i) => `d1p${i}`));
    // Nothing else is due: the slot was handled before the restart.
    expect(await h.bot.digests.runner.runDue()).toEqual([]);
  });

  it('finds a message that was posted but not recorded (a crash between the post and the record) through the channel history, and does not post it again', async () => {
    h.clock.advance(MINUTE);
    await h.reloadWith(() => writeFileSync(path.join(h.kbDir, 'restrictions', 'e2e-batch-b.yaml'), manyFacts('b', 20)));
    const before = h.fake.messagesIn(channel).length;
    failAfter(before + 1);

    const [run] = await h.runDue(1);
    expect(run?.outcome).toMatchObject({ kind: 'failed', status: 'failing' });
    const pending = h.bot.store.subscriptions.pendingDelivery(1);
    expect(pending?.id).toBe(2);
    const parts = pending?.parts.length ?? 0;
    expect(parts).toBeGreaterThanOrEqual(2);
    const posted = h.fake.messagesIn(channel)[before];
    expect(pending?.messageIds[0]).toBe(posted?.id);
    await h.e2e.stop();

    // As if the process had died between Discord's answer and the record of the message id.
    const db = new Database(path.join(h.dataDir, 'rare-earth-bot.sqlite'));
    db.prepare('UPDATE deliveries SET message_ids = ? WHERE id = 2').run(JSON.stringify(Array<null>(parts).fill(null)));
    db.close();
    const requestsBefore = h.fake.requests.length;

    h.fake.clearFailures();
    h.clock.advance(10 * MINUTE);
    await h.launch();

    // Every part once, in order; after the restart only the parts never posted were sent.
    const expected = Array.from({ length: parts }, (_, i) => `digest #1 · post 2 · part ${i + 1}/${parts}`);
    expect(marksOf(2)).toEqual(expected);
    const after = h.fake.requests.slice(requestsBefore);
    expect(after.filter((r) => r.method === 'POST' && r.route === route).map((r) => String((jsonPayload(r.body) as MessageBody).nonce).replace(/t[0-9a-z]+$/, ''))).toEqual(
      Array.from({ length: parts - 1 }, (_, i) => `d2p${i + 1}`),
    );
    // The first part was found in the channel's history (GET /channels/:id/messages after the post's start).
    const history = after.filter((r) => r.method === 'GET' && r.route === route);
    expect(history).toHaveLength(1);
    expect(history[0]?.status).toBe(200);
    expect(history[0]?.query.limit).toBe('100');
    expect(BigInt(history[0]?.query.after ?? '0')).toBeLessThan(BigInt(posted?.id ?? '0'));
    expect(h.logLines.some((line) => line.includes('digest messages found after restart, not sent again') && line.includes('"deliveryId":2') && line.includes('"found":1'))).toBe(
      true,
    );
    const delivery = h.bot.store.subscriptions.delivery(2);
    expect(delivery).toMatchObject({
      state: 'sent',
      messageIds: h.fake
        .messagesIn(channel)
        .slice(before)
        .map((message) => message.id),
    });
    expect(delivery?.messageIds[0]).toBe(posted?.id);
    expect(h.bot.store.subscriptions.get(1)).toMatchObject({ status: 'active', failures: 0 });
  });

  it('pages through a busy channel’s history to find an unrecorded part posted long before', async () => {
    const since = h.clock.now().toISOString();
    const port = discordDigestPort(h.bot.client);
    const marked = (await h.bot.client.rest.post(Routes.channelMessages(channel), {
      body: { embeds: [{ title: 'x', footer: { text: 'digest #1 · post 77 · part 2/3 · knowledge x' } }], allowed_mentions: { parse: [] } },
    })) as { id: string };
    // A day of chatter after it: more than one page of history.
    for (let i = 0; i < 205; i += 1) {
      h.clock.advance(MINUTE);
      await h.bot.client.rest.post(Routes.channelMessages(channel), { body: { content: `chatter ${i}`, allowed_mentions: { parse: [] } } });
    }
    const requestsBefore = h.fake.requests.length;
    const found = await port.findPosted(channel, 77, since);
    expect([...found]).toEqual([[1, marked.id]]);
    const pages = h.fake.requests.slice(requestsBefore).filter((r) => r.method === 'GET' && r.route === route);
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });
});
