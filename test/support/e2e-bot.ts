import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parseConfig, type Config } from '../../src/config.ts';
import { deployCommands } from '../../src/discord/deploy-commands.ts';
import { launchBot, type LaunchOptions, type RunningBot } from '../../src/discord/start.ts';
import { createLogger } from '../../src/log.ts';
import { FakeDiscord, type FakeDiscordOptions } from './fake-discord.ts';

export interface E2eBotOptions {
  /** Options of the loopback server (a clock, a shorter interaction deadline). */
  readonly fake?: FakeDiscordOptions;
  /**
   * Settings over the defaults (the loopback server's token, application and URL, the shipped
   * knowledge, a fresh data folder, no cooldown). Called once the server runs, so it can add the
   * roles and channels that settings name.
   */
  readonly settings?: (fake: FakeDiscord) => Record<string, string>;
  /** Copies this knowledge folder to a temporary one the test may edit (KNOWLEDGE_DIR points there). */
  readonly knowledgeCopyOf?: string;
  /** Registers the commands first, so that the server types options (channels, integers) as Discord does. */
  readonly deploy?: boolean;
  /** Level of the log kept in `logLines` (default silent). */
  readonly logLevel?: 'silent' | 'info' | 'debug';
  /** Launch options beyond the log; the guild wait defaults to 1 s. */
  readonly launch?: Omit<LaunchOptions, 'log'>;
}

/**
 * The bot as its launcher starts it, with the real discord.js client, against the loopback server:
 * the setup every end-to-end test shares. Its temporary folders go with close().
 */
export class E2eBot {
  readonly logLines: string[] = [];
  /** The bot last launched (still readable once stopped). */
  bot!: RunningBot;
  #running: RunningBot | undefined;
  #userCounter = 0;

  private constructor(
    readonly fake: FakeDiscord,
    readonly config: Config,
    readonly dataDir: string,
    private readonly options: E2eBotOptions,
    private readonly knowledgeCopy: string | undefined,
  ) {}

  static async start(options: E2eBotOptions = {}): Promise<E2eBot> {
    const fake = await FakeDiscord.start(options.fake);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'e2e-data-'));
    const knowledgeCopy = options.knowledgeCopyOf ? mkdtempSync(path.join(tmpdir(), 'e2e-kb-')) : undefined;
    if (options.knowledgeCopyOf && knowledgeCopy) cpSync(options.knowledgeCopyOf, knowledgeCopy, { recursive: true });
    const config = parseConfig({
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      KNOWLEDGE_DIR: knowledgeCopy ?? 'knowledge',
      DATA_DIR: dataDir,
      COOLDOWN_SECONDS: '0',
      ...options.settings?.(fake),
    });
    if (options.deploy) await deployCommands(config);
    const e2e = new E2eBot(fake, config, dataDir, options, knowledgeCopy);
    await e2e.launch();
    return e2e;
  }

  /** The knowledge folder the bot reads: the temporary copy, or the shipped one. */
  get knowledgeDir(): string {
    return this.config.KNOWLEDGE_DIR;
  }

  /** Launches a bot on the same settings and data folder (a restart once the last one stopped). */
  async launch(): Promise<RunningBot> {
    const destination = new Writable({
      write: (chunk, _encoding, done) => {
        this.logLines.push(String(chunk));
        done();
      },
    });
    const log = createLogger({ level: this.options.logLevel ?? 'silent', destination, secrets: [this.fake.token] });
    this.bot = await launchBot(this.config, { waitGuildTimeout: 1000, ...this.options.launch, log });
    this.#running = this.bot;
    return this.bot;
  }

  /** Stops the running bot, once (a test may stop it before close()). */
  async stop(): Promise<void> {
    const running = this.#running;
    this.#running = undefined;
    await running?.stop();
  }

  /** A fresh user per interaction, so that the cooldown of one never holds back the next. */
  nextUser(): { user: { id: string; username: string } } {
    this.#userCounter++;
    return { user: { id: String(100000000000000000n + BigInt(this.#userCounter)), username: `user${this.#userCounter}` } };
  }

  async close(): Promise<void> {
    await this.stop();
    await this.fake.close();
    rmSync(this.dataDir, { recursive: true, force: true });
    if (this.knowledgeCopy) rmSync(this.knowledgeCopy, { recursive: true, force: true });
  }
}
