import { z } from 'zod';
import { DEFAULT_STALE_AFTER_DAYS } from './moderation/staleness.ts';
import { DEFAULT_MAX_REMOVALS } from './reload/removals.ts';

/**
 * Every setting the bot reads, validated once at start. An invalid configuration is reported as
 * one message naming every bad variable (never its value: some are secrets).
 */
const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17-20 digits)');
/**
 * discord.js appends `/v10/<route>` to this base, so it must be the `/api` root itself: with the
 * version (`…/api/v10`) or without `/api` every request would go to a path Discord does not serve.
 */
const API_BASE_MESSAGE = "must be the REST API base ending in /api, without a version (https://discord.com/api, or a test server's http://127.0.0.1:PORT/api)";
const discordApiUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((value) => value.replace(/\/+$/, ''))
  .refine((value) => new URL(value).pathname.endsWith('/api') && new URL(value).search === '', API_BASE_MESSAGE);
const emptyAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const configSchema = z.object({
  DISCORD_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(20, 'looks too short to be a bot token').optional()),
  DISCORD_APPLICATION_ID: z.preprocess(emptyAsUndefined, snowflake.optional()),
  DISCORD_API_URL: z.preprocess(emptyAsUndefined, discordApiUrl.optional()),
  GUILD_ID: z.preprocess(emptyAsUndefined, snowflake.optional()),
  KNOWLEDGE_DIR: z.preprocess(emptyAsUndefined, z.string().default('knowledge')),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('data')),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  COOLDOWN_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(3600).default(3)),
  MOD_LOG_CHANNEL_ID: z.preprocess(emptyAsUndefined, snowflake.optional()),
  MOD_ROLE_IDS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
      )
      .pipe(z.array(snowflake)),
  ),
  RETENTION_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3650).default(90)),
  STALE_AFTER_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3650).default(DEFAULT_STALE_AFTER_DAYS)),
  RELOAD_MAX_REMOVALS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(100_000).default(DEFAULT_MAX_REMOVALS)),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(problems);
}

/** Reads `.env` (if any) into the environment, then validates; prints and exits 1 when invalid. */
export async function loadConfigOrExit(): Promise<Config> {
  const dotenv = await import('dotenv');
  dotenv.config({ quiet: true });
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
