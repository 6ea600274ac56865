/**
 * `npm run kb:check [dir] [--json]`: validates a knowledge folder the way the bot does at start
 * and on reload, prints every problem as `file:line:col message` and a summary; exit 1 on errors.
 */
import { loadKnowledge } from './load.ts';
import { formatProblem } from './problems.ts';
import { summarize } from './summary.ts';

async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const dir = argv.find((arg) => !arg.startsWith('--')) ?? 'knowledge';
  const result = await loadKnowledge(dir);
  const errors = result.ok ? [] : result.errors;
  const summary = result.ok ? summarize(result.snapshot) : undefined;

  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: result.ok, dir, errors, warnings: result.warnings, summary: summary ?? null }, null, 2)}\n`);
    return result.ok ? 0 : 1;
  }

  for (const problem of [...errors, ...result.warnings]) process.stdout.write(`${formatProblem(problem)}\n`);
  if (!summary) {
    process.stdout.write(`\n${dir}: ${errors.length} error(s), ${result.warnings.length} warning(s). The knowledge was not loaded.\n`);
    return 1;
  }
  const kinds = Object.entries(summary.factsByKind).map(([kind, count]) => `${kind} ${count}`).join(', ');
  process.stdout.write(
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
