import type { Answer } from '../src/answer/answer.ts';
import { errorAnswer } from '../src/answer/answer.ts';
import type { EntityType } from '../src/search/lexicon.ts';
import { LIMITS } from '../src/render/discord/limits.ts';
import type { Choice, SearchIndex } from '../src/search/search-index.ts';
import { cut } from '../src/text/cut.ts';
import type { CommandContext, FocusedOption, OptionValues } from './types.ts';

/** Longest free text an option accepts; Discord enforces the same through max_length. */
export const MAX_TEXT_OPTION = 300;
/** A name option is filled from autocomplete, so it is as long as a choice's value may be. */
export const MAX_NAME_OPTION = LIMITS.choiceValue;

/**
 * Resolves a country or material option as Discord's autocomplete would: a code, a name, an alias
 * or a misspelling of a whole name (never another subject that merely shares letters with it). An
 * unknown value becomes an error Answer (ephemeral on Discord) with "did you mean" suggestions.
 */
export function resolveEntityOption(
  index: SearchIndex,
  type: EntityType,
  command: string,
  option: string,
  value: string,
): { ok: true; code: string } | { ok: false; answer: Answer } {
  const entity = index.resolveEntity(type, value);
  if (entity) return { ok: true, code: entity.code };
  const close = index.completeEntity(type, value).slice(0, 3);
  const suggestions = close.map((choice) => `/${command} ${option}:${choice.name.replace(/ \(.*\)$/, '')}`);
  const label = type === 'country' ? 'country or bloc' : 'material';
  const names = close.map((choice) => choice.name);
  const hint = names.length > 0 ? ` Did you mean ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`}?` : '';
  return { ok: false, answer: errorAnswer(command, value, index.snapshot, `Unknown ${label} '${cut(value, 60)}'.${hint}`, suggestions) };
}

/** Like resolveEntityOption, for an option that may be left out. */
export function optionalEntityOption(
  index: SearchIndex,
  type: EntityType,
  command: string,
  option: string,
  value: string | undefined,
): { ok: true; code: string | undefined } | { ok: false; answer: Answer } {
  return value === undefined ? { ok: true, code: undefined } : resolveEntityOption(index, type, command, option, value);
}

export function text(options: OptionValues, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function integer(options: OptionValues, name: string): number | undefined {
  const value = options[name];
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

export function flag(options: OptionValues, name: string): boolean | undefined {
  const value = options[name];
  return typeof value === 'boolean' ? value : undefined;
}

/** Autocomplete for the options that name countries and materials, shared by several commands. */
export function completeEntities(focused: FocusedOption, context: CommandContext, types: Readonly<Record<string, EntityType>>): Choice[] {
  const type = types[focused.name];
  return type ? context.index.completeEntity(type, focused.value.slice(0, MAX_NAME_OPTION)) : [];
}
