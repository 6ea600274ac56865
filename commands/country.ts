import { SlashCommandBuilder } from 'discord.js';
import { country } from '../src/answer/country.ts';
import { completeEntities, MAX_NAME_OPTION, resolveEntityOption, text } from './options.ts';
import type { CommandModule } from './types.ts';

export const countryCommand: CommandModule = {
  data: new SlashCommandBuilder()
    .setName('country')
    .setDescription("A country's role in rare earths: shares, restrictions, policies and meetings")
    .addStringOption((option) =>
      option.setName('name').setDescription('Country or bloc: name, alias or code (China, PRC, CN, EU)').setRequired(true).setAutocomplete(true).setMaxLength(MAX_NAME_OPTION),
    ),
  defer: false,
  run(options, { index, now }) {
    const resolved = resolveEntityOption(index, 'country', 'country', 'name', text(options, 'name') ?? '');
    return resolved.ok ? country(index.snapshot, resolved.code, now) : resolved.answer;
  },
  autocomplete: (focused, context) => completeEntities(focused, context, { name: 'country' }),
};
