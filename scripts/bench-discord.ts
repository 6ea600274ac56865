/**
 * The whole Discord path, measured: the real discord.js client, started by the bot's launcher on
 * the shipped knowledge, against the loopback server of test/support. For each interaction the
 * time runs from the server sending INTERACTION_CREATE on the gateway socket to it receiving the
 * interaction callback. Run by `npm run bench` after the corpus sizes (or alone: `tsx
 * scripts/bench-discord.ts [--json] [--count N]`).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../src/config.ts';
import { launchBot } from '../src/discord/start.ts';
import { createLogger } from '../src/log.ts';
import { FakeDiscord } from '../test/support/fake-discord.ts';

export interface DiscordLatencyRow {
  readonly n: 'discord';
  readonly count: number;
  readonly ask: { readonly p50: number; readonly p99: number; readonly mean: number };
  readonly autocomplete: { readonly p50: number; readonly p99: number; readonly mean: number };
}

const QUESTIONS = [
  'who restricts dysprosium exports?',
  'kazakstan rare earth',
  'china share of mining',
  'india central asia dialogue',
  'who makes magnets',
  'US tariffs on China',
  'what did Beijing do to Japan in 2026',
  'vietnam rare earth export ban',
  'project vault',
  'asdkjh qwe',
];
const PREFIXES: Array<[string, string, string]> = [
  ['country', 'name', 'ka'],
  ['country', 'name', 'chi'],
  ['restrictions', 'material', 'dys'],
  ['restrictions', 'country', 'u'],
  ['source', 'id', 'cn-'],
];

export async function measureDiscordLatency(count = 200): Promise<DiscordLatencyRow> {
  const fake = await FakeDiscord.start({ interactionDeadlineMs: 3000 });
  const config = parseConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    KNOWLEDGE_DIR: 'knowledge',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'bench-data-')),
    COOLDOWN_SECONDS: '0',
  });
  const bot = await launchBot(config, { log: createLogger({ level: 'silent' }), waitGuildTimeout: 1000, watch: false });
  try {
    const ask: number[] = [];
    const autocomplete: number[] = [];
    // Warm-up: the first interactions pay for JIT and connection set-up, as a freshly started bot would once.
    for (let i = 0; i < 20; i++) await roundTrip(fake, () => fake.sendInteraction({ name: 'ask', options: { question: QUESTIONS[i % QUESTIONS.length] as string } }));
    for (let i = 0; i < count; i++) {
      ask.push(await roundTrip(fake, () => fake.sendInteraction({ name: 'ask', options: { question: QUESTIONS[i % QUESTIONS.length] as string } })));
      const [name, focused, value] = PREFIXES[i % PREFIXES.length] as [string, string, string];
      autocomplete.push(await roundTrip(fake, () => fake.sendAutocomplete({ name, focused, value })));
    }
    return { n: 'discord', count, ask: summary(ask), autocomplete: summary(autocomplete) };
  } finally {
    await bot.stop();
    await fake.close();
  }
}

async function roundTrip(fake: FakeDiscord, send: () => { id: string }): Promise<number> {
  const started = process.hrtime.bigint();
  const sent = send();
  await fake.waitForCallback(sent.id);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function summary(values: number[]): { p50: number; p99: number; mean: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  const round = (value: number) => Math.round(value * 100) / 100;
  return { p50: round(at(0.5)), p99: round(at(0.99)), mean: round(values.reduce((sum, value) => sum + value, 0) / values.length) };
}

export function renderDiscordLatency(row: DiscordLatencyRow): string {
  return [
    `Discord path (real discord.js client ↔ loopback server, shipped knowledge, ${row.count} of each):`,
    `  /ask          p50 ${row.ask.p50} ms, p99 ${row.ask.p99} ms, mean ${row.ask.mean} ms   (INTERACTION_CREATE sent → callback received)`,
    `  autocomplete  p50 ${row.autocomplete.p50} ms, p99 ${row.autocomplete.p99} ms, mean ${row.autocomplete.mean} ms`,
  ].join('\n');
}

if (process.argv[1]?.endsWith('bench-discord.ts')) {
  const json = process.argv.includes('--json');
  const countArg = process.argv.indexOf('--count');
  const count = countArg >= 0 ? Number(process.argv[countArg + 1]) : 200;
  measureDiscordLatency(count).then(
    (row) => process.stdout.write(`${json ? JSON.stringify(row) : renderDiscordLatency(row)}\n`),
    (error: unknown) => {
      process.stderr.write(`bench-discord: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
