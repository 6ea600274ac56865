/**
 * `npm run kb:check [dir] [--json]`: validates a knowledge folder the way the bot does at start
 * and on reload, prints every problem as `file:line:col message` and a summary; exit 1 on errors.
 */
import { parseArgs } from 'node:util';
import { cliOutput, OutputClosed } from '../cli-output.ts';
import { loadKnowledge } from './load.ts';
import { formatProblem } from './problems.ts';
import { summarize } from './summary.ts';

const USAGE = 'usage: npm run kb:check -- [--json] [dir]   (dir defaults to knowledge)';

async function main(argv: readonly string[]): Promise<number> {
  let json: boolean;
  let dir: string;
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: { json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
    if (positionals.length > 1) throw new Error(`one folder at most, not ${positionals.length}`);
    json = values.json;
    dir = positionals[0] ?? 'knowledge';
  } catch (error) {
    process.stderr.write(`kb:check: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const result = await loadKnowledge(dir);
  const errors = result.ok ? [] : result.errors;
  const summary = result.ok ? summarize(result.snapshot) : undefined;
  const out = cliOutput(process.stdout);
  // `npm run kb:check | head -2`: the reader leaving early changes nothing about the verdict.
  const print = (text: string) => out.write(text).catch((error: unknown) => {
    if (!(error instanceof OutputClosed)) throw error;
  });

  if (json) {
    await print(`${JSON.stringify({ ok: result.ok, dir, errors, warnings: result.warnings, summary: summary ?? null }, null, 2)}\n`);
    return result.ok ? 0 : 1;
  }

  for (const problem of [...errors, ...result.warnings]) await print(`${formatProblem(problem)}\n`);
  if (!summary) {
    await print(`\n${dir}: ${errors.length} error(s), ${result.warnings.length} warning(s). The knowledge was not loaded.\n`);
    return 1;
  }
  const kinds = Object.entries(summary.factsByKind).map(([kind, count]) => `${kind} ${count}`).join(', ');
  await print(
    [
      '',
      `${dir}: OK, version ${summary.version}, ${result.warnings.length} warning(s)`,
      `facts: ${summary.facts} (${kinds})`,
      `countries and blocs covered: ${summary.countriesCovered} (${summary.countryCodes.join(' ')})`,
      `sources: ${summary.sources} (${summary.sourcesCited} cited)`,
      '',
    ].join('\n'),
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`kb:check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
