/**
 * Tests of the loopback Discord fake itself, driven by the REAL discord.js Client.
 * No sleeps: everything waits on recorded requests, gateway frames or client events.
 */
import { once } from 'node:events';
import {
  ApplicationCommandOptionType,
  AttachmentBuilder,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  GatewayOpcodes,
  MessageFlags,
  Routes,
  SnowflakeUtil,
  type ChatInputCommandInteraction,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type Interaction,
} from 'discord.js';
import { createCanvas } from '@napi-rs/canvas';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { FakeDiscord, MultipartBody, filesOf, jsonPayload, type FakeDiscordOptions } from './fake-discord.ts';

let fake: FakeDiscord | undefined;
const clients: Client[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
  await fake?.close();
  fake = undefined;
  vi.restoreAllMocks();
});

function newClient(server: FakeDiscord): Client {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: server.apiUrl }, waitGuildTimeout: 1000 });
  clients.push(client);
  return client;
}

async function connected(options: FakeDiscordOptions = {}): Promise<{ fake: FakeDiscord; client: Client }> {
  const server = await FakeDiscord.start(options);
  fake = server;
  const client = newClient(server);
  await client.login(server.token);
  return { fake: server, client };
}

/** Runs `handler` on the next interaction the client receives; settles with its outcome. */
function onNextInteraction<T>(client: Client, handler: (interaction: Interaction) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    client.once(Events.InteractionCreate, (interaction) => {
      handler(interaction).then(resolve, reject);
    });
  });
}

function chatInput(interaction: Interaction): ChatInputCommandInteraction {
  if (!interaction.isChatInputCommand()) throw new Error(`expected a chat-input command, got type ${interaction.type}`);
  return interaction;
}

function autocomplete(interaction: Interaction): AutocompleteInteraction {
  if (!interaction.isAutocomplete()) throw new Error(`expected autocomplete, got type ${interaction.type}`);
  return interaction;
}

function button(interaction: Interaction): ButtonInteraction {
  if (!interaction.isButton()) throw new Error(`expected a button, got type ${interaction.type}`);
  return interaction;
}

function choices(count: number): { name: string; value: string }[] {
  return Array.from({ length: count }, (_, i) => ({ name: `Choice ${i}`, value: `c${i}` }));
}

/** Opens a raw gateway socket; resolves with the close code the fake ends it with. */
function rawGatewayClose(url: string, onHello?: (socket: WebSocket) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('message', (data) => {
      const frame: unknown = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
      if (typeof frame === 'object' && frame !== null && 'op' in frame && frame.op === GatewayOpcodes.Hello) onHello?.(socket);
    });
    socket.on('close', (code) => resolve(code));
    socket.on('error', reject);
  });
}

describe('FakeDiscord with the real discord.js Client', () => {
  it('logs in, becomes ready and caches the guild and its channels', async () => {
    const { fake, client } = await connected({ channelIds: ['1100000000000000001', '1100000000000000002'] });

    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(fake.applicationId);
    expect(client.application?.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.map((c) => c.id).sort()).toEqual(['1100000000000000001', '1100000000000000002']);
    expect(guild?.members.me?.id).toBe(fake.applicationId);
    expect(fake.channelId).toBe('1100000000000000001');

    const gatewayBot = await fake.waitForRequest((r) => r.route === '/gateway/bot');
    expect(gatewayBot.headers.authorization).toBe(`Bot ${fake.token}`);
    expect(gatewayBot.headers['content-type']).toBeUndefined();
    const identify = await fake.waitForGateway((f) => f.op === GatewayOpcodes.Identify);
    expect(identify.payload).toMatchObject({ d: { token: fake.token, intents: GatewayIntentBits.Guilds, shard: [0, 1] } });
  });

  it('rejects a wrong token with TokenInvalid (REST 401) and a wrong IDENTIFY with close 4004', async () => {
    const server = await FakeDiscord.start();
    fake = server;
    const client = newClient(server);
    await expect(client.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    const rejected = await server.waitForRequest((r) => r.route === '/gateway/bot');
    expect(rejected.status).toBe(401);
    expect(rejected.response).toEqual({ message: '401: Unauthorized', code: 0 });

    const code = await rawGatewayClose(`${server.gatewayUrl}?v=10&encoding=json`, (socket) => {
      socket.send(JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: 'nope', intents: 1, properties: { os: 'linux', browser: 'x', device: 'x' } } }));
    });
    expect(code).toBe(4004);
  });

  it('refuses compressed or non-JSON gateway connections loudly (close 4012)', async () => {
    const server = await FakeDiscord.start();
    fake = server;
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await rawGatewayClose(`${server.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`)).toBe(4012);
    expect(await rawGatewayClose(`${server.gatewayUrl}?v=10&encoding=etf`)).toBe(4012);
    expect(server.gatewayRejections.map((r) => r.reason)).toEqual([expect.stringContaining('compress=zlib-stream'), expect.stringContaining('encoding=etf')]);
    expect(stderr).toHaveBeenCalledTimes(2);
  });

  it('captures a reply: type 4, allowed_mentions {parse: []}, no Authorization header', async () => {
    const { fake, client } = await connected();
    const handled = onNextInteraction(client, async (interaction) => {
      const command = chatInput(interaction);
      await command.reply({
        content: `pong for ${command.user.username} in ${command.channelId} (cached: ${String(command.inCachedGuild())}) @everyone`,
        allowedMentions: { parse: [] },
      });
      return command.options.getString('name');
    });
    const sent = fake.sendInteraction({ name: 'country', options: { name: 'India' } });

    expect(await handled).toBe('India');
    const callback = await fake.waitForCallback(sent.id);
    expect(callback.status).toBe(204);
    expect(callback.headers.authorization).toBeUndefined();
    expect(callback.body).toMatchObject({
      type: 4,
      data: { content: `pong for alice in ${fake.channelId} (cached: true) @everyone`, allowed_mentions: { parse: [] } },
    });
    expect(fake.interaction(sent.id)?.original).toMatchObject({ mention_everyone: false, type: 20 });
  });

  it('rejects a second initial response with 40060 (discord.js itself also refuses)', async () => {
    const { fake, client } = await connected();
    const handled = onNextInteraction(client, async (interaction) => {
      const command = chatInput(interaction);
      await command.reply({ content: 'first', allowedMentions: { parse: [] } });
      await expect(command.reply({ content: 'second' })).rejects.toMatchObject({ code: 'InteractionAlreadyReplied' });
      const raw = command.client.rest.post(Routes.interactionCallback(command.id, command.token), {
        body: { type: 4, data: { content: 'second, bypassing the client guard' } },
        auth: false,
      });
      await expect(raw).rejects.toBeInstanceOf(DiscordAPIError);
      await expect(raw).rejects.toMatchObject({ status: 400, code: 40060, message: 'Interaction has already been acknowledged.' });
    });
    const sent = fake.sendInteraction({ name: 'ping' });
    await handled;
    expect(fake.callbacksFor(sent.id).map((r) => r.status)).toEqual([204, 400]);
  });

  it('supports deferReply → editReply (PATCH @original) → followUp with a file, and refuses edits before an acknowledgement', async () => {
    const { fake, client } = await connected();
    const handled = onNextInteraction(client, async (interaction) => {
      const command = chatInput(interaction);
      const early = command.client.rest.patch(Routes.webhookMessage(command.applicationId, command.token, '@original'), {
        body: { content: 'too early' },
        auth: false,
      });
      await expect(early).rejects.toMatchObject({ status: 400 });
      await command.deferReply({ flags: MessageFlags.Ephemeral });
      const edited = await command.editReply({ content: 'done', allowedMentions: { parse: [] } });
      const followUp = await command.followUp({
        content: 'file attached',
        files: [new AttachmentBuilder(Buffer.from('hello'), { name: 'a.txt' })],
        allowedMentions: { parse: [] },
      });
      return { edited: edited.content, followUp: followUp.attachments.first()?.name };
    });
    const sent = fake.sendInteraction({ name: 'slow', permissions: FakeDiscord.MODERATOR_PERMISSIONS, roles: [] });

    expect(await handled).toEqual({ edited: 'done', followUp: 'a.txt' });
    const callback = await fake.waitForCallback(sent.id);
    expect(callback.body).toEqual({ type: 5, data: { flags: 64 } });
    const edits = fake.webhookRequestsFor(sent.id).filter((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'));
    expect(edits.map((r) => r.status)).toEqual([400, 200]);
    const edit = edits[1];
    expect(edit?.body).toMatchObject({ content: 'done', allowed_mentions: { parse: [] } });
    const follow = await fake.waitForRequest((r) => r.method === 'POST' && r.route === `/webhooks/${fake.applicationId}/${sent.token}`);
    expect(follow.query.wait).toBe('true');
    expect(follow.body).toBeInstanceOf(MultipartBody);
    expect(jsonPayload(follow.body)).toMatchObject({ content: 'file attached', attachments: [{ id: '0' }] });
    expect(filesOf(follow.body).map((f) => [f.field, f.filename, f.bytes.toString()])).toEqual([['files[0]', 'a.txt', 'hello']]);
    expect(fake.interaction(sent.id)?.original).toMatchObject({ content: 'done', flags: 64 });
  });

  it('returns the message for withResponse, and lets the first follow-up after a defer replace the "thinking" message', async () => {
    const { fake, client } = await connected();
    const replied = onNextInteraction(client, async (interaction) => {
      const response = await chatInput(interaction).reply({ content: 'hi', withResponse: true, allowedMentions: { parse: [] } });
      return response.resource?.message?.content;
    });
    const first = fake.sendInteraction({ name: 'ping' });
    expect(await replied).toBe('hi');
    expect((await fake.waitForCallback(first.id)).query.with_response).toBe('true');

    const deferred = onNextInteraction(client, async (interaction) => {
      const command = chatInput(interaction);
      await command.deferReply({ flags: MessageFlags.Ephemeral });
      const follow = await command.followUp({ content: 'result', allowedMentions: { parse: [] } });
      return follow.id;
    });
    const second = fake.sendInteraction({ name: 'slow' });
    const followId = await deferred;
    const snapshot = fake.interaction(second.id);
    expect(snapshot?.original).toMatchObject({ id: followId, content: 'result', flags: MessageFlags.Ephemeral });
    expect(snapshot?.followUps).toEqual([]);
  });

  it('validates autocomplete results: 26 choices → 50035, 25 accepted', async () => {
    const { fake, client } = await connected();
    const handled = onNextInteraction(client, async (interaction) => {
      const auto = autocomplete(interaction);
      expect(auto.options.getFocused(true)).toMatchObject({ name: 'name', value: 'ch' });
      await expect(auto.respond(choices(26))).rejects.toMatchObject({ status: 400, code: 50035 });
      await expect(auto.respond(choices(26))).rejects.toThrow(/choices\[BASE_TYPE_MAX_LENGTH\]: Must be 25 or fewer/);
      await auto.respond(choices(25));
    });
    const sent = fake.sendAutocomplete({ name: 'country', focused: 'name', value: 'ch' });
    await handled;
    expect(fake.callbacksFor(sent.id).map((r) => r.status)).toEqual([400, 400, 204]);
    expect((await fake.waitForCallback(sent.id)).body).toEqual({ type: 8, data: { choices: choices(25) } });
  });

  it('rejects an embed title of 257 characters (50035) without acknowledging the interaction', async () => {
    const { fake, client } = await connected();
    const handled = onNextInteraction(client, async (interaction) => {
      const command = chatInput(interaction);
      const tooLong = command.reply({ embeds: [{ title: 'x'.repeat(257) }], allowedMentions: { parse: [] } });
      await expect(tooLong).rejects.toMatchObject({ status: 400, code: 50035 });
      await expect(tooLong).rejects.toThrow(/data\.embeds\[0\]\.title\[BASE_TYPE_MAX_LENGTH\]: Must be 256 or fewer in length/);
      await command.reply({ embeds: [{ title: 'x'.repeat(256) }], allowedMentions: { parse: [] } });
    });
    const sent = fake.sendInteraction({ name: 'country' });
    await handled;
    expect(fake.callbacksFor(sent.id).map((r) => r.status)).toEqual([400, 204]);
  });

  it('answers 10062 Unknown interaction to a callback after the deadline', async () => {
    let skewMs = 0;
    const { fake, client } = await connected({ now: () => Date.now() + skewMs, interactionDeadlineMs: 3000 });
    const handled = onNextInteraction(client, async (interaction) => {
      skewMs = 3001;
      await expect(chatInput(interaction).reply({ content: 'late' })).rejects.toMatchObject({ status: 404, code: 10062 });
    });
    const sent = fake.sendInteraction({ name: 'ping' });
    await handled;
    expect(fake.callbacksFor(sent.id).map((r) => r.status)).toEqual([404]);
  });

  it('enforces message limits on channel posts', async () => {
    const { fake, client } = await connected();
    const post = (body: Record<string, unknown>): Promise<unknown> => client.rest.post(Routes.channelMessages(fake.channelId), { body });
    const field = { name: 'n', value: 'v' };
    const row = (count: number, label = 'b'): Record<string, unknown> => ({
      type: 1,
      components: Array.from({ length: count }, (_, i) => ({ type: 2, style: 1, custom_id: `${label}${i}`, label })),
    });
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['content > 2000', { content: 'x'.repeat(2001) }, /content\[BASE_TYPE_MAX_LENGTH\]/],
      ['11 embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, /embeds\[BASE_TYPE_MAX_LENGTH\]/],
      ['description > 4096', { embeds: [{ description: 'x'.repeat(4097) }] }, /embeds\[0\]\.description/],
      ['26 fields', { embeds: [{ fields: Array.from({ length: 26 }, () => field) }] }, /embeds\[0\]\.fields\[BASE_TYPE_MAX_LENGTH\]/],
      ['field name > 256', { embeds: [{ fields: [{ name: 'x'.repeat(257), value: 'v' }] }] }, /embeds\[0\]\.fields\[0\]\.name/],
      ['field value > 1024', { embeds: [{ fields: [{ name: 'n', value: 'x'.repeat(1025) }] }] }, /embeds\[0\]\.fields\[0\]\.value/],
      ['footer > 2048', { embeds: [{ footer: { text: 'x'.repeat(2049) } }] }, /embeds\[0\]\.footer\.text/],
      ['author > 256', { embeds: [{ author: { name: 'x'.repeat(257) } }] }, /embeds\[0\]\.author\.name/],
      ['total embed text > 6000', { embeds: [{ description: 'x'.repeat(4000) }, { description: 'y'.repeat(2001) }] }, /embeds\[MAX_EMBED_SIZE_EXCEEDED\]/],
      ['6 action rows', { content: 'c', components: Array.from({ length: 6 }, (_, i) => row(1, `r${i}-`)) }, /components\[BASE_TYPE_MAX_LENGTH\]/],
      ['6 buttons in a row', { content: 'c', components: [row(6)] }, /components\[0\]\.components\[BASE_TYPE_MAX_LENGTH\]/],
      [
        'custom_id > 100',
        { content: 'c', components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'x'.repeat(101), label: 'l' }] }] },
        /components\[0\]\.components\[0\]\.custom_id/,
      ],
      [
        'label > 80',
        { content: 'c', components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'id', label: 'x'.repeat(81) }] }] },
        /components\[0\]\.components\[0\]\.label/,
      ],
    ];
    for (const [name, body, reason] of cases) {
      const attempt = post(body);
      await expect(attempt, name).rejects.toMatchObject({ status: 400, code: 50035 });
      await expect(attempt, name).rejects.toThrow(reason);
    }
    await expect(post({ content: '   ' })).rejects.toMatchObject({ status: 400, code: 50006 });
    await post({ content: 'x'.repeat(2000), embeds: [{ title: 't'.repeat(256), description: 'd'.repeat(4096) }], components: [row(5)] });
    expect(fake.messagesIn(fake.channelId)).toHaveLength(1);
  });

  it('drops the gateway connection; discord.js RESUMEs, gets missed events replayed and keeps answering', async () => {
    const { fake, client } = await connected({ heartbeatIntervalMs: 250 });
    await fake.waitForGateway((f) => f.op === GatewayOpcodes.Heartbeat);
    const answer = async (interaction: Interaction): Promise<void> => {
      await chatInput(interaction).reply({ content: 'pong', allowedMentions: { parse: [] } });
    };

    const resumed = once(client, Events.ShardResume);
    const missedHandled = onNextInteraction(client, answer);
    expect(fake.dropConnection(4000)).toBe(1);
    const missed = fake.sendInteraction({ name: 'ping' }); // dispatched while the socket is down: replayed on RESUME
    const resume = await fake.waitForGateway((f) => f.op === GatewayOpcodes.Resume);
    expect(resume.payload).toMatchObject({ d: { token: fake.token, session_id: expect.any(String), seq: expect.any(Number) } });
    await resumed;
    await missedHandled;
    expect((await fake.waitForCallback(missed.id)).status).toBe(204);

    const nextHandled = onNextInteraction(client, answer);
    const next = fake.sendInteraction({ name: 'ping' });
    await nextHandled;
    expect((await fake.waitForCallback(next.id)).body).toMatchObject({ type: 4, data: { content: 'pong' } });
    expect(fake.gatewayFrames.filter((f) => f.op === GatewayOpcodes.Identify)).toHaveLength(1);
  });

  it('makes discord.js retry after an injected 429 on the callback route and a 500 on a channel post', async () => {
    const { fake, client } = await connected();
    fake.failNext((r) => r.route.endsWith('/callback'), { status: 429, retryAfterSeconds: 0.1 });
    const handled = onNextInteraction(client, (interaction) => chatInput(interaction).reply({ content: 'eventually', allowedMentions: { parse: [] } }));
    const sent = fake.sendInteraction({ name: 'ping' });
    await handled;
    const attempts = fake.callbacksFor(sent.id);
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
    expect(attempts[0]?.response).toEqual({ message: 'You are being rate limited.', retry_after: 0.1, global: false });

    fake.failNext((r) => r.method === 'POST' && r.route === `/channels/${fake.channelId}/messages`, { status: 500 });
    await client.rest.post(Routes.channelMessages(fake.channelId), { body: { content: 'digest' } });
    expect(fake.requests.filter((r) => r.route === `/channels/${fake.channelId}/messages`).map((r) => r.status)).toEqual([500, 200]);
  });

  it('posts to channels, and reports deleted (10003) and inaccessible (403 50001) channels', async () => {
    const { fake, client } = await connected();
    const second = fake.addChannel('digest');
    const channel = client.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('channel not cached or not sendable');
    const sent = await channel.send({ content: 'weekly digest', allowedMentions: { parse: [] } });
    expect(fake.messagesIn(fake.channelId).map((m) => m.id)).toEqual([sent.id]);

    const deleted = once(client, Events.ChannelDelete);
    fake.deleteChannel(fake.channelId);
    expect((await deleted)[0]).toMatchObject({ id: fake.channelId });
    await expect(channel.send({ content: 'again' })).rejects.toMatchObject({ status: 404, code: 10003 });

    fake.denyAccess(second);
    await expect(client.rest.post(Routes.channelMessages(second), { body: { content: 'x' } })).rejects.toMatchObject({ status: 403, code: 50001 });
  });

  it('serves channel history newest first (after / before / around / limit) and refuses deleted (10003) and hidden (50001) channels', async () => {
    const { fake, client } = await connected();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const message = (await client.rest.post(Routes.channelMessages(fake.channelId), { body: { content: `m${i}` } })) as { id: string };
      ids.push(message.id);
    }
    const history = async (query: Record<string, string> = {}): Promise<string[]> => {
      const messages = (await client.rest.get(Routes.channelMessages(fake.channelId), { query: new URLSearchParams(query) })) as { id: string; content: string }[];
      return messages.map((m) => m.content);
    };
    expect(await history()).toEqual(['m4', 'm3', 'm2', 'm1', 'm0']);
    expect(await history({ limit: '2' })).toEqual(['m4', 'm3']);
    expect(await history({ after: ids[1] ?? '', limit: '2' })).toEqual(['m3', 'm2']);
    expect(await history({ before: ids[3] ?? '', limit: '2' })).toEqual(['m2', 'm1']);
    expect(await history({ around: ids[2] ?? '', limit: '3' })).toEqual(['m3', 'm2', 'm1']);
    expect(await history({ after: ids[4] ?? '' })).toEqual([]);
    for (const limit of ['0', '101', 'ten']) {
      await expect(history({ limit })).rejects.toMatchObject({ status: 400, code: 50035 });
    }

    const other = fake.addChannel('hidden');
    fake.denyAccess(other);
    await expect(client.rest.get(Routes.channelMessages(other))).rejects.toMatchObject({ status: 403, code: 50001 });
    fake.deleteChannel(fake.channelId);
    await expect(history()).rejects.toMatchObject({ status: 404, code: 10003 });
  });

  it('with enforce_nonce returns the earlier message for a repeated nonce within the window, and creates a new one otherwise', async () => {
    let clock = Date.parse('2026-12-01T08:00:00Z');
    const { fake, client } = await connected({ now: () => clock, nonceWindowMs: 5 * 60_000 });
    const post = async (body: Record<string, unknown>) =>
      (await client.rest.post(Routes.channelMessages(fake.channelId), { body })) as { id: string; nonce?: string; timestamp: string };

    const first = await post({ content: 'part 1', nonce: 'd1p0', enforce_nonce: true });
    expect(first.nonce).toBe('d1p0');
    expect(first.timestamp).toBe('2026-12-01T08:00:00.000Z');
    const again = await post({ content: 'part 1, sent again', nonce: 'd1p0', enforce_nonce: true });
    expect(again.id).toBe(first.id);
    expect(fake.messagesIn(fake.channelId).map((m) => m.content)).toEqual(['part 1']);

    // Without enforce_nonce the nonce is only echoed back.
    const unenforced = await post({ content: 'same nonce, not enforced', nonce: 'd1p0', enforce_nonce: false });
    expect(unenforced.id).not.toBe(first.id);
    expect(unenforced.nonce).toBe('d1p0');

    clock += 6 * 60_000;
    const later = await post({ content: 'after the window', nonce: 'd1p0', enforce_nonce: true });
    expect(later.id).not.toBe(unenforced.id);
    expect(fake.messagesIn(fake.channelId)).toHaveLength(3);
    // Message ids follow the fake's clock, so `after` a time works as on Discord.
    const fetched = (await client.rest.get(Routes.channelMessages(fake.channelId), {
      query: new URLSearchParams({ after: SnowflakeUtil.generate({ timestamp: clock - 60_000 }).toString() }),
    })) as { id: string; nonce?: string }[];
    expect(fetched.map((m) => m.id)).toEqual([later.id]);
    expect(fetched[0]?.nonce).toBeUndefined();

    await expect(post({ content: 'x', nonce: 'n'.repeat(26) })).rejects.toMatchObject({ status: 400, code: 50035 });
    await expect(post({ content: 'x', nonce: 'ok', enforce_nonce: 'yes' })).rejects.toMatchObject({ status: 400, code: 50035 });
  });

  it('fails a request several times in a row with failNext(…, times)', async () => {
    const { fake, client } = await connected();
    const route = `/channels/${fake.channelId}/messages`;
    fake.failNext((r) => r.method === 'POST' && r.route === route, { status: 500 }, 4);
    // discord.js retries a 5xx three times, then gives up.
    await expect(client.rest.post(Routes.channelMessages(fake.channelId), { body: { content: 'x' } })).rejects.toMatchObject({ status: 500 });
    await client.rest.post(Routes.channelMessages(fake.channelId), { body: { content: 'y' } });
    expect(fake.requests.filter((r) => r.route === route).map((r) => r.status)).toEqual([500, 500, 500, 500, 200]);

    fake.failNext((r) => r.route === route, { status: 503 }, Infinity);
    await expect(client.rest.post(Routes.channelMessages(fake.channelId), { body: { content: 'z' } })).rejects.toMatchObject({ status: 503 });
    fake.clearFailures();
    await client.rest.post(Routes.channelMessages(fake.channelId), { body: { content: 'z' } });
    expect(fake.messagesIn(fake.channelId).map((m) => m.content)).toEqual(['y', 'z']);
  });

  it('resolves channel options as Discord does, so getChannel() works', async () => {
    const { fake, client } = await connected();
    const news = fake.addChannel('news');
    await client.application?.commands.set(
      [{ name: 'pick', description: 'Pick a channel', options: [{ type: ApplicationCommandOptionType.Channel, name: 'channel', description: 'Where', required: true }] }],
      fake.guildId,
    );
    const handled = onNextInteraction(client, async (interaction) => {
      const chat = chatInput(interaction);
      await chat.reply({ content: 'ok', allowedMentions: { parse: [] } });
      const channel = chat.options.getChannel('channel', true);
      return { id: channel.id, name: channel.name, raw: chat.options.get('channel')?.value };
    });
    const sent = fake.sendInteraction({ name: 'pick', options: { channel: news } });
    expect(await handled).toEqual({ id: news, name: 'news', raw: news });
    expect(sent.payload.data).toMatchObject({ resolved: { channels: { [news]: { id: news, name: 'news', type: 0 } } } });
  });

  it('registers commands (PUT/GET) and types shorthand options from them', async () => {
    const { fake, client } = await connected();
    const application = client.application;
    if (!application) throw new Error('no application');
    const created = await application.commands.set(
      [
        {
          name: 'country',
          description: 'Look up a country',
          options: [
            { type: ApplicationCommandOptionType.String, name: 'name', description: 'Country', required: true, autocomplete: true },
            { type: ApplicationCommandOptionType.Integer, name: 'limit', description: 'How many' },
          ],
        },
      ],
      fake.guildId,
    );
    const command = created.first();
    expect(command?.name).toBe('country');
    expect(fake.registeredCommands(fake.guildId).map((c) => [c.id, c.name])).toEqual([[command?.id, 'country']]);
    const fetched = await client.rest.get(Routes.applicationGuildCommands(fake.applicationId, fake.guildId));
    expect(fetched).toEqual(fake.registeredCommands(fake.guildId));
    await expect(application.commands.set([{ name: 'Bad Name', description: 'x' }], fake.guildId)).rejects.toMatchObject({ code: 50035 });

    const handled = onNextInteraction(client, async (interaction) => {
      const chat = chatInput(interaction);
      await chat.reply({ content: 'ok', allowedMentions: { parse: [] } });
      return { id: chat.commandId, limit: chat.options.getInteger('limit'), name: chat.options.getString('name') };
    });
    fake.sendInteraction({ name: 'country', options: { name: 'Chile', limit: 3 } });
    expect(await handled).toEqual({ id: command?.id, limit: 3, name: 'Chile' });
  });

  it('delivers button clicks and records UPDATE_MESSAGE callbacks', async () => {
    const { fake, client } = await connected();
    const handled = onNextInteraction(client, async (interaction) => {
      const click = button(interaction);
      await click.update({ content: 'page 2', components: [] });
      return click.customId;
    });
    const sent = fake.sendButton('page:2', { user: { id: '300000000000000001', username: 'bob' } });
    expect(await handled).toBe('page:2');
    expect((await fake.waitForCallback(sent.id)).body).toMatchObject({ type: 7, data: { content: 'page 2', components: [] } });
    expect(fake.interaction(sent.id)?.original?.content).toBe('page 2');
  });

  it('receives a reply with a file as multipart (payload_json + files[0]), links the embed image to it and serves its bytes', async () => {
    const { fake, client } = await connected();
    const png = await createCanvas(3, 2).encode('png');
    const handled = onNextInteraction(client, async (interaction) => {
      await chatInput(interaction).reply({
        embeds: [{ title: 'chart', image: { url: 'attachment://chart.png' } }],
        files: [{ attachment: png, name: 'chart.png' }],
        allowedMentions: { parse: [] },
      });
    });
    const sent = fake.sendInteraction({ name: 'market-share' });
    await handled;

    const callback = await fake.waitForCallback(sent.id);
    expect(callback.body).toBeInstanceOf(MultipartBody);
    expect(jsonPayload(callback.body)).toMatchObject({ type: 4, data: { embeds: [{ image: { url: 'attachment://chart.png' } }], attachments: [{ id: '0' }] } });
    expect(filesOf(callback.body).map((f) => [f.field, f.filename, f.bytes.equals(png)])).toEqual([['files[0]', 'chart.png', true]]);
    const original = fake.interaction(sent.id)?.original;
    if (!original) throw new Error('the reply was not stored');
    const [file] = fake.messageFiles(original);
    expect(file?.attachment).toMatchObject({ filename: 'chart.png', width: 3, height: 2, size: png.length });
    expect(original.embeds[0]?.image).toEqual({ url: file?.attachment.url, proxy_url: file?.attachment.proxy_url, width: 3, height: 2 });
    const served = await fetch(file?.attachment.url ?? '');
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
  });

  it('drops an embed image that names no uploaded file, and an update with attachments: [] removes the files', async () => {
    const { fake, client } = await connected();
    const replied = onNextInteraction(client, async (interaction) => {
      await chatInput(interaction).reply({
        embeds: [{ title: 'page 1', image: { url: 'attachment://other-name.png' } }],
        files: [{ attachment: Buffer.from('not really a png'), name: 'chart.png' }],
        components: [{ type: 1, components: [{ type: 2, style: 2, custom_id: 'next', label: 'Next' }] }],
        allowedMentions: { parse: [] },
      });
    });
    const sent = fake.sendInteraction({ name: 'restrictions' });
    await replied;
    const original = fake.interaction(sent.id)?.original;
    expect(original?.embeds[0]?.image).toBeUndefined();
    expect(original?.attachments.map((a) => a.filename)).toEqual(['chart.png']);

    const updated = onNextInteraction(client, async (interaction) => {
      await button(interaction).update({ embeds: [{ title: 'page 2' }], attachments: [] });
    });
    const click = fake.sendButton('next');
    await updated;
    expect(jsonPayload((await fake.waitForCallback(click.id)).body)).toMatchObject({ type: 7, data: { attachments: [] } });
    expect(original?.attachments).toEqual([]);
    expect(original?.embeds[0]?.title).toBe('page 2');
  });

  it('refuses embed media that is not http(s) or attachment://, more than 10 files (50035) and a file over 10 MiB (413 40005)', async () => {
    const { fake, client } = await connected();
    const route = Routes.channelMessages(fake.channelId);
    const badScheme = client.rest.post(route, { body: { embeds: [{ image: { url: 'file:///etc/passwd' } }] } });
    await expect(badScheme).rejects.toMatchObject({ status: 400, code: 50035 });
    await expect(badScheme).rejects.toThrow(/embeds\[0\]\.image\.url\[URL_TYPE_INVALID_SCHEME\]/);
    const files = (count: number, bytes: number) => Array.from({ length: count }, (_, i) => ({ name: `f${i}.bin`, data: Buffer.alloc(bytes) }));
    await expect(client.rest.post(route, { body: { content: 'x' }, files: files(11, 1) })).rejects.toMatchObject({ status: 400, code: 50035 });
    await expect(client.rest.post(route, { body: { content: 'x' }, files: files(1, 10 * 1024 * 1024 + 1) })).rejects.toMatchObject({ status: 413, code: 40005 });
    await client.rest.post(route, { body: { content: 'x', embeds: [{ thumbnail: { url: 'https://example.com/a.png' } }] }, files: files(10, 1) });
    expect(fake.messagesIn(fake.channelId)[0]?.attachments).toHaveLength(10);
  });

  it('serves attachments the bot can download through an attachment option', async () => {
    const { fake, client } = await connected();
    const attachment = fake.attachmentOption('facts.yaml', 'id: la-cn-2023\n', 'application/yaml');
    const handled = onNextInteraction(client, async (interaction) => {
      const command = chatInput(interaction);
      const file = command.options.getAttachment('file', true);
      const response = await fetch(file.url);
      await command.reply({ content: 'checked', allowedMentions: { parse: [] } });
      return { type: response.headers.get('content-type'), text: await response.text(), name: file.name };
    });
    fake.sendInteraction({ name: 'kb', subcommand: 'check', attachments: { file: attachment }, permissions: FakeDiscord.MODERATOR_PERMISSIONS });
    expect(await handled).toEqual({ type: 'application/yaml', text: 'id: la-cn-2023\n', name: 'facts.yaml' });
    expect(new URL(fake.serveAttachment('x.bin', Buffer.from([1, 2]))).origin).toBe(fake.origin);
  });

  it('waitForRequest fails with a clear message on timeout', async () => {
    const server = await FakeDiscord.start();
    fake = server;
    await expect(server.waitForRequest((r) => r.route === '/never', 50)).rejects.toThrow(/no request matched within 50 ms[\s\S]*\/never/);
  });
});
