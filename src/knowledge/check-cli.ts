/**
 * `npm run kb:check`: see check-run.ts. Exit 0 when the knowledge loads (and removes no more served
 * facts than allowed), 1 on errors, 2 on bad options or a crash. Settings come from .env as for the bot.
 */
import { cliOutput } from '../cli-output.ts';
import { loadConfigOrExit } from '../config.ts';
import { runCheck } from './check-run.ts';

// `npm run kb:check | head -2`: the reader leaving early ends the output quietly; the exit code stays the verdict.
const out = cliOutput(process.stdout);

loadConfigOrExit()
  .then((config) => runCheck(process.argv.slice(2), { write: (text) => void (out.closed() || process.stdout.write(text)), config, now: new Date() }))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`kb:check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
