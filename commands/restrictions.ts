import { SlashCommandBuilder } from 'discord.js';
import { errorAnswer } from '../src/answer/answer.ts';
import { restrictions } from '../src/answer/restrictions.ts';
import { isValidPartialDate } from '../src/knowledge/dates.ts';
import { SHOWN_STATUSES, type ShownStatusKey } from '../src/answer/shown-status.ts';
import { cut } from '../src/text/cut.ts';
import { completeEntities, MAX_NAME_OPTION, optionalEntityOption, text } from './options.ts';
import type { CommandModule } from './types.ts';

export const restrictionsCommand: CommandModule = {
  data: new SlashCommandBuilder()
    .setName('restrictions')
    .setDescription('Timeline of export controls, bans, quotas and tariffs, with their status')
    .addStringOption((option) => option.setName('country').setDescription('Imposing or targeted country (China, US, Japan…)').setAutocomplete(true).setMaxLength(MAX_NAME_OPTION))
    .addStringOption((option) => option.setName('material').setDescription('Element or product (dysprosium, Dy, magnets…)').setAutocomplete(true).setMaxLength(MAX_NAME_OPTION))
    .addStringOption((option) =>
      option
        .setName('status')
        .setDescription('Only measures with this status today (ended: its end date passed with no source since)')
        .addChoices(...SHOWN_STATUSES.map((status) => ({ name: status.replace('-', ' '), value: status }))),
    )
    .addStringOption((option) => option.setName('since').setDescription('Announced or in effect since (YYYY, YYYY-MM or YYYY-MM-DD)').setMaxLength(10)),
  defer: false,
  run(options, { index, now }) {
    const snapshot = index.snapshot;
    const status = text(options, 'status');
    const since = text(options, 'since');
    const country = optionalEntityOption(index, 'country', 'restrictions', 'country', text(options, 'country'));
    if (!country.ok) return country.answer;
    const material = optionalEntityOption(index, 'material', 'restrictions', 'material', text(options, 'material'));
    if (!material.ok) return material.answer;
    const countryCode = country.code;
    const materialCode = material.code;
    if (status && !(SHOWN_STATUSES as readonly string[]).includes(status)) {
      return errorAnswer('restrictions', status, snapshot, `Unknown status '${cut(status, 40)}'. Use one of: ${SHOWN_STATUSES.join(', ')}.`);
    }
    if (since && !isValidPartialDate(since)) {
      return errorAnswer('restrictions', since, snapshot, `'${cut(since, 40)}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD.`);
    }
    return restrictions(
      snapshot,
      {
        ...(countryCode ? { country: countryCode } : {}),
        ...(materialCode ? { material: materialCode } : {}),
        ...(status ? { status: status as ShownStatusKey } : {}),
        ...(since ? { since } : {}),
      },
      now,
    );
  },
  autocomplete: (focused, context) => completeEntities(focused, context, { country: 'country', material: 'material' }),
};
