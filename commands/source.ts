import { SlashCommandBuilder } from 'discord.js';
import { source } from '../src/answer/source.ts';
import { MAX_NAME_OPTION, text } from './options.ts';
import type { CommandModule } from './types.ts';

export const sourceCommand: CommandModule = {
  data: new SlashCommandBuilder()
    .setName('source')
    .setDescription('The full citation behind a fact or source id')
    .addStringOption((option) => option.setName('id').setDescription('Fact or source id (autocompletes)').setRequired(true).setAutocomplete(true).setMaxLength(MAX_NAME_OPTION)),
  defer: false,
  run: (options, { index, now }) => source(index, text(options, 'id') ?? '', now),
  autocomplete: (focused, { index }) => (focused.name === 'id' ? index.completeId(focused.value.slice(0, MAX_NAME_OPTION)) : []),
};
