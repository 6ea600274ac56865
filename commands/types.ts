import type { SlashCommandOptionsOnlyBuilder } from 'discord.js';
import type { Answer } from '../src/answer/answer.ts';
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
}

export interface FocusedOption {
  readonly name: string;
  readonly value: string;
}

export interface CommandModule {
  readonly data: SlashCommandOptionsOnlyBuilder;
  /** True when the work may take long enough that Discord should be told to wait (defer). */
  readonly defer: boolean;
  run(options: OptionValues, context: CommandContext): Answer;
  autocomplete?(focused: FocusedOption, context: CommandContext): Choice[];
}
