import type { SlashCommandOptionsOnlyBuilder, SlashCommandSubcommandsOnlyBuilder } from 'discord.js';
import type { Answer } from '../src/answer/answer.ts';
import type { DigestService } from '../src/digest/service.ts';
import type { LiveKnowledge } from '../src/reload/live-knowledge.ts';
import type { Store } from '../src/store/store.ts';
import type { Choice, SearchIndex } from '../src/search/search-index.ts';

/**
 * What a command module exports: its definition (the single source for Discord registration and
 * for the console's option parsing), the pure `run` that turns options into an Answer, and
 * autocomplete where an option has it. Commands know nothing of embeds or sockets.
 */
export type OptionValue = string | number | boolean;
export type OptionValues = Readonly<Record<string, OptionValue | undefined>>;

export interface CommandContext {
  readonly index: SearchIndex;
  /** Injected so that "upcoming" and digests are testable. */
  readonly now: Date;
  /** Present only where moderators' commands can work: in the bot, after the permission check. */
  readonly moderation?: ModerationContext;
  /** Present only in the bot, in a server, after the Manage Channels check. */
  readonly digests?: DigestContext;
}

export interface DigestContext {
  readonly guildId: string;
  /** Where the command was used. */
  readonly channelId: string;
  readonly userId: string;
  readonly service: DigestService;
  /** Why the bot could not post in a channel (no access, no permission, gone), or undefined if it can. */
  readonly checkChannel?: (channelId: string) => Promise<string | undefined>;
}

export interface ModerationContext {
  readonly live: LiveKnowledge;
  readonly store?: Store;
  /** Restrictions not confirmed for longer count as stale in /kb stale (STALE_AFTER_DAYS). */
  readonly staleAfterDays?: number;
  /** An attached file, downloaded by the adapter (or why it could not be). */
  readonly attachment?: { readonly name: string; readonly bytes: Uint8Array } | { readonly error: string };
}

export interface FocusedOption {
  readonly name: string;
  readonly value: string;
}

export interface CommandModule {
  readonly data: SlashCommandOptionsOnlyBuilder | SlashCommandSubcommandsOnlyBuilder;
  /** True when the work may take long enough that Discord should be told to wait (defer). */
  readonly defer: boolean;
  run(options: OptionValues, context: CommandContext): Answer | Promise<Answer>;
  /** Moderators only: hidden from others by default permissions and checked again when run. */
  readonly moderatorsOnly?: boolean;
  /** For people who manage channels (digests): checked again when run, replies only to them. */
  readonly channelManagersOnly?: boolean;
  autocomplete?(focused: FocusedOption, context: CommandContext): Choice[];
}
