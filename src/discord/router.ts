import { randomBytes } from 'node:crypto';
import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { CommandContext, CommandModule, OptionValues } from '../../commands/types.ts';
import type { Answer } from '../answer/answer.ts';
import { parseCommandLine } from '../console/parse-command.ts';
import { renderAnswer } from '../render/discord/answer-message.ts';
import { fit, LIMITS } from '../render/discord/limits.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { commandLine } from './command-line.ts';
import type { Cooldown } from './cooldown.ts';
import { pageButtonId, parseButtonId, sameVersion, suggestionButtonId } from './custom-ids.ts';
import { isExpected, send, type RepliableInteraction } from './respond.ts';

/**
 * The one place interactions enter: it checks the cooldown, defers when a command says it may be
 * slow, runs the command against the knowledge current at that moment, renders, replies, and turns
 * any failure into an ephemeral message with a reference id that is also in the log.
 */
export interface RouterDeps {
  readonly commands: ReadonlyMap<string, CommandModule>;
  /** The index of the current snapshot; an interaction keeps the one it started with. */
  readonly currentIndex: () => SearchIndex;
  readonly now: () => Date;
  readonly cooldown: Cooldown;
  readonly log: Logger;
}

export interface Router {
  handle(interaction: Interaction): Promise<void>;
  /** Stop taking interactions and wait for those in flight. */
  drain(): Promise<void>;
}

export function createRouter(deps: RouterDeps): Router {
  const inFlight = new Set<Promise<void>>();
  let draining = false;

  const handle = async (interaction: Interaction): Promise<void> => {
    if (draining) {
      if (interaction.isChatInputCommand() || interaction.isButton()) {
        await send(interaction, { content: 'The bot is restarting; please try again in a moment.' }, { ephemeral: true, log: deps.log }).catch(() => undefined);
      }
      return;
    }
    const work = dispatch(interaction, deps);
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
    },
  };
}

async function dispatch(interaction: Interaction, deps: RouterDeps): Promise<void> {
  try {
    if (interaction.isAutocomplete()) await autocomplete(interaction, deps);
    else if (interaction.isChatInputCommand()) await command(interaction, deps);
    else if (interaction.isButton()) await button(interaction, deps);
  } catch (error) {
    await reportFailure(interaction, error, deps);
  }
}

async function command(interaction: ChatInputCommandInteraction, deps: RouterDeps): Promise<void> {
  const module = deps.commands.get(interaction.commandName);
  if (!module) {
    await send(interaction, { content: `Unknown command /${fit(interaction.commandName, 32)}. Try /help.` }, { ephemeral: true, log: deps.log });
    return;
  }
  const wait = deps.cooldown.take(interaction.user.id);
  if (!wait.ok) {
    await send(interaction, { content: `Please wait: try again in ${wait.retryAfterSeconds} s.` }, { ephemeral: true, log: deps.log });
    return;
  }
  if (module.defer) await interaction.deferReply();

  const index = deps.currentIndex();
  const options = optionValues(interaction);
  const answer = module.run(options, { index, now: deps.now() });
  const line = commandLine(interaction.commandName, options);
  deps.log.info({ interactionId: interaction.id, command: interaction.commandName, status: answer.status }, 'command answered');
  await send(interaction, render(answer, line, index, 0), { ephemeral: answer.status === 'error', log: deps.log });
}

async function autocomplete(interaction: AutocompleteInteraction, deps: RouterDeps): Promise<void> {
  const module = deps.commands.get(interaction.commandName);
  const focused = interaction.options.getFocused(true);
  const context: CommandContext = { index: deps.currentIndex(), now: deps.now() };
  const choices = module?.autocomplete?.({ name: focused.name, value: String(focused.value) }, context) ?? [];
  try {
    await interaction.respond(
      choices.slice(0, LIMITS.autocompleteChoices).map((choice) => ({
        name: fit(choice.name, LIMITS.choiceName),
        value: choice.value.slice(0, LIMITS.choiceValue),
      })),
    );
  } catch (error) {
    // A user who keeps typing makes earlier autocompletes expire; that is normal.
    if (!isExpected(error)) throw error;
  }
}

async function button(interaction: ButtonInteraction, deps: RouterDeps): Promise<void> {
  const action = parseButtonId(interaction.customId);
  const index = deps.currentIndex();
  if (action.kind === 'unknown' || action.line === undefined) {
    await send(interaction, { content: 'This button has expired. Please run the command again.' }, { ephemeral: true, log: deps.log });
    return;
  }
  if (action.kind === 'page' && !sameVersion(action.version, index.snapshot.version)) {
    await send(
      interaction,
      { content: 'The knowledge has been updated since this answer was shown. Please run the command again for the current answer.' },
      { ephemeral: true, log: deps.log },
    );
    return;
  }
  const answer = runLine(action.line, deps, index);
  if (action.kind === 'page') {
    await interaction.update({ ...render(answer, action.line, index, action.page), allowedMentions: { parse: [] } });
    return;
  }
  await send(interaction, render(answer, action.line, index, 0), { ephemeral: answer.status === 'error', log: deps.log });
}

function runLine(line: string, deps: RouterDeps, index: SearchIndex): Answer {
  const parsed = parseCommandLine(line, deps.commands);
  if (!parsed.ok) throw new Error(`stored command line no longer parses: ${parsed.message}`);
  return parsed.command.run(parsed.options, { index, now: deps.now() });
}

function render(answer: Answer, line: string, index: SearchIndex, page: number) {
  return renderAnswer(answer, {
    page,
    loadedAt: index.snapshot.loadedAt,
    pageButtonId: (target) => pageButtonId(target, index.snapshot.version, line),
    suggestionButtonId: (suggestion) => suggestionButtonId(suggestion.startsWith('/') ? suggestion : `/ask question:${suggestion}`),
  });
}

function optionValues(interaction: ChatInputCommandInteraction): OptionValues {
  const values: Record<string, string | number | boolean> = {};
  for (const option of interaction.options.data) {
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
  await send(interaction as RepliableInteraction, { content }, { ephemeral: true, log: deps.log }).catch((sendError: unknown) => {
    deps.log.warn({ err: sendError, reference }, 'could not report the failure to the user');
  });
}
