import type { Config } from '../config.ts';

/**
 * The Discord adapter (client, router, renderer to embeds) is the next piece of work; until it
 * lands, a configured token is refused clearly rather than half-served.
 */
export async function startBot(_config: Config): Promise<void> {
  process.stderr.write('Discord mode is not available in this version yet. Unset DISCORD_TOKEN to use the console (npm start).\n');
  process.exitCode = 1;
}
