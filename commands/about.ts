import { SlashCommandBuilder } from 'discord.js';
import { messageAnswer } from '../src/answer/answer.ts';
import { summarize } from '../src/knowledge/summary.ts';
import type { CommandModule } from './types.ts';

export const aboutCommand: CommandModule = {
  data: new SlashCommandBuilder().setName('about').setDescription('What this bot knows, how current it is, and how to contribute'),
  defer: false,
  run(_options, { index }) {
    const snapshot = index.snapshot;
    const summary = summarize(snapshot);
    const kinds = Object.entries(summary.factsByKind)
      .map(([kind, count]) => `${count} ${kind}`)
      .join(', ');
    const message = [
      `Knowledge version ${summary.version}, loaded ${snapshot.loadedAt}.`,
      `${summary.facts} facts (${kinds}) about ${summary.countriesCovered} countries and blocs, citing ${summary.sourcesCited} sources.`,
      'Every answer comes from a reviewed knowledge file and names its sources; when nothing sourced fits, the bot says so.',
      'To contribute, edit the YAML files in knowledge/ (see knowledge/README.md) and run npm run kb:check.',
    ].join('\n');
    return messageAnswer('about', '', snapshot, message);
  },
};
