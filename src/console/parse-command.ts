import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord.js';
import type { CommandModule, OptionValue } from '../../commands/types.ts';
import { didYouMean } from '../knowledge/closest.ts';

/**
 * Reads a console line in slash syntax — `/country name:United States`, `/restrictions
 * country:China material:Dy` — using the same builder definitions Discord registers, so the
 * console accepts exactly what Discord would. A value runs to the next `option:` of that command.
 * A word shaped like an option that the command does not have (`materal:Dy`) is a mistake, said
 * so, rather than text of the option before it; `ratio: REO` (a space after the colon) and URLs
 * stay text.
 */
export type ParsedLine =
  | { readonly ok: true; readonly command: CommandModule; readonly options: Record<string, OptionValue> }
  | { readonly ok: false; readonly command?: string; readonly message: string; readonly suggestions: readonly string[] };

interface OptionSpec {
  readonly name: string;
  readonly type: ApplicationCommandOptionType;
  readonly required: boolean;
  readonly choices: ReadonlyArray<{ name: string; value: string | number }>;
}

export function optionSpecs(command: CommandModule): OptionSpec[] {
  return specsOf(command.data.toJSON().options ?? []);
}

function specsOf(options: readonly APIApplicationCommandOption[]): OptionSpec[] {
  return options.map((option: APIApplicationCommandOption) => ({
    name: option.name,
    type: option.type,
    required: 'required' in option && option.required === true,
    choices: 'choices' in option && Array.isArray(option.choices) ? option.choices : [],
  }));
}

export interface ParseOptions {
  /**
   * `error` (default) for what a person typed; `text` for lines the bot wrote itself from Discord's
   * own options (the pages of an answer), where a user's question may hold any `word:`.
   */
  readonly unknownOptions?: 'error' | 'text';
}

export function parseCommandLine(line: string, commands: ReadonlyMap<string, CommandModule>, parse: ParseOptions = {}): ParsedLine {
  const trimmed = line.trim();
  const match = /^\/([a-z-]+)\s*(.*)$/is.exec(trimmed);
  if (!match) {
    const ask = commands.get('ask') as CommandModule;
    return { ok: true, command: ask, options: { question: trimmed } };
  }
  const name = (match[1] as string).toLowerCase();
  const command = commands.get(name);
  if (!command) {
    const known = [...commands.keys()];
    const close = known.filter((candidate) => candidate.startsWith(name.slice(0, 2)));
    return { ok: false, command: name, message: `Unknown command /${name}. Commands: ${known.map((k) => `/${k}`).join(', ')}.`, suggestions: close.map((c) => `/${c}`) };
  }

  let specs = optionSpecs(command);
  let rest = match[2] ?? '';
  const options: Record<string, OptionValue> = {};
  // "/kb gaps days:7": the first word names the subcommand, whose options follow.
  const subcommands = (command.data.toJSON().options ?? []).filter((option) => option.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length > 0) {
    const [word = '', ...others] = rest.trim().split(/\s+/);
    const chosen = subcommands.find((option) => option.name === word.toLowerCase());
    if (!chosen) return { ok: false, command: name, message: `Use /${name} with one of: ${subcommands.map((option) => option.name).join(', ')}.`, suggestions: [] };
    options['subcommand'] = chosen.name;
    specs = specsOf('options' in chosen && chosen.options ? chosen.options : []);
    rest = others.join(' ');
  }
  const raw = splitOptions(rest, specs, parse.unknownOptions ?? 'error', name);
  if (!raw.ok) return { ok: false, command: name, message: raw.message, suggestions: [`/help`] };

  for (const [key, value] of Object.entries(raw.values)) {
    const spec = specs.find((candidate) => candidate.name === key) as OptionSpec;
    const converted = convert(spec, value);
    if (!converted.ok) return { ok: false, command: name, message: converted.message, suggestions: [] };
    options[key] = converted.value;
  }
  const missing = specs.filter((spec) => spec.required && options[spec.name] === undefined);
  if (missing.length > 0) {
    const usage = `/${name} ${specs.map((spec) => (spec.required ? `${spec.name}:<…>` : `[${spec.name}:<…>]`)).join(' ')}`;
    return { ok: false, command: name, message: `Missing ${missing.map((spec) => spec.name).join(', ')}. Usage: ${usage}`, suggestions: [] };
  }
  return { ok: true, command, options };
}

function splitOptions(
  text: string,
  specs: readonly OptionSpec[],
  unknownOptions: 'error' | 'text',
  command: string,
): { ok: true; values: Record<string, string> } | { ok: false; message: string } {
  const names = new Set(specs.map((spec) => spec.name));
  const markers: Array<{ name: string; start: number; valueStart: number }> = [];
  for (const found of text.matchAll(/(^|\s)([a-z][a-z-]*):(?!\/\/)(\S|$)?/gi)) {
    const key = (found[2] as string).toLowerCase();
    if (!names.has(key)) {
      if (unknownOptions === 'error' && found[3] !== undefined) return { ok: false, message: unknownOption(key, command, specs) };
      continue;
    }
    const start = (found.index ?? 0) + (found[1] as string).length;
    markers.push({ name: key, start, valueStart: start + key.length + 1 });
  }
  const values: Record<string, string> = {};
  const leading = text.slice(0, markers[0]?.start ?? text.length).trim();
  if (leading !== '') {
    // "/country India" or "/ask who mines most": bare text fills the one required text option.
    const target =
      specs.find((spec) => spec.required && spec.type === ApplicationCommandOptionType.String) ?? specs.find((spec) => spec.type === ApplicationCommandOptionType.String);
    if (!target) return { ok: false, message: `This command takes no text; options: ${specs.map((spec) => `${spec.name}:`).join(' ') || 'none'}` };
    values[target.name] = leading;
  }
  markers.forEach((marker, position) => {
    const end = markers[position + 1]?.start ?? text.length;
    values[marker.name] = text.slice(marker.valueStart, end).trim();
  });
  return { ok: true, values };
}

function unknownOption(key: string, command: string, specs: readonly OptionSpec[]): string {
  if (specs.length === 0) return `/${command} takes no options, and ${key}: is not one.`;
  const hint = didYouMean(
    key,
    specs.map((spec) => spec.name),
  );
  return `Unknown option ${key}: for /${command}${hint}. Options: ${specs.map((spec) => `${spec.name}:`).join(' ')}`;
}

function convert(spec: OptionSpec, value: string): { ok: true; value: OptionValue } | { ok: false; message: string } {
  if (spec.choices.length > 0) {
    const choice = spec.choices.find((candidate) => String(candidate.value).toLowerCase() === value.toLowerCase() || candidate.name.toLowerCase() === value.toLowerCase());
    if (!choice) return { ok: false, message: `${spec.name} must be one of: ${spec.choices.map((c) => c.value).join(', ')}.` };
    return { ok: true, value: choice.value };
  }
  switch (spec.type) {
    case ApplicationCommandOptionType.Integer: {
      if (!/^-?\d+$/.test(value)) return { ok: false, message: `${spec.name} must be a whole number.` };
      return { ok: true, value: Number(value) };
    }
    case ApplicationCommandOptionType.Number: {
      const number = Number(value);
      return Number.isFinite(number) && value !== '' ? { ok: true, value: number } : { ok: false, message: `${spec.name} must be a number.` };
    }
    case ApplicationCommandOptionType.Boolean: {
      const lower = value.toLowerCase();
      if (['true', 'yes', '1', ''].includes(lower)) return { ok: true, value: true };
      if (['false', 'no', '0'].includes(lower)) return { ok: true, value: false };
      return { ok: false, message: `${spec.name} must be true or false.` };
    }
    default:
      return { ok: true, value };
  }
}
