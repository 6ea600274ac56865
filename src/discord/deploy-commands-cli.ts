/** `npm run deploy-commands`: registers the slash commands and prints what changed. */
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config.ts';
import { deployCommands } from './deploy-commands.ts';

async function main(): Promise<void> {
  // It takes no flags; the target comes from .env (GUILD_ID), and a stray flag is a mistake to say so.
  parseArgs({ args: process.argv.slice(2), options: {}, strict: true, allowPositionals: false });
  const config = await loadConfigOrExit();
  const result = await deployCommands(config);
  const where = result.route === 'guild' ? `server ${config.GUILD_ID}` : 'all servers (global; may take up to an hour to appear)';
  const lines = [
    `Slash commands for ${where}:`,
    `  added:     ${result.added.join(', ') || '—'}`,
    `  updated:   ${result.updated.join(', ') || '—'}`,
    `  removed:   ${result.removed.join(', ') || '—'}`,
    `  unchanged: ${result.unchanged.join(', ') || '—'}`,
    result.sent ? 'Registered.' : 'Nothing to change; nothing sent.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`deploy-commands failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
