import { randomBytes } from 'node:crypto';
import { ApplicationCommandOptionType, MessageFlags, PermissionFlagsBits, type AutocompleteInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { CommandContext, CommandModule, DigestContext, OptionValues } from '../../commands/types.ts';
import type { Answer } from '../answer/answer.ts';
import type { DigestService } from '../digest/service.ts';
import { autocompleteChoices } from '../render/discord/choices.ts';
import { renderDigest } from '../render/discord/digest-messages.ts';
import { LIMITS } from '../render/discord/limits.ts';
import { cut } from '../text/cut.ts';
import type { LiveKnowledge } from '../reload/live-knowledge.ts';
import type { SearchIndex } from '../search/search-index.ts';
import type { Store } from '../store/store.ts';
import { chartRenderer, mayHaveChart, type ChartRenderer } from '../charts/charts.ts';
import { PaintPool } from '../charts/paint-pool.ts';
import { handleButton } from './buttons.ts';
import { commandLine } from './command-line.ts';
import type { Cooldown } from './cooldown.ts';
import { withChartInTime } from './deadline.ts';
import { channelProblem } from './digest-port.ts';
import { renderForDiscord } from './render.ts';
import { TurnQueue } from './turns.ts';
import { isModerator, moderationContext } from './moderation.ts';
import { isExpected, send } from './respond.ts';

/**
 * The one place interactions enter: it checks the cooldown and moderators' rights, defers when a
 * command says it may be slow, runs the command against the knowledge current at that moment,
 * records the question, renders, replies, and turns any failure into an ephemeral message with a
 * reference id that is also in the log. Charts are painted in a pool of worker threads, and a reply
 * waiting for one is deferred when the bot is busy or the chart is late (deadline.ts).
 */
export interface RouterDeps {
  readonly commands: ReadonlyMap<string, CommandModule>;
  readonly live: LiveKnowledge;
  readonly store?: Store;
  readonly modRoleIds: readonly string[];
  /** STALE_AFTER_DAYS, for /kb stale. */
  readonly staleAfterDays?: number;
  readonly now: () => Date;
  readonly cooldown: Cooldown;
  readonly log: Logger;
  /** Digest subscriptions, when the bot runs them. */
  readonly digests?: DigestService;
  /** Renders the PNG attached to /market-share, /country and /restrictions (default: painted in a PaintPool that `drain` shuts down). */
  readonly charts?: ChartRenderer;
}

/**
 * Interactions in flight beyond which a reply waiting for a chart is deferred at once. What is in
 * flight is the work queued on the event loop and the charts queued for a painter, known the
 * moment a command arrives; an event-loop delay sampler would only see a stall after it ended.
 * Eight charts are about 100 ms of painting on two workers, far inside the deadline.
 */
export const BUSY_IN_FLIGHT = 8;

interface Load {
  busy(): boolean;
  /** Answers are computed one per event-loop turn, so a burst does not block the loop for its sum. */
  readonly turns: TurnQueue;
}

export interface Router {
  handle(interaction: Interaction): Promise<void>;
  /** Stop taking interactions, wait for those in flight, then stop the chart painters. */
  drain(): Promise<void>;
  /** Worker threads painting charts now (0 with an injected renderer, and after `drain`). */
  chartWorkers(): number;
}

export function createRouter(options: RouterDeps): Router {
  const inFlight = new Set<Promise<void>>();
  let draining = false;
  const pool = options.charts ? undefined : new PaintPool();
  const deps: RouterDeps = { ...options, charts: options.charts ?? chartRenderer((data, signal) => (pool as PaintPool).paint(data, signal)) };
  const load: Load = { busy: () => inFlight.size > BUSY_IN_FLIGHT, turns: new TurnQueue() };

  const handle = async (interaction: Interaction): Promise<void> => {
    if (draining) {
      if (interaction.isChatInputCommand() || interaction.isButton()) {
        await send(interaction, { content: 'The bot is restarting; please try again in a moment.' }, { ephemeral: true, log: deps.log }).catch(() => undefined);
      }
      return;
    }
    // Painters load while the first interactions are answered; a bot that never connects starts none.
    pool?.warm();
    const work = dispatch(interaction, deps, load);
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  };

  return {
    handle,
    async drain() {
      draining = true;
      await Promise.allSettled([...inFlight]);
      await pool?.close();
    },
    chartWorkers: () => pool?.workers ?? 0,
  };
}

async function dispatch(interaction: Interaction, deps: RouterDeps, load: Load): Promise<void> {
  try {
    if (interaction.isAutocomplete()) await autocomplete(interaction, deps);
    else if (interaction.isChatInputCommand()) await command(interaction, deps, load);
    else if (interaction.isButton()) await handleButton(interaction, deps);
  } catch (error) {
    await reportFailure(interaction, error, deps);
  }
}

async function command(interaction: ChatInputCommandInteraction, deps: RouterDeps, load: Load): Promise<void> {
  const module = deps.commands.get(interaction.commandName);
  if (!module) {
    await send(interaction, { content: `Unknown command /${cut(interaction.commandName, LIMITS.commandName)}. Try /help.` }, { ephemeral: true, log: deps.log });
    return;
  }
  if (module.moderatorsOnly && !isModerator(interaction, deps.modRoleIds)) {
    await send(interaction, { content: 'This command is for moderators (Manage Server, or a moderator role).' }, { ephemeral: true, log: deps.log });
    return;
  }
  if (module.channelManagersOnly && !(interaction.inGuild() && interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels))) {
    await send(interaction, { content: 'This command is for members who can manage channels (Manage Channels), in a server.' }, { ephemeral: true, log: deps.log });
    return;
  }
  const wait = deps.cooldown.take(interaction.user.id);
  if (!wait.ok) {
    await send(interaction, { content: `Please wait: try again in ${wait.retryAfterSeconds} s.` }, { ephemeral: true, log: deps.log });
    return;
  }
  // Moderators' and channel managers' answers are for them alone; so is the "thinking…" before them.
  const privateReply = module.moderatorsOnly === true || module.channelManagersOnly === true;
  if (module.defer) await interaction.deferReply(privateReply ? { flags: MessageFlags.Ephemeral } : {});

  const index: SearchIndex = deps.live.index;
  const options = optionValues(interaction);
  const context: CommandContext = {
    index,
    now: deps.now(),
    ...(module.moderatorsOnly ? { moderation: await moderationContext(interaction, deps.live, deps.store, deps.staleAfterDays) } : {}),
    ...digestContext(module, interaction, deps),
  };
  const answer = await load.turns.run(() => module.run(options, context));
  const line = commandLine(interaction.commandName, options);
  deps.log.info({ interactionId: interaction.id, command: interaction.commandName, status: answer.status }, 'command answered');
  const feedback = privateReply ? undefined : remember(interaction.id, line, answer, deps);
  const ephemeral = answer.status === 'error' || privateReply;
  const text = renderForDiscord(answer, line, index, 0, feedback);
  const payload = mayHaveChart(answer) ? await withChartInTime(interaction, text, answer, index.snapshot, deps, { ephemeral, busy: load.busy() }) : text;
  await send(interaction, payload, { ephemeral, log: deps.log });
  // A digest preview is the digest's own messages, as the channel would get them.
  for (const message of answer.digest ? renderDigest(answer.digest) : []) {
    await send(interaction, { embeds: message.embeds, components: [] }, { ephemeral: true, log: deps.log });
  }
}

function digestContext(module: CommandModule, interaction: ChatInputCommandInteraction | AutocompleteInteraction, deps: RouterDeps): { digests?: DigestContext } {
  if (!module.channelManagersOnly || !deps.digests || !interaction.inGuild()) return {};
  return {
    digests: {
      guildId: interaction.guildId,
      channelId: interaction.channelId ?? '',
      userId: interaction.user.id,
      service: deps.digests,
      checkChannel: (channelId) => channelProblem(interaction.client, channelId),
    },
  };
}

/** Records the question (for /kb gaps) and the answer (for votes); the store never stops a reply. */
function remember(interactionId: string, line: string, answer: Answer, deps: RouterDeps): string | undefined {
  if (!deps.store) return undefined;
  try {
    deps.store.recordQuery({ command: answer.command, text: line, outcome: answer.status });
    if (answer.status !== 'answered' || answer.answers.length === 0) return undefined;
    deps.store.recordAnswer({ id: interactionId, command: answer.command, query: line, topFactId: answer.answers[0]?.factId ?? null });
    return interactionId;
  } catch (error) {
    deps.log.warn({ err: error }, 'could not record the question in the store');
    return undefined;
  }
}

async function autocomplete(interaction: AutocompleteInteraction, deps: RouterDeps): Promise<void> {
  const module = deps.commands.get(interaction.commandName);
  const focused = interaction.options.getFocused(true);
  const allowed = !module?.channelManagersOnly || (interaction.inGuild() && interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) === true);
  const context: CommandContext = { index: deps.live.index, now: deps.now(), ...(module && allowed ? digestContext(module, interaction, deps) : {}) };
  const choices = (allowed ? module?.autocomplete?.({ name: focused.name, value: String(focused.value) }, context) : undefined) ?? [];
  const numeric = focused.type === ApplicationCommandOptionType.Integer || focused.type === ApplicationCommandOptionType.Number;
  try {
    await interaction.respond(autocompleteChoices(choices, numeric));
  } catch (error) {
    // A user who keeps typing makes earlier autocompletes expire; that is normal.
    if (!isExpected(error)) throw error;
  }
}

function optionValues(interaction: ChatInputCommandInteraction): OptionValues {
  const values: Record<string, string | number | boolean> = {};
  const subcommand = interaction.options.getSubcommand(false);
  if (subcommand) values['subcommand'] = subcommand;
  const data = subcommand ? (interaction.options.data[0]?.options ?? []) : interaction.options.data;
  for (const option of data) {
    if (typeof option.value === 'string' || typeof option.value === 'number' || typeof option.value === 'boolean') {
      values[option.name] = option.value;
    }
  }
  return values;
}

async function reportFailure(interaction: Interaction, error: unknown, deps: RouterDeps): Promise<void> {
  const reference = randomBytes(4).toString('hex');
  deps.log.error({ err: error, reference, interactionId: interaction.id }, 'interaction failed');
  if (!interaction.isChatInputCommand() && !interaction.isButton()) return;
  const content = `Something went wrong answering that (reference ${reference}). The error was logged; please try again.`;
  await send(interaction, { content }, { ephemeral: true, log: deps.log }).catch((sendError: unknown) => {
    deps.log.warn({ err: sendError, reference }, 'could not report the failure to the user');
  });
}
