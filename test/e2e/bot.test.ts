import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayOpcodes, SlashCommandBuilder, type APIEmbed, type APIMessageComponent } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import type { CommandModule } from '../../commands/types.ts';
import type { Config } from '../../src/config.ts';
import { commandDefinitions, deployCommands } from '../../src/discord/deploy-commands.ts';
import { launchBot, type RunningBot } from '../../src/discord/start.ts';
import { createLogger } from '../../src/log.ts';
import { LIMITS } from '../../src/render/discord/limits.ts';
import { pngInfo } from '../../src/charts/png.ts';
import { E2eBot } from '../support/e2e-bot.ts';
import { FakeDiscord, filesOf, jsonPayload, type RecordedRequest } from '../support/fake-discord.ts';

/**
 * The real discord.js client, started by the bot's own launcher, against the loopback server of
 * test/support. Every assertion reads what the server received: the bodies Discord would get.
 */
interface CallbackBody {
  type: number;
  data?: {
    content?: string;
    embeds?: APIEmbed[];
    attachments?: Array<{ id: string; filename?: string }>;
    components?: Array<{ components: APIMessageComponent[] }>;
    flags?: number;
    allowed_mentions?: { parse?: string[] };
    choices?: Array<{ name: string; value: string }>;
  };
}

const boom: CommandModule = {
  data: new SlashCommandBuilder().setName('boom').setDescription('Fails on purpose, for the error boundary test'),
  defer: false,
  run: () => {
    throw new Error('kaboom in a command');
  },
};

let e2e: E2eBot;
let fake: FakeDiscord;
let bot: RunningBot;
let modRoleId: string;
let config: Config;
let logLines: string[];
const nextUser = () => e2e.nextUser();

async function callback(interactionId: string): Promise<CallbackBody> {
  const request = await fake.waitForCallback(interactionId);
  return jsonPayload(request.body) as CallbackBody;
}

/**
 * The request that carried the answer: the reply itself or, where the bot deferred it (it may, for a
 * chart, when the machine is busy), the edit that replaced the "thinking…" message.
 */
async function answerRequest(interactionId: string): Promise<RecordedRequest> {
  const request = await fake.waitForCallback(interactionId);
  if ((jsonPayload(request.body) as CallbackBody).type !== 5) return request;
  const token = fake.interaction(interactionId)?.token ?? '';
  return await fake.waitForRequest((edit) => edit.method === 'PATCH' && edit.route.endsWith(`/${token}/messages/@original`) && edit.status < 300);
}

/** The answer's body, an edit read as the reply it stands for. */
function answerBody(request: RecordedRequest): CallbackBody {
  const body = jsonPayload(request.body);
  return request.method === 'PATCH' ? { type: 4, data: body as CallbackBody['data'] } : (body as CallbackBody);
}

async function command(name: string, options: Record<string, string | number | boolean> = {}): Promise<CallbackBody> {
  const sent = fake.sendInteraction({ name, options, ...nextUser() });
  return answerBody(await answerRequest(sent.id));
}

function fieldsText(body: CallbackBody): string {
  return (body.data?.embeds ?? []).flatMap((embed) => (embed.fields ?? []).map((field) => `${field.name}\n${field.value}`)).join('\n');
}

function expectPublicAnswer(body: CallbackBody): void {
  expect(body.type).toBe(4);
  expect(body.data?.allowed_mentions).toEqual({ parse: [] });
  expect((body.data?.flags ?? 0) & 64).toBe(0);
  const embeds = body.data?.embeds ?? [];
  expect(embeds.length).toBeGreaterThan(0);
  expect(embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
  expect(embeds[0]?.footer?.text).toMatch(/^knowledge [0-9a-f]{12}/);
}

function buttons(body: CallbackBody): Array<{ custom_id: string; label?: string; disabled?: boolean }> {
  return (body.data?.components ?? []).flatMap((row) =>
    row.components.flatMap((component) => ('custom_id' in component ? [component as { custom_id: string; label?: string; disabled?: boolean }] : [])),
  );
}

beforeAll(async () => {
  e2e = await E2eBot.start({
    // The cooldown is under test here; each interaction comes from a fresh user so that it holds back only its own.
    settings: (server) => ({ MOD_ROLE_IDS: (modRoleId = server.createRole({ name: 'knowledge keepers' })), GUILD_ID: server.guildId, COOLDOWN_SECONDS: '30', LOG_LEVEL: 'debug' }),
    deploy: true,
    logLevel: 'debug',
    launch: { commands: new Map([...COMMANDS, ['boom', boom]]) },
  });
  ({ fake, bot, config, logLines } = e2e);
});

afterAll(async () => {
  await e2e?.close();
});

describe('slash commands answer with sourced embeds', () => {
  it('/ask answers with citations as numbered links', async () => {
    const body = await command('ask', { question: 'who restricts dysprosium exports?' });
    expectPublicAnswer(body);
    expect(fieldsText(body)).toMatch(/Sources: \[\[1\] [^\]]+\]\(https?:\/\//);
  });

  it('/country, /restrictions, /market-share, /meetings, /source, /help and /about all answer', async () => {
    const cases: Array<[string, Record<string, string | number | boolean>, RegExp]> = [
      ['country', { name: 'PRC' }, /China/],
      ['restrictions', { country: 'China', material: 'Dy' }, /dysprosium|heavy rare earths/i],
      ['market-share', { stage: 'mining' }, /China/],
      ['meetings', { country: 'Kazakhstan' }, /Dialogue|summit/i],
      ['source', { id: 'cn-april-2025-seven-ree' }, /https?:\/\//],
      ['help', {}, /\/ask/],
      ['about', {}, /facts/],
    ];
    for (const [name, options, expected] of cases) {
      const body = await command(name, options);
      expectPublicAnswer(body);
      const embed = body.data?.embeds?.[0];
      expect(`${embed?.title} ${embed?.description ?? ''} ${fieldsText(body)}`, name).toMatch(expected);
    }
  });

  it('/market-share, /country and /restrictions upload their chart as a PNG that the embed shows', async () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ['market-share', { stage: 'mining' }, 'market-share.png'],
      ['country', { name: 'China' }, 'country.png'],
      ['restrictions', { country: 'China' }, 'restrictions.png'],
    ];
    for (const [name, options, file] of cases) {
      const sent = fake.sendInteraction({ name, options, ...nextUser() });
      const request = await answerRequest(sent.id);
      const body = answerBody(request);
      expectPublicAnswer(body);
      const files = filesOf(request.body);
      expect(
        files.map((upload) => [upload.field, upload.filename]),
        name,
      ).toEqual([['files[0]', file]]);
      const png = files[0]?.bytes ?? Buffer.alloc(0);
      expect(png.subarray(0, 8).toString('latin1'), name).toBe('\x89PNG\r\n\x1a\n');
      expect(png.length, name).toBeLessThan(500 * 1024);
      expect(pngInfo(png)?.width, name).toBeGreaterThanOrEqual(800);
      expect(body.data?.embeds?.[0]?.image?.url, name).toBe(`attachment://${file}`);
      // What a user sees: the message holds the upload and the embed shows it.
      const original = fake.interaction(sent.id)?.original;
      const [stored] = original ? fake.messageFiles(original) : [];
      expect(stored?.bytes.equals(png), name).toBe(true);
      expect(original?.embeds[0]?.image?.url, name).toBe(stored?.attachment.url);
    }
  });

  it('answers in text alone, with no upload, where there is nothing to chart', async () => {
    const sent = fake.sendInteraction({ name: 'ask', options: { question: 'who restricts dysprosium exports?' }, ...nextUser() });
    const request = await fake.waitForCallback(sent.id);
    expect(filesOf(request.body)).toEqual([]);
    expect((jsonPayload(request.body) as CallbackBody).data?.embeds?.[0]?.image).toBeUndefined();
  });

  it('answers an unknown country with an ephemeral error and suggestions', async () => {
    const body = await command('country', { name: 'Narnia' });
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.embeds?.[0]?.title).toMatch(/^Could not run \/country/);
    expect(body.data?.embeds?.[0]?.description).toMatch(/Unknown country or bloc 'Narnia'/);
  });

  it('says honestly when there is no sourced answer, offering suggestion buttons that run', async () => {
    const body = await command('ask', { question: 'kazakstan bananas weather forecast' });
    expect(body.data?.embeds?.[0]?.title).toMatch(/^No sourced answer/);
    const suggestion = buttons(body).find((button) => button.label === '/country name:Kazakhstan');
    expect(suggestion).toBeDefined();
    const clicked = fake.sendButton(suggestion?.custom_id ?? '', nextUser());
    const answer = await callback(clicked.id);
    expectPublicAnswer(answer);
    expect(answer.data?.embeds?.[0]?.title).toBe('/country — Kazakhstan');
  });

  it('does not ping or restyle when a question carries @everyone and markdown', async () => {
    const body = await command('ask', { question: '@everyone **who** mines <@&123456789012345678> rare earths?' });
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
    const title = body.data?.embeds?.[0]?.title ?? '';
    expect(title).not.toMatch(/@everyone/);
    expect(title).not.toMatch(/<@&\d+>/);
    expect(title).toContain('\\*\\*who\\*\\*');
  });

  it('answers a 6,000-character question without failing, within the embed limits', async () => {
    const body = await command('ask', { question: `who restricts dysprosium ${'very '.repeat(1200)}` });
    expect(body.type).toBe(4);
    expect((body.data?.flags ?? 0) & 64).toBe(0);
    expect(body.data?.embeds?.[0]?.title?.length).toBeLessThanOrEqual(LIMITS.embedTitle);
  });
});

describe('paging, autocomplete and buttons', () => {
  it('pages a long timeline with Previous/Next buttons whose state is in the custom id', async () => {
    const first = await command('restrictions', {});
    expectPublicAnswer(first);
    expect(first.data?.embeds?.[0]?.footer?.text).toMatch(/page 1\/\d+/);
    const next = buttons(first).find((button) => button.label === 'Next ▶');
    expect(next?.custom_id.length).toBeLessThanOrEqual(100);
    const clicked = fake.sendButton(next?.custom_id ?? '', nextUser());
    const second = await callback(clicked.id);
    expect(second.type).toBe(7);
    expect(second.data?.embeds?.[0]?.footer?.text).toMatch(/page 2\/\d+/);
    expect(second.data?.allowed_mentions).toEqual({ parse: [] });
    // The timeline belongs to page 1: page 2 drops the upload instead of leaving it loose under the embed.
    expect(first.data?.embeds?.[0]?.image?.url).toBe('attachment://restrictions.png');
    expect(second.data?.attachments).toEqual([]);
    expect(second.data?.embeds?.[0]?.image).toBeUndefined();
    expect(fake.interaction(clicked.id)?.original?.attachments).toEqual([]);

    const previous = buttons(second).find((button) => button.label === '◀ Previous');
    const back = fake.sendButton(previous?.custom_id ?? '', nextUser());
    const request = await fake.waitForCallback(back.id);
    expect((jsonPayload(request.body) as CallbackBody).data?.embeds?.[0]?.image?.url).toBe('attachment://restrictions.png');
    expect(filesOf(request.body).map((upload) => upload.filename)).toEqual(['restrictions.png']);
    expect(fake.interaction(back.id)?.original?.attachments.map((attachment) => attachment.filename)).toEqual(['restrictions.png']);
  });

  it('answers a button from an older knowledge version politely', async () => {
    const clicked = fake.sendButton('pg|1|00000000|/restrictions', nextUser());
    const body = await callback(clicked.id);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toMatch(/knowledge has been updated/);
  });

  it('answers an expired button politely', async () => {
    const clicked = fake.sendButton('pg|1|abcdef12|#nosuchkey', nextUser());
    const body = await callback(clicked.id);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toMatch(/expired|updated/);
  });

  it('autocompletes countries, materials and ids with at most 25 choices', async () => {
    const cases: Array<[string, string, string, string]> = [
      ['country', 'name', 'kaz', 'KZ'],
      ['restrictions', 'material', 'dyspr', 'Dy'],
      ['source', 'id', 'cn-april', 'cn-april-2025-seven-ree'],
    ];
    for (const [name, focused, value, expected] of cases) {
      const sent = fake.sendAutocomplete({ name, focused, value, ...nextUser() });
      const body = await callback(sent.id);
      expect(body.type).toBe(8);
      const choices = body.data?.choices ?? [];
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
      expect(choices.map((choice) => choice.value)).toContain(expected);
      for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
    }
  });
});

describe('the bot survives what goes wrong', () => {
  it('turns a failing command into an ephemeral message with a reference id that is in the log, then serves the next one', async () => {
    const body = await command('boom');
    expect(body.data?.flags).toBe(64);
    const reference = /reference ([0-9a-f]{8})/.exec(body.data?.content ?? '')?.[1];
    expect(reference).toBeDefined();
    expect(logLines.some((line) => line.includes(reference as string) && line.includes('kaboom in a command'))).toBe(true);
    expectPublicAnswer(await command('about'));
  });

  it('refuses a second command inside the cooldown with an ephemeral "try again"', async () => {
    const actor = nextUser();
    await callback(fake.sendInteraction({ name: 'about', ...actor }).id);
    const second = await callback(fake.sendInteraction({ name: 'about', ...actor }).id);
    expect(second.data?.flags).toBe(64);
    expect(second.data?.content).toMatch(/try again in \d+ s/);
  });

  it('resumes after the gateway drops the socket and keeps answering', async () => {
    const before = fake.gatewayFrames.length;
    fake.dropConnection(4000);
    await fake.waitForGateway((frame) => frame.op === GatewayOpcodes.Resume && fake.gatewayFrames.indexOf(frame) >= before, 10_000);
    expectPublicAnswer(await command('help'));
  });

  it('retries after a 429 with retry_after', async () => {
    fake.failNext((request) => request.method === 'POST' && request.path.endsWith('/callback'), { status: 429, retryAfterSeconds: 0.2 });
    const sent = fake.sendInteraction({ name: 'help', ...nextUser() });
    await fake.waitForRequest((request) => request.path.includes(`/interactions/${sent.id}/`) && request.status === 204);
    const statuses = fake.requests.filter((request) => request.path.includes(`/interactions/${sent.id}/`)).map((request) => request.status);
    expect(statuses).toEqual([429, 204]);
  });

  it('never writes the token into a log line or a body sent to Discord', () => {
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(line).not.toContain(fake.token);
    const bodies = fake.requests.map((request: RecordedRequest) => JSON.stringify(jsonPayload(request.body) ?? ''));
    for (const body of bodies) expect(body).not.toContain(fake.token);
  });

  it('refuses to start with a wrong token, with a message that does not contain it', async () => {
    const wrong = 'WRONG_TOKEN_1234567890abcdefghijkl';
    // Its own data folder: the running bot holds the lock on the shared one.
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bot-data-'));
    const error = await launchBot({ ...config, DISCORD_TOKEN: wrong, DATA_DIR: dataDir }, { log: createLogger({ level: 'silent' }), waitGuildTimeout: 500 }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Discord rejected DISCORD_TOKEN/);
    expect((error as Error).message).not.toContain(wrong);
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('deploy-commands', () => {
  it("registered exactly the builders' JSON to the guild, and a second run changes nothing", async () => {
    const put = fake.requests.find((request) => request.method === 'PUT' && request.path === `/api/v10/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(put?.body).toEqual(commandDefinitions());
    const again = await deployCommands(config);
    expect(again.sent).toBe(false);
    expect(again.unchanged.sort()).toEqual([...COMMANDS.keys()].sort());
  });

  it('registers globally when GUILD_ID is not set', async () => {
    const { GUILD_ID: _guild, ...global } = config;
    const result = await deployCommands({ ...global, GUILD_ID: undefined });
    expect(result.route).toBe('global');
    expect(result.added.sort()).toEqual([...COMMANDS.keys()].sort());
    const put = await fake.waitForRequest((request) => request.method === 'PUT' && request.path === `/api/v10/applications/${fake.applicationId}/commands`);
    expect(put.body).toEqual(commandDefinitions());
  });
});

describe('moderators', () => {
  /** /kb defers (ephemerally), then edits its answer in: the edit is what the moderator reads. */
  async function kb(
    subcommand: string,
    actor: object,
    options: Record<string, string | number | boolean> = {},
    attachments?: Record<string, ReturnType<FakeDiscord['attachmentOption']>>,
  ) {
    const sent = fake.sendInteraction({ name: 'kb', subcommand, options, ...(attachments ? { attachments } : {}), ...nextUser(), ...actor });
    const first = await callback(sent.id);
    if (first.type !== 5) return { first, edit: undefined };
    const edit = await fake.waitForRequest((request) => request.method === 'PATCH' && request.path.includes(`/webhooks/${fake.applicationId}/${sent.token}/messages/@original`));
    return { first, edit: jsonPayload(edit.body) as NonNullable<CallbackBody['data']> };
  }
  const moderator = { permissions: FakeDiscord.MODERATOR_PERMISSIONS };

  it('refuses /kb to an ordinary member, ephemerally, without running it', async () => {
    const { first, edit } = await kb('status', {});
    expect(first.type).toBe(4);
    expect(first.data?.flags).toBe(64);
    expect(first.data?.content).toMatch(/for moderators/);
    expect(edit).toBeUndefined();
  });

  it('registers /kb hidden from members by default (Manage Server)', () => {
    const kbDefinition = commandDefinitions().find((definition) => definition.name === 'kb');
    expect(kbDefinition?.default_member_permissions).toBe('32');
  });

  it('gives a moderator (Manage Server) the status, ephemerally', async () => {
    const { first, edit } = await kb('status', moderator);
    expect(first).toEqual({ type: 5, data: { flags: 64 } });
    expect(edit?.embeds?.[0]?.description).toMatch(/Knowledge version [0-9a-f]{12}, loaded .*\n\d+ facts \(market-share \d+/);
    expect(edit?.allowed_mentions).toEqual({ parse: [] });
  });

  it('lets a member with a moderator role reload, and reports the result', async () => {
    const { edit } = await kb('reload', { roles: [modRoleId] });
    expect(edit?.embeds?.[0]?.description).toMatch(/Last reload \(command, .*\): no change\./);
  });

  it('checks an attached file by line without applying it', async () => {
    const broken =
      'facts:\n  - id: attached-fact\n    kind: policy\n    title: Attached\n    summary: From Discord.\n    date: 2025-02-30\n    countries: [CN]\n    citations:\n      - source: nai-500-usgs-latest-data-top-2025\n';
    const versionBefore = bot.live.index.snapshot.version;
    const { edit } = await kb('check', moderator, {}, { file: fake.attachmentOption('attached.yaml', broken, 'application/x-yaml') });
    const description = edit?.embeds?.[0]?.description ?? '';
    expect(description).toMatch(/attached\.yaml checked as a new file: 1 error\(s\) in the file/);
    expect(description).toMatch(/attached\.yaml:6:11 fact 'attached-fact': date must be a real date/);
    expect(bot.live.index.snapshot.version).toBe(versionBefore);

    const fixed = broken.replace('2025-02-30', '2025-02-28');
    const ok = await kb('check', moderator, {}, { file: fake.attachmentOption('attached.yaml', fixed, 'application/x-yaml') });
    expect(ok.edit?.embeds?.[0]?.description).toMatch(/no errors \(the knowledge would have \d+ facts\)\. Nothing was applied\./);
    expect(bot.live.index.snapshot.factById.has('attached-fact')).toBe(false);
  });

  it('lists the questions that got no sourced answer, most asked first', async () => {
    for (let i = 0; i < 2; i++) await command('ask', { question: 'purple unicorn tariffs zzqx' });
    await command('ask', { question: 'weather in atlantis zzqx' });
    const { edit } = await kb('gaps', moderator, { days: 7 });
    const description = edit?.embeds?.[0]?.description ?? '';
    expect(description).toMatch(/2×\s+\/ask question:purple unicorn tariffs zzqx[\s\S]*1×\s+\/ask question:weather in atlantis zzqx/);
  });

  it('takes one vote per user per answer (a second click changes it) and reports unhelpful answers', async () => {
    const sent = fake.sendInteraction({ name: 'ask', options: { question: 'project vault stockpile' }, ...nextUser() });
    const answer = await callback(sent.id);
    const down = buttons(answer).find((button) => button.label === 'Not helpful');
    const up = buttons(answer).find((button) => button.label === 'Helpful');
    expect(down?.custom_id).toBe(`fb|0|${sent.id}`);
    const voter = nextUser();
    const first = await callback(fake.sendButton(up?.custom_id ?? '', voter).id);
    expect(first.data?.flags).toBe(64);
    expect(first.data?.content).toMatch(/Thanks/);
    const changed = await callback(fake.sendButton(down?.custom_id ?? '', voter).id);
    expect(changed.data?.content).toMatch(/Changed your vote to 👎/);
    const again = await callback(fake.sendButton(down?.custom_id ?? '', voter).id);
    expect(again.data?.content).toMatch(/already voted 👎/);
    const { edit } = await kb('feedback', moderator, { days: 7 });
    expect(edit?.embeds?.[0]?.description).toMatch(/1👎\s+0👍\s+\/ask question:project vault stockpile/);
  });
});
