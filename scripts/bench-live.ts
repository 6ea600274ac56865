/**
 * The running bot under load, at one corpus size: what users feel while it reloads knowledge or
 * answers a burst of questions. The generated corpus is written as a knowledge folder of YAML files
 * (bench-kb-files.ts); the real bot is started on it by `launchBot` against the loopback Discord
 * server of test/support (the same path as bench-discord.ts), and the event loop is watched
 * (bench-loop.ts) during:
 *
 * - a burst of concurrent /ask interactions (50 by default), dispatched in one go on the gateway,
 *   after a short warm-up: how many got their reply within Discord's 3 s, and how late the last was;
 * - a reload after a moderator's edit (one fact's summary in one file), through the bot's own
 *   `LiveKnowledge.reload`: its worker thread reads every file and parses and validates the one
 *   that changed, the snapshot comes back a chunk per turn, and the index and answer lookups are
 *   built beside the served ones; the bot's reload listener (recording changes for digests) runs
 *   in it as it does in production;
 * - an unchanged reload (the same files again): the worker reads and hashes them, and sends nothing back.
 *
 * The loopback server runs in the same process, so its (small) work is inside the measured loop.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../src/config.ts';
import { launchBot, type RunningBot } from '../src/discord/start.ts';
import { createLogger } from '../src/log.ts';
import type { ReloadResult } from '../src/reload/live-knowledge.ts';
import { FakeDiscord, jsonPayload, snowflake } from '../test/support/fake-discord.ts';
import { buildQuerySet, generateCorpus } from './bench-corpus.ts';
import { writeKnowledgeFolder } from './bench-kb-files.ts';
import { underWatch, type LoopDelay } from './bench-loop.ts';
import { corpusFingerprint, loadShippedBase, progress, SHIPPED_KNOWLEDGE } from './bench-setup.ts';
import { evenly, percentile, round } from './bench-stats.ts';

const WARM_UP_ASKS = 10;
/** Callback type 4: a reply with content (what /ask sends; it does not defer). */
const CHANNEL_MESSAGE_WITH_SOURCE = 4;

export interface ReloadMeasure {
  readonly ms: number;
  readonly ok: boolean;
  readonly changed: boolean;
  /** Of `ms`, the bot's listener recording the changes for digests (synchronous SQLite). */
  readonly recordChangesMs: number;
  readonly loop: LoopDelay;
}

export interface BurstMeasure {
  readonly sent: number;
  /** Replies the loopback server accepted (within the 3 s interaction deadline). */
  readonly answered: number;
  /** Replies that came too late (the server answered 404 Unknown Interaction) or never. */
  readonly late: number;
  /** From dispatch to the server receiving each reply, in ms (Date.now resolution). */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly lastMs: number;
  readonly loop: LoopDelay;
}

export interface LiveRow {
  readonly n: number;
  readonly corpus: string;
  readonly folder: { readonly files: number; readonly MB: number; readonly largestMB: number; readonly writeMs: number };
  /** launchBot on the folder: first load, index, store, gateway login. */
  readonly startMs: number;
  /** The loop at rest with the bot connected, for comparison (timers, GC). */
  readonly idle: LoopDelay;
  readonly concurrentAsks: BurstMeasure;
  readonly reload: ReloadMeasure;
  readonly unchangedReload: ReloadMeasure;
}

export interface LiveOptions {
  readonly seed: number;
  readonly concurrency: number;
}

export async function measureLive(n: number, options: LiveOptions): Promise<LiveRow> {
  const base = await loadShippedBase();
  const corpus = generateCorpus(n, base, options.seed);
  const questions = evenly(
    buildQuerySet(base, corpus, options.seed).ask.map((query) => query.text),
    options.concurrency + WARM_UP_ASKS,
  );
  const knowledgeDir = mkdtempSync(path.join(tmpdir(), 'reb-bench-kb-'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'reb-bench-data-'));
  let bot: RunningBot | undefined;
  let fake: FakeDiscord | undefined;
  try {
    progress(n, `live: writing the corpus as YAML files to ${knowledgeDir}`);
    let started = performance.now();
    const folder = writeKnowledgeFolder(knowledgeDir, corpus, SHIPPED_KNOWLEDGE);
    const writeMs = performance.now() - started;

    progress(n, `live: starting the bot on ${folder.files} files (${(folder.bytes / 1e6).toFixed(1)} MB)`);
    fake = await FakeDiscord.start({ interactionDeadlineMs: 3000 });
    const config = parseConfig({
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      KNOWLEDGE_DIR: knowledgeDir,
      DATA_DIR: dataDir,
      COOLDOWN_SECONDS: '0',
    });
    started = performance.now();
    bot = await launchBot(config, { log: createLogger({ level: 'silent' }), waitGuildTimeout: 1000, watch: false });
    const startMs = performance.now() - started;
    const recordTimer = timeChangeRecording(bot);

    const idle = (await underWatch(() => new Promise((resolve) => setTimeout(resolve, 300)))).loop;

    progress(n, `live: ${options.concurrency} concurrent /ask after ${WARM_UP_ASKS} one by one`);
    for (const question of questions.slice(0, WARM_UP_ASKS)) await askOnce(fake, question);
    const burst = await underWatch(() => askAtOnce(fake as FakeDiscord, questions.slice(WARM_UP_ASKS)));

    const reloadOnce = async (label: string): Promise<ReloadMeasure> => {
      progress(n, `live: ${label}`);
      recordTimer.reset();
      const t0 = performance.now();
      const { value, loop } = await underWatch(() => (bot as RunningBot).live.reload('command'));
      return measureOf(value, performance.now() - t0, recordTimer.totalMs(), loop);
    };
    const edited = folder.editOneFact();
    const reload = await reloadOnce(`reload after an edit of ${edited}`);
    if (!reload.changed) throw new Error(`the reload after editing ${edited} found nothing changed`);
    const unchangedReload = await reloadOnce('reload of the same files');

    return {
      n,
      corpus: corpusFingerprint(corpus),
      folder: { files: folder.files, MB: round(folder.bytes / 1e6, 1), largestMB: round(folder.largestBytes / 1e6, 2), writeMs: round(writeMs, 0) },
      startMs: round(startMs, 0),
      idle,
      concurrentAsks: { ...burst.value, loop: burst.loop },
      reload,
      unchangedReload,
    };
  } finally {
    await bot?.stop();
    await fake?.close();
    rmSync(knowledgeDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function measureOf(result: ReloadResult, ms: number, recordChangesMs: number, loop: LoopDelay): ReloadMeasure {
  if (!result.ok)
    throw new Error(
      `reload failed: ${
        result.errors
          .slice(0, 3)
          .map((e) => `${e.file}:${e.line} ${e.message}`)
          .join('; ') || 'held'
      }`,
    );
  return { ms: round(ms, 0), ok: result.ok, changed: result.changed, recordChangesMs: round(recordChangesMs, 0), loop };
}

/** Wraps the store's change recording (called by the bot's reload listener) to time it apart. */
function timeChangeRecording(bot: RunningBot): { reset(): void; totalMs(): number } {
  const changes = bot.store.changes;
  const record = changes.record.bind(changes);
  let total = 0;
  changes.record = (...args: Parameters<typeof record>) => {
    const t0 = performance.now();
    try {
      return record(...args);
    } finally {
      total += performance.now() - t0;
    }
  };
  return { reset: () => void (total = 0), totalMs: () => total };
}

function callbackOf(fake: FakeDiscord, sent: { id: string; token: string }, timeoutMs: number) {
  const route = `/interactions/${sent.id}/${sent.token}/callback`;
  return fake.waitForRequest((request) => request.method === 'POST' && request.route === route, timeoutMs);
}

async function askOnce(fake: FakeDiscord, question: string): Promise<void> {
  const sent = fake.sendInteraction({ name: 'ask', options: { question } });
  await callbackOf(fake, sent, 30_000);
}

/** Every question dispatched in the same tick, each from its own user, as a busy server would. */
async function askAtOnce(fake: FakeDiscord, questions: readonly string[]): Promise<Omit<BurstMeasure, 'loop'>> {
  const sent = questions.map((question) => fake.sendInteraction({ name: 'ask', options: { question }, user: { id: snowflake() } }));
  const replies = await Promise.all(sent.map((interaction) => callbackOf(fake, interaction, 60_000).catch(() => undefined)));
  const latencies: number[] = [];
  let answered = 0;
  replies.forEach((reply, i) => {
    const dispatchedAt = fake.interaction((sent[i] as { id: string }).id)?.dispatchedAt;
    if (reply === undefined || dispatchedAt === undefined) return;
    latencies.push(reply.at - dispatchedAt);
    const payload = jsonPayload(reply.body) as { type?: number } | null;
    if (reply.status < 300 && payload?.type === CHANNEL_MESSAGE_WITH_SOURCE) answered++;
  });
  latencies.sort((a, b) => a - b);
  return {
    sent: sent.length,
    answered,
    late: sent.length - answered,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    lastMs: latencies.at(-1) ?? 0,
  };
}
