import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { errorAnswer } from '../src/answer/answer.ts';
import { checkKnowledgeFile } from '../src/moderation/check-file.ts';
import { toIsoDay } from '../src/knowledge/dates.ts';
import { checkAnswer, feedbackAnswer, gapsAnswer, reloadAnswer, statusAnswer } from '../src/moderation/kb-answers.ts';
import { staleAnswer } from '../src/moderation/stale-answer.ts';
import { DEFAULT_STALE_AFTER_DAYS, findStale } from '../src/moderation/staleness.ts';
import { flag, integer, text } from './options.ts';
import type { CommandModule } from './types.ts';

const DEFAULT_DAYS = 30;
/** Rows read from the store for a report: the reply shows what fits and counts the rest. */
const REPORT_ROWS = 500;

export const kbCommand: CommandModule = {
  data: new SlashCommandBuilder()
    .setName('kb')
    .setDescription('Moderators: the knowledge base, its reloads, gaps, feedback and stale facts')
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
    )
    .addSubcommand((sub) =>
      sub
        .setName('stale')
        .setDescription('Facts whose end date passed, restrictions not confirmed for long, and mirror sources')
        .addIntegerOption((option) =>
          option.setName('days').setDescription('Restrictions not confirmed for this many days count as old (default STALE_AFTER_DAYS)').setMinValue(1).setMaxValue(3650),
        ),
    ),
  defer: true,
  moderatorsOnly: true,
  async run(options, { index, now, moderation }) {
    const snapshot = index.snapshot;
    if (!moderation) return errorAnswer('kb', '', snapshot, '/kb works in the Discord bot, for moderators.');
    const days = integer(options, 'days');
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
      case 'gaps': {
        if (!moderation.store) return errorAnswer('kb', 'gaps', snapshot, 'The data store is not available.');
        const rows = moderation.store.gaps(days ?? DEFAULT_DAYS, REPORT_ROWS);
        return gapsAnswer(snapshot, rows, days ?? DEFAULT_DAYS, rows.length === REPORT_ROWS);
      }
      case 'feedback': {
        if (!moderation.store) return errorAnswer('kb', 'feedback', snapshot, 'The data store is not available.');
        const rows = moderation.store.unhelpful(days ?? DEFAULT_DAYS, REPORT_ROWS);
        return feedbackAnswer(snapshot, rows, days ?? DEFAULT_DAYS, rows.length === REPORT_ROWS);
      }
      case 'stale': {
        const staleAfterDays = days ?? moderation.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
        const current = moderation.live.index.snapshot;
        return staleAnswer(current, findStale(current, { today: toIsoDay(now), staleAfterDays }));
      }
      default:
        return errorAnswer('kb', '', snapshot, 'Use /kb status, reload, check, gaps, feedback or stale.');
    }
  },
};
