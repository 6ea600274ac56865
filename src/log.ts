import pino, { type Logger } from 'pino';

/**
 * Paths that may carry a secret anywhere in a log object. pino's redaction replaces them before
 * serialisation, so neither the bot token nor an Authorization header can reach a log line.
 */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  '*.*.token',
  'authorization',
  '*.authorization',
  '*.*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers.Authorization',
  '*.headers.Authorization',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
];

export function createLogger(options: { level?: string; destination?: pino.DestinationStream; secrets?: readonly string[] } = {}): Logger {
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 8);
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: {
        // A secret can also hide inside free text (an error message quoting a URL): scrub it there too.
        log: (object) => (secrets.length === 0 ? object : (scrub(object, secrets) as Record<string, unknown>)),
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = secrets.length === 0 ? args : (args.map((arg) => scrub(arg, secrets)) as typeof args);
          method.apply(this, scrubbed);
        },
      },
    },
    options.destination ?? pino.destination(2),
  );
}

function scrub(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return secrets.reduce((text, secret) => text.split(secret).join('[redacted]'), value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: scrub(value.message, secrets, depth + 1), stack: scrub(value.stack, secrets, depth + 1) };
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, secrets, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, secrets, depth + 1)]));
}
