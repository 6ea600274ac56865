import { SlashCommandBuilder } from 'discord.js';
import { messageAnswer } from '../src/answer/answer.ts';
import type { CommandModule } from './types.ts';

export const HELP_TEXT = [
  '/ask question:<text> — any question; answers cite their sources',
  '/country name:<country> — shares, restrictions, policies and meetings of one country or bloc',
  '/restrictions [country] [material] [status] [since] — timeline of export controls and bans',
  '/market-share stage:<mining|reserves|refining|magnets> [material] [year] — countries ranked',
  '/meetings [country] [upcoming] — summits, dialogues and agreements',
  '/source id:<fact or source id> — the full citation',
  '/about — what the bot knows and how current it is',
  '/digest subscribe channel:<#channel> schedule:<daily|weekly|cron> — scheduled digests (Manage Channels)',
].join('\n');

export const helpCommand: CommandModule = {
  data: new SlashCommandBuilder().setName('help').setDescription('How to ask the bot, with examples'),
  defer: false,
  run: (_options, { index }) =>
    messageAnswer('help', '', index.snapshot, HELP_TEXT, {
      suggestions: ['who restricts dysprosium exports?', '/country name:India', '/market-share stage:magnets'],
    }),
};
