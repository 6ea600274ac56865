import { createHash } from 'node:crypto';
import { DiscordAPIError, HTTPError, PermissionFlagsBits, RESTJSONErrorCodes, Routes, SnowflakeUtil, type APIMessage, type Client } from 'discord.js';
import { DeliveryError, type DigestPort } from '../digest/runner.ts';
import { readDigestMark } from '../render/discord/digest-messages.ts';
import { LIMITS } from '../render/discord/limits.ts';

/**
 * Digests posted through Discord's REST API. Rate limits (429) are waited out by discord.js's
 * request queue; what reaches here is classified so the runner can retry server errors and count
 * the failures a moderator has to fix (no access, no permission, channel gone).
 */
const ACCESS_CODES: ReadonlyMap<number, string> = new Map([
  [RESTJSONErrorCodes.MissingAccess, 'the bot cannot see the channel (missing access)'],
  [RESTJSONErrorCodes.MissingPermissions, 'the bot lacks permission to post there (Send Messages and Embed Links)'],
  [RESTJSONErrorCodes.UnknownChannel, 'the channel no longer exists'],
]);
/** Up to 2,000 messages of history: far more than a channel sees between two digest slots. */
const MAX_PAGES = 20;
/** Our clock and Discord's may disagree a little; look a few minutes earlier than the post began. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** The runner's nonce as Discord takes it: a longer one is hashed, not cut, so that it stays one per message. */
export function discordNonce(nonce: string): string {
  return nonce.length <= LIMITS.nonce ? nonce : createHash('sha256').update(nonce).digest('base64url').slice(0, LIMITS.nonce);
}

export function discordDigestPort(client: Client): DigestPort {
  return {
    async post(channelId, part, nonce) {
      try {
        // enforce_nonce: Discord drops a second message with the same nonce sent within minutes,
        // one more guard against a double post after a quick restart.
        const message = (await client.rest.post(Routes.channelMessages(channelId), {
          body: { ...part, nonce: discordNonce(nonce), enforce_nonce: true, allowed_mentions: { parse: [] } },
        })) as APIMessage;
        return message.id;
      } catch (error) {
        throw classify(error);
      }
    },
    async findPosted(channelId, deliveryId, since) {
      const found = new Map<number, string>();
      // Page forward from just before the post began: the channel may have moved on a lot since.
      let after = SnowflakeUtil.generate({ timestamp: Date.parse(since) - CLOCK_SKEW_MS }).toString();
      for (let page = 0; page < MAX_PAGES; page += 1) {
        let messages: APIMessage[];
        try {
          messages = (await client.rest.get(Routes.channelMessages(channelId), {
            query: new URLSearchParams({ after, limit: String(LIMITS.messagesPerFetch) }),
          })) as APIMessage[];
        } catch (error) {
          throw classify(error);
        }
        for (const message of messages) {
          if (message.author.id !== client.user?.id) continue;
          const mark = readDigestMark(message.embeds[0]?.footer?.text);
          if (mark && mark.deliveryId === deliveryId && !found.has(mark.part)) found.set(mark.part, message.id);
        }
        if (messages.length < LIMITS.messagesPerFetch) break;
        after = messages.reduce((newest, message) => (BigInt(message.id) > BigInt(newest) ? message.id : newest), after);
      }
      return found;
    },
  };
}

const NEEDED: ReadonlyArray<readonly [bigint, string]> = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  // After a restart the bot reads the channel's recent messages to finish a post without repeating it.
  [PermissionFlagsBits.ReadMessageHistory, 'Read Message History'],
];

/**
 * Why the bot could not post digests in a channel, checked when someone subscribes: the channel
 * must be visible and, where the bot's permissions there are known, allow sending embeds.
 */
export async function channelProblem(client: Client, channelId: string): Promise<string | undefined> {
  let channel;
  try {
    channel = await client.channels.fetch(channelId);
  } catch (error) {
    const classified = classify(error);
    return classified.kind === 'access' ? classified.message : undefined;
  }
  if (!channel) return 'the channel no longer exists';
  if (!channel.isSendable()) return 'it is not a channel the bot can post in';
  const permissions = client.user && 'permissionsFor' in channel ? channel.permissionsFor(client.user) : null;
  if (!permissions) return undefined;
  const missing = NEEDED.filter(([flag]) => !permissions.has(flag)).map(([, name]) => name);
  return missing.length > 0 ? `it lacks ${missing.join(', ')} there` : undefined;
}

export function classify(error: unknown): DeliveryError {
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : undefined;
    const access = code === undefined ? undefined : ACCESS_CODES.get(code);
    if (access) return new DeliveryError(`${access} (Discord ${code})`, 'access', code);
    if (error.status >= 500) return new DeliveryError(`Discord server error ${error.status}`, 'transient', code);
    return new DeliveryError(`Discord refused the post: ${error.message} (${code ?? error.status})`, 'other', code);
  }
  if (error instanceof HTTPError) {
    return new DeliveryError(`Discord server error ${error.status}`, error.status >= 500 ? 'transient' : 'other');
  }
  // No answer at all (network, timeout): worth retrying.
  return new DeliveryError(`could not reach Discord: ${error instanceof Error ? error.message : String(error)}`, 'transient');
}
