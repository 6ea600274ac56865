import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { errorAnswer, type Answer } from '../src/answer/answer.ts';
import { listAnswer, previewAnswer, sendNowAnswer, subscribedAnswer, unsubscribedAnswer } from '../src/digest/digest-answers.ts';
import type { DigestFilters } from '../src/digest/digest.ts';
import { parseSchedule, timeZones, WEEKDAYS } from '../src/digest/schedule.ts';
import { FACT_KINDS, type FactKind } from '../src/knowledge/schema.ts';
import type { Choice, SearchIndex } from '../src/search/search-index.ts';
import { cut } from '../src/text/cut.ts';
import { flag, integer, MAX_NAME_OPTION, MAX_TEXT_OPTION, text } from './options.ts';
import type { CommandContext, CommandModule, FocusedOption, OptionValues } from './types.ts';

/** Names accepted in `kinds`, singular and plural, for the five kinds of fact. */
const KIND_NAMES: ReadonlyMap<string, FactKind> = new Map([
  ...FACT_KINDS.map((kind) => [kind, kind] as const),
  ['restrictions', 'restriction'],
  ['meetings', 'meeting'],
  ['policies', 'policy'],
  ['market-shares', 'market-share'],
  ['shares', 'market-share'],
  ['market share', 'market-share'],
]);
const MAX_LIST_ITEMS = 10;
const SCHEDULE_EXAMPLES: readonly Choice[] = [
  { name: 'daily', value: 'daily' },
  { name: 'weekly (pick a weekday)', value: 'weekly' },
  { name: 'weekdays at 08:00 — cron 0 8 * * 1-5', value: '0 8 * * 1-5' },
  { name: 'first day of the month at 09:00 — cron 0 9 1 * *', value: '0 9 1 * *' },
];

export const digestCommand: CommandModule = {
  data: new SlashCommandBuilder()
    .setName('digest')
    .setDescription('Scheduled digests of what changed, what is coming up and what is in force')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub
        .setName('subscribe')
        .setDescription('Post a digest to a channel on a schedule')
        .addChannelOption((option) =>
          option.setName('channel').setDescription('Where to post').setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
        )
        .addStringOption((option) =>
          option.setName('schedule').setDescription('daily, weekly, or a cron expression such as 0 8 * * 1-5').setRequired(true).setMaxLength(100).setAutocomplete(true),
        )
        .addStringOption((option) => option.setName('time').setDescription('Time of day for daily/weekly, HH:MM (default 09:00)').setMaxLength(5))
        .addStringOption((option) =>
          option
            .setName('weekday')
            .setDescription('For weekly: the day (default monday)')
            .addChoices(...WEEKDAYS.map((day) => ({ name: day, value: day }))),
        )
        .addStringOption((option) => option.setName('timezone').setDescription('IANA time zone, e.g. Europe/Berlin (default UTC)').setMaxLength(64).setAutocomplete(true))
        .addStringOption((option) => option.setName('countries').setDescription('Only these countries, comma-separated').setMaxLength(MAX_TEXT_OPTION).setAutocomplete(true))
        .addStringOption((option) => option.setName('materials').setDescription('Only these materials, comma-separated').setMaxLength(MAX_TEXT_OPTION).setAutocomplete(true))
        .addStringOption((option) =>
          option.setName('kinds').setDescription('Only these kinds: restriction, market-share, policy, meeting, background').setMaxLength(MAX_TEXT_OPTION).setAutocomplete(true),
        )
        .addBooleanOption((option) => option.setName('post-when-empty').setDescription('Post even when nothing changed (default no)')),
    )
    .addSubcommand((sub) => sub.setName('list').setDescription('This server’s digests, their schedules and status'))
    .addSubcommand((sub) =>
      sub
        .setName('unsubscribe')
        .setDescription('Stop a digest')
        .addIntegerOption((option) => option.setName('id').setDescription('The digest number (see /digest list)').setRequired(true).setMinValue(1).setAutocomplete(true)),
    )
    .addSubcommand((sub) =>
      sub
        .setName('preview')
        .setDescription('Show (only to you) what a digest would post now')
        .addIntegerOption((option) => option.setName('id').setDescription('The digest number (see /digest list)').setRequired(true).setMinValue(1).setAutocomplete(true)),
    )
    .addSubcommand((sub) =>
      sub
        .setName('send-now')
        .setDescription('Post a digest now, outside its schedule (also retries a disabled one)')
        .addIntegerOption((option) => option.setName('id').setDescription('The digest number (see /digest list)').setRequired(true).setMinValue(1).setAutocomplete(true)),
    ),
  // send-now posts several messages, with retries: always tell Discord to wait.
  defer: true,
  channelManagersOnly: true,
  async run(options, context) {
    const snapshot = context.index.snapshot;
    const digests = context.digests;
    if (!digests) return errorAnswer('digest', '', snapshot, '/digest works in a Discord server, for members who can manage channels.');
    const id = integer(options, 'id') ?? 0;
    switch (text(options, 'subcommand')) {
      case 'subscribe':
        return await subscribe(options, context);
      case 'list':
        return listAnswer(snapshot, digests.service.list(digests.guildId));
      case 'unsubscribe':
        return unsubscribedAnswer(snapshot, id, digests.service.unsubscribe(digests.guildId, id));
      case 'preview':
        return previewAnswer(snapshot, id, digests.service.preview(digests.guildId, id));
      case 'send-now':
        return sendNowAnswer(snapshot, id, await digests.service.sendNow(digests.guildId, id));
      default:
        return errorAnswer('digest', '', snapshot, 'Use /digest subscribe, list, unsubscribe, preview or send-now.');
    }
  },
  autocomplete(focused, context) {
    switch (focused.name) {
      case 'schedule':
        return SCHEDULE_EXAMPLES.filter((choice) => choice.name.includes(focused.value.toLowerCase().trim()));
      case 'timezone':
        return completeTimeZone(focused.value);
      case 'countries':
        return completeList(focused, (last) => context.index.completeEntity('country', last).map((choice) => choice.name.replace(/ \(.*\)$/, '')));
      case 'materials':
        return completeList(focused, (last) => context.index.completeEntity('material', last).map((choice) => choice.value));
      case 'kinds':
        return completeList(focused, (last) => FACT_KINDS.filter((kind) => kind.startsWith(last.toLowerCase())));
      case 'id':
        return completeId(focused, context);
      default:
        return [];
    }
  },
};

async function subscribe(options: OptionValues, context: CommandContext): Promise<Answer> {
  const { index } = context;
  const digests = context.digests as NonNullable<CommandContext['digests']>;
  const snapshot = index.snapshot;
  const channelId = text(options, 'channel');
  if (!channelId) return errorAnswer('digest', 'subscribe', snapshot, 'Name the channel to post in.');
  const parsed = parseSchedule({
    schedule: text(options, 'schedule') ?? '',
    ...optional('time', text(options, 'time')),
    ...optional('weekday', text(options, 'weekday')),
    ...optional('timezone', text(options, 'timezone')),
  });
  if (!parsed.ok) return errorAnswer('digest', 'subscribe', snapshot, parsed.error, ['/digest subscribe channel:#news schedule:daily time:09:00 timezone:Europe/Berlin']);
  const filters = readFilters(options, index);
  if ('error' in filters) return errorAnswer('digest', 'subscribe', snapshot, filters.error);
  // Better told now than by three failed posts.
  const problem = await digests.checkChannel?.(channelId);
  if (problem) return errorAnswer('digest', 'subscribe', snapshot, `The bot cannot post in <#${channelId}>: ${problem}. Fix its permissions there, or pick another channel.`);
  const result = digests.service.subscribe({
    guildId: digests.guildId,
    channelId,
    schedule: parsed.schedule,
    filters,
    postWhenEmpty: flag(options, 'post-when-empty') ?? false,
    createdBy: digests.userId,
  });
  return result.ok ? subscribedAnswer(snapshot, result.subscription) : errorAnswer('digest', 'subscribe', snapshot, result.error);
}

function readFilters(options: OptionValues, index: SearchIndex): DigestFilters | { error: string } {
  const countries: string[] = [];
  const materials: string[] = [];
  const kinds: FactKind[] = [];
  const lists: Array<[string, (item: string) => string | undefined, string[], string]> = [
    ['countries', (item) => index.resolveEntity('country', item)?.code, countries, 'country or bloc'],
    ['materials', (item) => index.resolveEntity('material', item)?.code, materials, 'material'],
    ['kinds', (item) => KIND_NAMES.get(item.toLowerCase()), kinds, 'kind (restriction, market-share, policy, meeting, background)'],
  ];
  for (const [name, resolve, into, label] of lists) {
    const items = splitList(text(options, name));
    if (items.length > MAX_LIST_ITEMS) return { error: `At most ${MAX_LIST_ITEMS} ${name} per digest.` };
    for (const item of items) {
      const code = resolve(item);
      if (!code) return { error: `Unknown ${label} '${cut(item, 40)}' in ${name}.` };
      if (!into.includes(code)) into.push(code);
    }
  }
  return { countries, materials, kinds };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[,;]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Completes the last item of a comma-separated list, keeping the items before it. */
function completeList(focused: FocusedOption, complete: (last: string) => readonly string[]): Choice[] {
  const value = focused.value.slice(0, MAX_TEXT_OPTION);
  const cut = Math.max(value.lastIndexOf(','), value.lastIndexOf(';'));
  const head = cut >= 0 ? `${value.slice(0, cut + 1).trim()} ` : '';
  const last = value.slice(cut + 1).trim();
  return complete(last.slice(0, MAX_NAME_OPTION)).map((name) => ({ name: `${head}${name}`, value: `${head}${name}` }));
}

function completeTimeZone(value: string): Choice[] {
  const wanted = value.trim().toLowerCase().replace(/ /g, '_');
  const zones = timeZones();
  const starts = zones.filter((zone) => zone.toLowerCase().startsWith(wanted));
  const contains = zones.filter((zone) => !zone.toLowerCase().startsWith(wanted) && zone.toLowerCase().includes(wanted));
  return [...starts, ...contains].map((zone) => ({ name: zone, value: zone }));
}

function completeId(focused: FocusedOption, context: CommandContext): Choice[] {
  if (!context.digests) return [];
  return context.digests.service
    .list(context.digests.guildId)
    .filter((subscription) => String(subscription.id).startsWith(focused.value.trim()))
    .map((subscription) => ({
      name: `#${subscription.id} ${subscription.schedule.label} (${subscription.schedule.timezone}) ${subscription.status}`,
      value: String(subscription.id),
    }));
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
