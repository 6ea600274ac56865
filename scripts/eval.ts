/**
 * `npm run eval`: asks every question of an eval set in-process, exactly as `npm run ask -- --json`
 * does (the same runLine on the same knowledge), with a fixed clock, and reports how the answers
 * score against the set's expectations. It is a report, not a test: it exits 0 whatever it finds.
 *
 *   npm run eval                                  test/eval/questions.yaml, clock = the set's `now`
 *   npm run eval -- --set /path/to/other.yaml     another set of the same shape
 *   npm run eval -- --now 2026-12-03              another clock (relative dates, statuses by date)
 *   npm run -s eval -- --json                     one JSON document: summary and every question
 *
 * Exit 2 when the arguments are wrong or the set file is malformed (each problem as file:line:col);
 * exit 1 when the knowledge cannot be loaded.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigOrExit } from '../src/config.ts';
import { loadIndexOrExit } from '../src/console/knowledge.ts';
import { runLine } from '../src/console/run-line.ts';
import { formatProblem } from '../src/knowledge/problems.ts';
import { isRealDay, readQuestionSet } from './eval/set-file.ts';
import { renderJson, renderText } from './eval/report.ts';
import { scoreQuestion, summarize, type QuestionResult } from './eval/scoring.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_SET = path.join(ROOT, 'test', 'eval', 'questions.yaml');

interface Options {
  readonly set: string;
  readonly now?: string;
  readonly json: boolean;
}

function usage(message: string): never {
  process.stderr.write(`eval: ${message}\nusage: npm run eval -- [--set FILE] [--now YYYY-MM-DD] [--json]\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Options {
  let set = DEFAULT_SET;
  let now: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
    if (flag === '--json') json = true;
    else if (flag === '--set') set = path.resolve(value());
    else if (flag === '--now') now = value();
    else usage(`unknown argument ${arg}`);
  }
  if (now !== undefined && !isRealDay(now)) usage(`--now must be a real day written YYYY-MM-DD, got ${now}`);
  return { set, json, ...(now !== undefined ? { now } : {}) };
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseArgs(argv);
  const loaded = await readQuestionSet(options.set);
  const shownFile = path.relative(process.cwd(), options.set) || options.set;
  if (!loaded.ok) {
    process.stderr.write(`eval: the set ${shownFile} is malformed:\n`);
    for (const problem of loaded.problems) process.stderr.write(`${formatProblem({ ...problem, file: shownFile })}\n`);
    process.exit(2);
  }
  const day = options.now ?? loaded.set.now;
  // Noon UTC, so that the day is the same day in every time zone the answer code might use.
  const now = new Date(`${day}T12:00:00Z`);
  const config = await loadConfigOrExit();
  const index = await loadIndexOrExit(config.KNOWLEDGE_DIR);

  const results: QuestionResult[] = [];
  for (const entry of loaded.set.questions) {
    const answer = await runLine(entry.question.trim(), { index, now });
    results.push(scoreQuestion(entry, answer));
  }
  const summary = summarize(results);
  const info = { set: shownFile, now: day, kbVersion: index.snapshot.version };
  process.stdout.write(options.json ? renderJson(info, results, summary) : renderText(info, results, summary));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`eval failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
