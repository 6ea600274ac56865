import { aboutCommand } from './about.ts';
import { askCommand } from './ask.ts';
import { countryCommand } from './country.ts';
import { digestCommand } from './digest.ts';
import { helpCommand } from './help.ts';
import { kbCommand } from './kb.ts';
import { marketShareCommand } from './market-share.ts';
import { meetingsCommand } from './meetings.ts';
import { restrictionsCommand } from './restrictions.ts';
import { sourceCommand } from './source.ts';
import type { CommandModule } from './types.ts';

/** Every slash command, by name: the one list registration, the router and the console share. */
export const COMMANDS: ReadonlyMap<string, CommandModule> = new Map(
  [askCommand, countryCommand, restrictionsCommand, marketShareCommand, meetingsCommand, sourceCommand, helpCommand, aboutCommand, kbCommand, digestCommand].map((command) => [
    command.data.name,
    command,
  ]),
);
