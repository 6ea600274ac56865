import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import { problemsBlock } from '../moderation/kb-answers.ts';
import { fit, LIMITS } from '../render/discord/limits.ts';
import type { ReloadResult } from '../reload/live-knowledge.ts';

/** Tells the moderators' log channel (MOD_LOG_CHANNEL_ID) that a reload failed, and why. */
export async function postReloadProblems(client: Client, channelId: string | undefined, result: ReloadResult, log: Logger): Promise<void> {
  if (!channelId) return;
  const content = fit(
    `Knowledge reload failed (${result.trigger}, ${result.at}); still serving version ${result.version}.\n${problemsBlock(result.errors)}`,
    LIMITS.content,
  );
  try {
    const channel = await client.channels.fetch(channelId);
    if (!channel?.isSendable()) {
      log.warn({ channelId }, 'the moderators\' log channel cannot receive messages');
      return;
    }
    await channel.send({ content, allowedMentions: { parse: [] } });
  } catch (error) {
    log.warn({ err: error, channelId }, 'could not post to the moderators\' log channel');
  }
}
