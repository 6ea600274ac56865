import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import { LIMITS } from '../render/discord/limits.ts';
import { cut } from '../text/cut.ts';
import { heldReloadText, problemsBlock } from '../moderation/kb-answers.ts';
import type { HeldReload, ReloadResult } from '../reload/live-knowledge.ts';
import { MAX_FAILURES, type Subscription } from '../store/subscriptions.ts';

/** Tells the moderators' log channel (MOD_LOG_CHANNEL_ID) that a reload failed, and why. */
export async function postReloadProblems(client: Client, channelId: string | undefined, result: ReloadResult, log: Logger): Promise<void> {
  await postToModLog(
    client,
    channelId,
    `Knowledge reload failed (${result.trigger}, ${result.at}); still serving version ${result.version}.\n${problemsBlock(result.errors)}`,
    log,
  );
}

/** Tells the moderators that a reload would remove facts and is waiting for them. */
export async function postHeldReload(client: Client, channelId: string | undefined, held: HeldReload, result: ReloadResult, log: Logger): Promise<void> {
  await postToModLog(client, channelId, `Knowledge reload held (${result.trigger}, ${result.at}). ${heldReloadText(held, result.version)}`, log);
}

/** Tells the moderators that a digest could not be posted, and what state it is in now. */
export async function postDigestFailure(client: Client, channelId: string | undefined, subscription: Subscription, reason: string, log: Logger): Promise<void> {
  const state =
    subscription.status === 'disabled'
      ? `It is now disabled after ${subscription.failures} failures in a row; once fixed, /digest send-now id:${subscription.id} tries again.`
      : `It will try again at its next slot (failure ${subscription.failures} of ${MAX_FAILURES} before it is disabled).`;
  await postToModLog(client, channelId, `Digest #${subscription.id} for <#${subscription.channelId}> could not be posted: ${reason}. ${state}`, log);
}

/** Posts to the moderators' log channel, without pings; never throws. */
async function postToModLog(client: Client, channelId: string | undefined, text: string, log: Logger): Promise<void> {
  if (!channelId) return;
  const content = cut(text, LIMITS.content);
  try {
    const channel = await client.channels.fetch(channelId);
    if (!channel?.isSendable()) {
      log.warn({ channelId }, "the moderators' log channel cannot receive messages");
      return;
    }
    await channel.send({ content, allowedMentions: { parse: [] } });
  } catch (error) {
    log.warn({ err: error, channelId }, "could not post to the moderators' log channel");
  }
}
