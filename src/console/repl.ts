import { createInterface, type Interface } from 'node:readline';
import { COMMANDS } from '../../commands/index.ts';
import { renderText } from '../render/text.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { runLine } from './run-line.ts';

export const CONSOLE_BANNER = [
  'rare-earth-bot console: the same commands and knowledge as the Discord bot, no account needed.',
  'Type a question, or a command such as /country name:India, /restrictions country:China material:Dy,',
  '/market-share stage:magnets. /help lists them; Tab completes command names; Ctrl+D or /quit leaves.',
  'To run it on Discord instead, put DISCORD_TOKEN (and DISCORD_APPLICATION_ID) in .env, then',
  '`npm run deploy-commands` and `npm start` (README.md, "Running on Discord").',
].join('\n');

/** Completes command names and, after a command, its option names: what Discord's picker offers. */
export function completeLine(line: string): [string[], string] {
  const commandMatch = /^\/([a-z-]*)$/.exec(line);
  if (commandMatch) {
    const hits = [...COMMANDS.keys(), 'quit'].filter((name) => name.startsWith(commandMatch[1] as string)).map((name) => `/${name}`);
    return [hits, line];
  }
  const optionMatch = /^\/([a-z-]+)\s.*?([a-z-]*)$/.exec(line);
  const command = optionMatch ? COMMANDS.get(optionMatch[1] as string) : undefined;
  if (optionMatch && command) {
    const partial = optionMatch[2] as string;
    const names = (command.data.toJSON().options ?? []).map((option) => `${option.name}:`);
    return [names.filter((name) => name.startsWith(partial)), partial];
  }
  return [[], line];
}

export function startRepl(index: SearchIndex, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Interface {
  const terminal = 'isTTY' in output && output.isTTY === true;
  const rl = createInterface({ input, output, completer: completeLine, terminal, historySize: 200 });
  output.write(`${CONSOLE_BANNER}\n\nknowledge ${index.snapshot.version}: ${index.snapshot.facts.length} facts\n\n`);
  rl.setPrompt('rare-earth> ');
  rl.prompt();
  // Lines are answered one after another, in order, even when one takes a moment.
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    const trimmed = line.trim();
    if (trimmed === '/quit' || trimmed === '/exit') {
      rl.close();
      return;
    }
    queue = queue.then(async () => {
      if (trimmed !== '') {
        const answer = await runLine(trimmed, { index, now: new Date() });
        output.write(`\n${renderText(answer)}\n\n`);
      }
      rl.prompt();
    });
  });
  return rl;
}
