import type { APIApplicationCommandOptionChoice } from 'discord.js';
import type { Choice } from '../../search/search-index.ts';
import { cut } from '../../text/cut.ts';
import { LIMITS } from './limits.ts';

/**
 * Completions → what Discord accepts as an autocomplete result: at most LIMITS.autocompleteChoices,
 * names cut to LIMITS.choiceName. A value is what the option will hold, so one too long for
 * LIMITS.choiceValue is left out rather than cut into a different value; an integer or number
 * option takes numeric values only.
 */
export function autocompleteChoices(choices: readonly Choice[], numeric: boolean): APIApplicationCommandOptionChoice[] {
  return choices
    .filter((choice) => (numeric ? Number.isFinite(Number(choice.value)) : choice.value.length <= LIMITS.choiceValue))
    .slice(0, LIMITS.autocompleteChoices)
    .map((choice) => ({ name: cut(choice.name, LIMITS.choiceName), value: numeric ? Number(choice.value) : choice.value }));
}
