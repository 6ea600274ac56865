/**
 * `npm run kb:check [dir] [--json] [--allow-removals]`: validates a knowledge folder the way the bot
 * does at start and on reload, prints every problem as `file:line:col message` and a summary; exit 1
 * on errors. When the bot's store (DATA_DIR) records what it serves, an edit that would remove more
 * facts than RELOAD_MAX_REMOVALS is an error too, as the running bot would hold that reload.
 */
import { loadConfigOrExit } from '../config.ts';
import { servedFactIds } from '../store/served-facts.ts';
import { loadKnowledge } from './load.ts';
import { formatProblem } from './problems.ts';
import { summarize } from './summary.ts';

async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const allowRemovals = argv.includes('--allow-removals');
  const config = await loadConfigOrExit();
  const dir = argv.find((arg) => !arg.startsWith('--')) ?? config.KNOWLEDGE_DIR;
  const result = await loadKnowledge(dir);
  const summary = result.ok ? summarize(result.snapshot) : undefined;
  const served = result.ok ? servedFactIds(config.DATA_DIR) : undefined;
  const removed = result.ok && served ? [...served].filter((id) => !result.snapshot.factById.has(id)).sort() : [];
  const tooMany = removed.length > config.RELOAD_MAX_REMOVALS && !allowRemovals;
  const errors = result.ok ? [] : result.errors;
  const ok = result.ok && !tooMany;

  if (json) {
    const report = { ok, dir, errors, warnings: result.warnings, removedFromServed: removed, summary: summary ?? null };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return ok ? 0 : 1;
  }

  for (const problem of [...errors, ...result.warnings]) process.stdout.write(`${formatProblem(problem)}\n`);
  if (!summary) {
    process.stdout.write(`\n${dir}: ${errors.length} error(s), ${result.warnings.length} warning(s). The knowledge was not loaded.\n`);
    return 1;
  }
  if (removed.length > 0) {
    const verdict = tooMany
      ? `error: this would remove ${removed.length} fact(s) the bot serves (more than RELOAD_MAX_REMOVALS=${config.RELOAD_MAX_REMOVALS}); the bot will hold the reload until /kb reload confirm:true. Restore the file(s), or pass --allow-removals if the removal is meant.`
      : `note: this removes ${removed.length} fact(s) the bot serves.`;
    process.stdout.write(`${verdict}\n${removed.slice(0, 20).map((id) => `  - ${id}`).join('\n')}${removed.length > 20 ? `\n  … and ${removed.length - 20} more` : ''}\n`);
  }
  const kinds = Object.entries(summary.factsByKind).map(([kind, count]) => `${kind} ${count}`).join(', ');
  process.stdout.write(
    [
      '',
      `${dir}: ${ok ? 'OK' : 'valid, but it removes served facts'}, version ${summary.version}, ${result.warnings.length} warning(s)`,
      `facts: ${summary.facts} (${kinds})`,
      `countries and blocs covered: ${summary.countriesCovered} (${summary.countryCodes.join(' ')})`,
      `sources: ${summary.sources} (${summary.sourcesCited} cited)`,
      '',
    ].join('\n'),
  );
  return ok ? 0 : 1;
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
