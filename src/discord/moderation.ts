import { PermissionFlagsBits, type ChatInputCommandInteraction, type GuildMember } from 'discord.js';
import type { ModerationContext } from '../../commands/types.ts';
import type { LiveKnowledge } from '../reload/live-knowledge.ts';
import type { Store } from '../store/store.ts';
import { MAX_FILE_BYTES } from '../knowledge/text-file.ts';

/**
 * Who may use /kb: Manage Server, or a role listed in MOD_ROLE_IDS. Discord hides the command from
 * others through its default permissions; this is the server-side check that does not trust that.
 */
export function isModerator(interaction: ChatInputCommandInteraction, modRoleIds: readonly string[]): boolean {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const member = interaction.member;
  const roles = member && 'roles' in member ? (Array.isArray(member.roles) ? member.roles : [...(member as GuildMember).roles.cache.keys()]) : [];
  return roles.some((role) => modRoleIds.includes(role));
}

const DOWNLOAD_TIMEOUT_MS = 5_000;

/** Builds what /kb needs for this interaction, downloading an attached file (bounded in size and time). */
export async function moderationContext(
  interaction: ChatInputCommandInteraction,
  live: LiveKnowledge,
  store: Store | undefined,
  staleAfterDays?: number,
): Promise<ModerationContext> {
  const base = { live, ...(store ? { store } : {}), ...(staleAfterDays !== undefined ? { staleAfterDays } : {}) };
  const file = interaction.options.getAttachment('file');
  if (!file) return base;
  return { ...base, attachment: await download(file.name, file.url, file.size) };
}

async function download(name: string, url: string, size: number): Promise<{ name: string; bytes: Uint8Array } | { error: string }> {
  if (size > MAX_FILE_BYTES) return { error: `${name} is ${(size / 1024 / 1024).toFixed(1)} MB; knowledge files may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB.` };
  if (!/\.ya?ml$/i.test(name)) return { error: `${name} is not a .yaml file.` };
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!response.ok) return { error: `Could not download ${name} (HTTP ${response.status}).` };
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > MAX_FILE_BYTES) return { error: `${name} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.` };
    return { name, bytes };
  } catch {
    return { error: `Could not download ${name}; please try again.` };
  }
}
