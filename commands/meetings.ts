import { SlashCommandBuilder } from 'discord.js';
import { meetings } from '../src/answer/meetings.ts';
import { completeEntities, flag, MAX_NAME_OPTION, optionalEntityOption, text } from './options.ts';
import type { CommandModule } from './types.ts';

export const meetingsCommand: CommandModule = {
  data: new SlashCommandBuilder()
    .setName('meetings')
    .setDescription('Summits, dialogues and agreements on rare earths, with outcomes and next meetings')
    .addStringOption((option) => option.setName('country').setDescription('A participant (India, Kazakhstan, US…)').setAutocomplete(true).setMaxLength(MAX_NAME_OPTION))
    .addBooleanOption((option) => option.setName('upcoming').setDescription('Only meetings still ahead, including next meetings already set')),
  defer: false,
  run(options, { index, now }) {
    const resolved = optionalEntityOption(index, 'country', 'meetings', 'country', text(options, 'country'));
    if (!resolved.ok) return resolved.answer;
    const country = resolved.code;
    return meetings(index.snapshot, { ...(country ? { country } : {}), upcoming: flag(options, 'upcoming') ?? false }, now);
  },
  autocomplete: (focused, context) => completeEntities(focused, context, { country: 'country' }),
};
