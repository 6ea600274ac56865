/**
 * Registers the slash commands, from the same builders the bot and the
 * console use, globally or (with GUILD_ID) to one server. Idempotent: it compares with what Discord
 * has, prints what changes, and sends nothing when nothing does.
 */
import { REST, Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { COMMANDS } from '../../commands/index.ts';
import type { Config } from '../config.ts';

export interface DeployResult {
  readonly route: 'global' | 'guild';
  readonly added: string[];
  readonly updated: string[];
  readonly removed: string[];
  readonly unchanged: string[];
  readonly sent: boolean;
}

export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [...COMMANDS.values()].map((command) => command.data.toJSON());
}

export async function deployCommands(config: Config): Promise<DeployResult> {
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    throw new Error('deploy-commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example)');
  }
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
  const route = config.GUILD_ID ? Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, config.GUILD_ID) : Routes.applicationCommands(config.DISCORD_APPLICATION_ID);
  const wanted = commandDefinitions();
  const existing = (await rest.get(route)) as Array<Record<string, unknown>>;

  const byName = new Map(existing.map((command) => [String(command['name']), command]));
  const result: DeployResult = {
    route: config.GUILD_ID ? 'guild' : 'global',
    added: [],
    updated: [],
    removed: existing.map((command) => String(command['name'])).filter((name) => !wanted.some((command) => command.name === name)),
    unchanged: [],
    sent: false,
  };
  for (const command of wanted) {
    const current = byName.get(command.name);
    if (!current) result.added.push(command.name);
    else if (differs(command, current)) result.updated.push(command.name);
    else result.unchanged.push(command.name);
  }
  if (result.added.length + result.updated.length + result.removed.length > 0) {
    await rest.put(route, { body: wanted });
    return { ...result, sent: true };
  }
  return result;
}

/** Compares only what we define; Discord adds ids, versions and defaults of its own. */
function differs(wanted: object, current: Record<string, unknown>): boolean {
  return Object.entries(wanted).some(([key, value]) => JSON.stringify(normalize(value)) !== JSON.stringify(normalize(current[key])));
}

function normalize(value: unknown): unknown {
  // Discord answers null where we leave a field out.
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined && item !== null && item !== false && !(Array.isArray(item) && item.length === 0))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, item]) => [key, normalize(item)]),
    );
  }
  return value;
}
