import { DiscordAPIError, MessageFlags, RESTJSONErrorCodes, type ButtonInteraction, type ChatInputCommandInteraction, type InteractionReplyOptions } from 'discord.js';
import type { Logger } from 'pino';
import type { MessagePayload } from '../render/discord/answer-message.ts';

export type RepliableInteraction = ChatInputCommandInteraction | ButtonInteraction;

/** Errors that mean "this interaction is gone or already answered": expected, never a crash. */
const EXPECTED_CODES: ReadonlySet<number> = new Set([
  RESTJSONErrorCodes.UnknownInteraction,
  RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
  RESTJSONErrorCodes.UnknownMessage,
  RESTJSONErrorCodes.UnknownChannel,
]);

/**
 * Every reply goes through here: it picks reply, editReply or followUp by the interaction's state,
 * never lets a reply ping anyone, and turns the expected Discord errors into a log line.
 */
export async function send(interaction: RepliableInteraction, payload: MessagePayload | { content: string }, options: { ephemeral?: boolean; log: Logger }): Promise<void> {
  const message: InteractionReplyOptions = {
    ...payload,
    allowedMentions: { parse: [] },
    ...(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
  try {
    if (interaction.deferred && !interaction.replied) {
      const { flags: _flags, ...edit } = message;
      await interaction.editReply(edit);
    } else if (interaction.replied) {
      await interaction.followUp(message);
    } else {
      await interaction.reply(message);
    }
  } catch (error) {
    if (isExpected(error)) {
      options.log.warn({ interactionId: interaction.id, code: (error as DiscordAPIError).code }, 'reply not delivered: interaction expired or already answered');
      return;
    }
    throw error;
  }
}

export function isExpected(error: unknown): boolean {
  return error instanceof DiscordAPIError && typeof error.code === 'number' && EXPECTED_CODES.has(error.code);
}
