import { Client, GatewayIntentBits } from 'discord.js';

/**
 * The discord.js client: the Guilds intent only (no privileged intents, no message content), no
 * mention ever parsed from what the bot sends, and the API base URL injectable for tests.
 */
export function createDiscordClient(options: { apiUrl?: string; waitGuildTimeout?: number } = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: options.apiUrl ? { api: options.apiUrl } : {},
    ...(options.waitGuildTimeout !== undefined ? { waitGuildTimeout: options.waitGuildTimeout } : {}),
  });
}
