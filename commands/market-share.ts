import { SlashCommandBuilder } from 'discord.js';
import { errorAnswer } from '../src/answer/answer.ts';
import { marketShare } from '../src/answer/market-share.ts';
import { MARKET_STAGES, type MarketStage } from '../src/knowledge/schema.ts';
import { completeEntities, integer, MAX_NAME_OPTION, optionalEntityOption, text } from './options.ts';
import type { CommandModule } from './types.ts';

export const marketShareCommand: CommandModule = {
  data: new SlashCommandBuilder()
    .setName('market-share')
    .setDescription('Countries ranked by share of mining, reserves, refining or magnets, with sources')
    .addStringOption((option) =>
      option
        .setName('stage')
        .setDescription('Stage of the supply chain')
        .setRequired(true)
        .addChoices(...MARKET_STAGES.map((stage) => ({ name: stage, value: stage }))),
    )
    .addStringOption((option) => option.setName('material').setDescription('Element or product (dysprosium, Dy, magnets…)').setAutocomplete(true).setMaxLength(MAX_NAME_OPTION))
    .addIntegerOption((option) => option.setName('year').setDescription('Year of the figures (default: latest)').setMinValue(1990).setMaxValue(2100)),
  defer: false,
  run(options, { index, now }) {
    const stage = text(options, 'stage');
    if (!stage || !(MARKET_STAGES as readonly string[]).includes(stage)) {
      return errorAnswer(
        'market-share',
        stage ?? '',
        index.snapshot,
        `Choose a stage: ${MARKET_STAGES.join(', ')}.`,
        MARKET_STAGES.slice(0, 4).map((s) => `/market-share stage:${s}`),
      );
    }
    const resolved = optionalEntityOption(index, 'material', 'market-share', 'material', text(options, 'material'));
    if (!resolved.ok) return resolved.answer;
    const material = resolved.code;
    const year = integer(options, 'year');
    return marketShare(index.snapshot, {
      stage: stage as MarketStage,
      ...(material ? { material } : {}),
      ...(year !== undefined ? { year } : {}),
      asOfYear: now.getUTCFullYear(),
    });
  },
  autocomplete: (focused, context) => completeEntities(focused, context, { material: 'material' }),
};
