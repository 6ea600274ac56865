/**
 * The whole Discord path, measured: the real discord.js client, started by the bot's launcher on
 * the shipped knowledge, against the loopback server of test/support. For each interaction the
 * time runs from the server sending INTERACTION_CREATE on the gateway socket to it receiving the
 * interaction callback. One at a time first; then bursts sent all at once (chart commands, and
 * /restrictions alone), where what counts is the initial response of each against Discord's 3 s
 * deadline, and whether every answer and its chart arrived after it. The loopback server runs in
 * the bot's process and shares its CPU, so the figures are if anything pessimistic. Run by
 * `npm run bench` after the corpus sizes (or alone: `tsx scripts/bench-discord.ts [--json] [--count N]`).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../src/config.ts';
import { launchBot } from '../src/discord/start.ts';
import { createLogger } from '../src/log.ts';
import { MessageFlags } from 'discord.js';
import { burstInteraction, CHART_COMMANDS, type BurstCommand } from '../test/support/chart-burst.ts';
import { FakeDiscord } from '../test/support/fake-discord.ts';

export interface DiscordLatencyRow {
  readonly n: 'discord';
  readonly count: number;
  readonly ask: { readonly p50: number; readonly p99: number; readonly mean: number };
  readonly autocomplete: { readonly p50: number; readonly p99: number; readonly mean: number };
  readonly bursts: readonly BurstRow[];
}

export interface BurstRow {
  readonly label: string;
  readonly count: number;
  /** Dispatch → first callback request, in ms; an interaction with no callback counts as late. */
  readonly initial: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Callbacks after the deadline (404 10062) or none at all. */
  readonly late: number;
  /** Acknowledged by a deferral and answered by an edit. */
  readonly deferred: number;
  /** Final answers delivered, and those with their chart. */
  readonly answered: number;
  readonly withChart: number;
  /** Dispatch of the first → last final answer, in ms. */
  readonly allAnsweredMs: number;
}

const CHART_MIX: readonly BurstCommand[] = [...CHART_COMMANDS, { name: 'country', options: { name: 'United States' } }, { name: 'market-share', options: { stage: 'magnets' } }];
const RESTRICTIONS: readonly BurstCommand[] = [
  { name: 'restrictions', options: {} },
  { name: 'restrictions', options: { country: 'China' } },
];
export const BURSTS: readonly { readonly label: string; readonly count: number; readonly specs: readonly BurstCommand[] }[] = [
  { label: 'chart commands (/country, /market-share, /restrictions)', count: 200, specs: CHART_MIX },
  { label: '/restrictions', count: 100, specs: RESTRICTIONS },
];

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
    const bursts: BurstRow[] = [];
    for (const [index, burst] of BURSTS.entries()) bursts.push(await measureBurst(fake, burst.label, burst.count, burst.specs, index));
    return { n: 'discord', count, ask: summary(ask), autocomplete: summary(autocomplete), bursts };
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

const DEADLINE_MS = 3000;

/** Sends `count` interactions at once, each from its own user, and waits for every final answer (up to 60 s). */
async function measureBurst(fake: FakeDiscord, label: string, count: number, specs: readonly BurstCommand[], round: number): Promise<BurstRow> {
  const sent = Array.from({ length: count }, (_, i) => fake.sendInteraction(burstInteraction(specs, i, 400000000000000000n + BigInt(round * 10000))));
  const finalOf = (id: string) => {
    const original = fake.interaction(id)?.original;
    return original && ((original.flags ?? 0) & MessageFlags.Loading) === 0 && original.embeds.length > 0 ? original : undefined;
  };
  const answeredAt = new Map<string, number>();
  await Promise.allSettled(
    sent.map((interaction) =>
      fake.waitForRequest((request) => {
        if (!finalOf(interaction.id)) return false;
        answeredAt.set(interaction.id, request.at);
        return true;
      }, 60_000),
    ),
  );
  const initial: number[] = [];
  let late = 0;
  let deferred = 0;
  for (const interaction of sent) {
    const [first] = fake.callbacksFor(interaction.id);
    const dispatchedAt = fake.interaction(interaction.id)?.dispatchedAt ?? 0;
    initial.push(first ? first.at - dispatchedAt : Number.POSITIVE_INFINITY);
    if (!first || first.status >= 300 || first.at - dispatchedAt > DEADLINE_MS) late++;
    if (first && (first.body as { type?: number } | undefined)?.type === 5) deferred++;
  }
  const finals = sent.map((interaction) => finalOf(interaction.id));
  const firstDispatch = Math.min(...sent.map((interaction) => fake.interaction(interaction.id)?.dispatchedAt ?? 0));
  const sorted = [...initial].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
  return {
    label,
    count,
    initial: { p50: at(0.5), p99: at(0.99), max: Math.round(sorted.at(-1) as number) },
    late,
    deferred,
    answered: finals.filter(Boolean).length,
    withChart: finals.filter((message) => (message?.attachments.length ?? 0) > 0).length,
    allAnsweredMs: answeredAt.size > 0 ? Math.max(...answeredAt.values()) - firstDispatch : Number.POSITIVE_INFINITY,
  };
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
    `Bursts sent all at once (initial response: INTERACTION_CREATE sent → first callback received; Discord's deadline ${DEADLINE_MS} ms):`,
    ...row.bursts.map(
      (burst) =>
        `  ${String(burst.count).padStart(3)} ${burst.label}: initial p50 ${burst.initial.p50} ms, p99 ${burst.initial.p99} ms, max ${burst.initial.max} ms; ` +
        `${burst.late === 0 ? 'every one in time' : `${burst.late} LATE`}; ${burst.deferred} deferred; ${burst.answered}/${burst.count} answered (${burst.withChart} with a chart)${Number.isFinite(burst.allAnsweredMs) ? `, the last ${burst.allAnsweredMs} ms after the first was sent` : ''}`,
    ),
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
