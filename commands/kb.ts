import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { errorAnswer } from '../src/answer/answer.ts';
import { checkKnowledgeFile } from '../src/moderation/check-file.ts';
import { checkAnswer, feedbackAnswer, gapsAnswer, reloadAnswer, statusAnswer } from '../src/moderation/kb-answers.ts';
import { flag, integer, text } from './options.ts';
import type { CommandModule } from './types.ts';

const DEFAULT_DAYS = 30;

export const kbCommand: CommandModule = {
  data: new SlashCommandBuilder()
    .setName('kb')
    .setDescription('Moderators: the knowledge base, its reloads, gaps and feedback')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) => sub.setName('status').setDescription('Version, counts and the last reload with its problems'))
    .addSubcommand((sub) =>
      sub
        .setName('reload')
        .setDescription('Reload the knowledge files now')
        .addBooleanOption((option) => option.setName('confirm').setDescription('Apply it even if it removes facts (a held reload)')),
    )
    .addSubcommand((sub) =>
      sub
        .setName('check')
        .setDescription('Validate a YAML file against the current knowledge without applying it')
        .addAttachmentOption((option) => option.setName('file').setDescription('A knowledge YAML file').setRequired(true)),
    )
    .addSubcommand((sub) =>
      sub
        .setName('gaps')
        .setDescription('Questions that got no sourced answer, most asked first')
        .addIntegerOption((option) => option.setName('days').setDescription(`Look back this many days (default ${DEFAULT_DAYS})`).setMinValue(1).setMaxValue(365)),
    )
    .addSubcommand((sub) =>
      sub
        .setName('feedback')
        .setDescription('Answers most often marked unhelpful')
        .addIntegerOption((option) => option.setName('days').setDescription(`Look back this many days (default ${DEFAULT_DAYS})`).setMinValue(1).setMaxValue(365)),
    ),
  defer: true,
  moderatorsOnly: true,
  async run(options, { index, now, moderation }) {
    const snapshot = index.snapshot;
    if (!moderation) return errorAnswer('kb', '', snapshot, '/kb works in the Discord bot, for moderators.');
    const days = integer(options, 'days') ?? DEFAULT_DAYS;
    switch (text(options, 'subcommand')) {
      case 'status':
        return statusAnswer(moderation.live.index.snapshot, moderation.live.lastReload);
      case 'reload': {
        const result = await moderation.live.reload('command', { confirmRemovals: flag(options, 'confirm') === true });
        return reloadAnswer(moderation.live.index.snapshot, result);
      }
      case 'check': {
        const attachment = moderation.attachment;
        if (!attachment) return errorAnswer('kb', 'check', snapshot, 'Attach a knowledge YAML file to check.');
        if ('error' in attachment) return errorAnswer('kb', 'check', snapshot, attachment.error);
        const check = await checkKnowledgeFile(moderation.live.dir, attachment.name, attachment.bytes, now);
        return checkAnswer(snapshot, attachment.name, check);
      }
      case 'gaps':
        if (!moderation.store) return errorAnswer('kb', 'gaps', snapshot, 'The data store is not available.');
        return gapsAnswer(snapshot, moderation.store.gaps(days), days);
      case 'feedback':
        if (!moderation.store) return errorAnswer('kb', 'feedback', snapshot, 'The data store is not available.');
        return feedbackAnswer(snapshot, moderation.store.unhelpful(days), days);
      default:
        return errorAnswer('kb', '', snapshot, 'Use /kb status, reload, check, gaps or feedback.');
    }
  },
};
