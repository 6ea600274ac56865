/** `npm run kb:check`: see check-run.ts. Exit 0 when the knowledge loads, 1 on errors, 2 on bad options or a crash. */
import { runCheck } from './check-run.ts';

runCheck(process.argv.slice(2), { write: (text) => process.stdout.write(text), env: process.env, now: new Date() }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`kb:check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
