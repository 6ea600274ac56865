/**
 * What `npm run kb:check [dir] [--json] [--allow-removals] [--stale-after-days N] [--today YYYY-MM-DD]`
 * does (the command itself is check-cli.ts): validates a knowledge folder the way the bot does at
 * start and on reload, prints every problem as `file:line:col message` and a summary; exit 1 on
 * errors. When the bot's store (DATA_DIR) records what it serves, an edit that would remove more
 * facts than RELOAD_MAX_REMOVALS is an error too, as the running bot would hold that reload.
 * A staleness section follows (end dates passed without follow-up, restrictions not confirmed for
 * STALE_AFTER_DAYS, mirror sources): information for moderators, never an error, and it does not
 * change the exit code.
 */
import type { Config } from '../config.ts';
import { cut } from '../text/cut.ts';
import { findStale, type StaleReport } from '../moderation/staleness.ts';
import { staleLines, staleSummary } from '../moderation/stale-answer.ts';
import { isValidPartialDate, toIsoDay } from './dates.ts';
import { loadKnowledge } from './load.ts';
import { servedFactIds } from '../store/served-facts.ts';
import { formatProblem } from './problems.ts';
import { summarize } from './summary.ts';

export interface CheckIo {
  readonly write: (text: string) => void;
  readonly config: Pick<Config, 'KNOWLEDGE_DIR' | 'DATA_DIR' | 'RELOAD_MAX_REMOVALS' | 'STALE_AFTER_DAYS'>;
  readonly now: Date;
}

interface CheckArgs {
  readonly dir: string;
  readonly json: boolean;
  readonly allowRemovals: boolean;
  readonly staleAfterDays: number;
  readonly today: string;
}

/** Exit code 2 with a message for options it cannot read; otherwise 0 (loaded) or 1 (errors). */
export async function runCheck(argv: readonly string[], io: CheckIo): Promise<number> {
  const args = parseArgs(argv, io);
  if (typeof args === 'string') {
    io.write(`kb:check: ${args}\n`);
    return 2;
  }
  const { config } = io;
  const result = await loadKnowledge(args.dir, io.now);
  const summary = result.ok ? summarize(result.snapshot) : undefined;
  const served = result.ok ? servedFactIds(config.DATA_DIR) : undefined;
  const removed = result.ok && served ? [...served].filter((id) => !result.snapshot.factById.has(id)).sort() : [];
  const tooMany = removed.length > config.RELOAD_MAX_REMOVALS && !args.allowRemovals;
  const errors = result.ok ? [] : result.errors;
  const ok = result.ok && !tooMany;
  const stale = result.ok ? findStale(result.snapshot, { today: args.today, staleAfterDays: args.staleAfterDays }) : undefined;

  if (args.json) {
    const report = { ok, dir: args.dir, errors, warnings: result.warnings, removedFromServed: removed, summary: summary ?? null, stale: stale ?? null };
    io.write(`${JSON.stringify(report, null, 2)}\n`);
    return ok ? 0 : 1;
  }

  for (const problem of [...errors, ...result.warnings]) io.write(`${formatProblem(problem)}\n`);
  if (!summary || !stale) {
    io.write(`\n${args.dir}: ${errors.length} error(s), ${result.warnings.length} warning(s). The knowledge was not loaded.\n`);
    return 1;
  }
  if (removed.length > 0) {
    const verdict = tooMany
      ? `error: this would remove ${removed.length} fact(s) the bot serves (more than RELOAD_MAX_REMOVALS=${config.RELOAD_MAX_REMOVALS}); the bot will hold the reload until /kb reload confirm:true. Restore the file(s), or pass --allow-removals if the removal is meant.`
      : `note: this removes ${removed.length} fact(s) the bot serves.`;
    io.write(
      `${verdict}\n${removed
        .slice(0, 20)
        .map((id) => `  - ${id}`)
        .join('\n')}${removed.length > 20 ? `\n  … and ${removed.length - 20} more` : ''}\n`,
    );
  }
  const kinds = Object.entries(summary.factsByKind)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  io.write(
    [
      '',
      `${args.dir}: ${ok ? 'OK' : 'valid, but it removes served facts'}, version ${summary.version}, ${result.warnings.length} warning(s)`,
      `facts: ${summary.facts} (${kinds})`,
      `countries and blocs covered: ${summary.countriesCovered} (${summary.countryCodes.join(' ')})`,
      `sources: ${summary.sources} (${summary.sourcesCited} cited)`,
      '',
      ...staleSection(stale),
      '',
    ].join('\n'),
  );
  return ok ? 0 : 1;
}

function staleSection(report: StaleReport): string[] {
  const lines = staleLines(report);
  const block = (heading: string, rows: readonly string[]) => (rows.length > 0 ? [heading, ...rows.map((row) => `  ${row}`)] : []);
  return [
    `staleness (not errors): ${staleSummary(report)}`,
    ...block('end date passed, no follow-up (add a newer fact, or a statusAsOf after the date):', lines.endPassed),
    ...block(`restrictions not confirmed for over ${report.staleAfterDays} days:`, lines.old),
    ...block('mirror sources (cite the original publisher if you can):', lines.mirrors),
  ];
}

function parseArgs(argv: readonly string[], io: CheckIo): CheckArgs | string {
  let dir: string | undefined;
  let json = false;
  let allowRemovals = false;
  let staleAfterDays: string | undefined;
  let today = toIsoDay(io.now);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split(/=(.*)/s, 2) as [string, string]) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--json') json = true;
    else if (flag === '--allow-removals') allowRemovals = true;
    else if (flag === '--stale-after-days') staleAfterDays = value();
    else if (flag === '--today') today = value() ?? '';
    else if (arg.startsWith('--')) return `unknown option ${cut(arg, 40)}; options are --json, --allow-removals, --stale-after-days N, --today YYYY-MM-DD`;
    else if (dir === undefined) dir = arg;
    else return `one knowledge folder at a time (got ${dir} and ${cut(arg, 80)})`;
  }
  const days = staleAfterDays === undefined ? io.config.STALE_AFTER_DAYS : Number(staleAfterDays);
  if (!Number.isInteger(days) || days < 1 || days > 3650) return `--stale-after-days must be a whole number of days from 1 to 3650, not '${cut(String(staleAfterDays), 20)}'`;
  if (today.length !== 10 || !isValidPartialDate(today)) return `--today must be a date written YYYY-MM-DD, not '${cut(today, 20)}'`;
  return { dir: dir ?? io.config.KNOWLEDGE_DIR, json, allowRemovals, staleAfterDays: days, today };
}
