import type { OptionValues } from '../../commands/types.ts';

/** The console line equivalent to a slash command with its options: `/restrictions country:China`. */
export function commandLine(name: string, options: OptionValues): string {
  const parts = Object.entries(options)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}:${String(value)}`);
  return [`/${name}`, ...parts].join(' ');
}
