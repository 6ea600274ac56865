import { SlashCommandBuilder } from 'discord.js';
import { ask } from '../src/answer/ask.ts';
import { MAX_QUERY_CHARS } from '../src/text/query-cap.ts';
import { text } from './options.ts';
import type { CommandModule } from './types.ts';

export const askCommand: CommandModule = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask a question about rare-earth policy; answers come with their sources')
    .addStringOption((option) => option.setName('question').setDescription('For example: who restricts dysprosium exports?').setRequired(true).setMaxLength(MAX_QUERY_CHARS)),
  defer: false,
  run: (options, { index, now }) => ask(index, text(options, 'question') ?? '', now),
};
