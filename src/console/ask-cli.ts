/**
 * `npm run ask -- "<question or /command options>"` answers once; `--json` prints the Answer
 * exactly. With no question it reads one per line from standard input and prints one JSON line
 * (or one text block) per answer, in order. `--out DIR` also writes each answer's chart (the PNG
 * the bot attaches on Discord) to DIR and prints its path: after the text, or on stderr with
 * `--json`, so that standard output stays one Answer per line.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { cliOutput, OutputClosed } from '../cli-output.ts';
import { loadConfigOrExit } from '../config.ts';
import { answerLines } from './answer-lines.ts';
import { chartFiles, type ChartFiles } from './chart-files.ts';
import { loadIndexOrExit } from './knowledge.ts';

const USAGE = 'usage: npm run ask -- [--json] [--out DIR] ["question or /command options"]   (no question: one per line from stdin)';

interface CliOptions {
  readonly json: boolean;
  readonly outDir?: string;
  readonly question: string;
}

/** Unknown flags and a flag without its value are mistakes, said so, not read as words of the question. */
function readArgs(argv: readonly string[]): CliOptions {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { json: { type: 'boolean', default: false }, out: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.out !== undefined && values.out.trim() === '') throw new Error('--out needs a folder, for example --out charts');
    return { json: values.json, question: positionals.join(' ').trim(), ...(values.out ? { outDir: values.out } : {}) };
  } catch (error) {
    process.stderr.write(`ask: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(2);
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const options = readArgs(argv);
  const config = await loadConfigOrExit();
  const index = await loadIndexOrExit(config.KNOWLEDGE_DIR);
  const charts: ChartFiles | undefined = options.outDir ? await chartFiles(options.outDir) : undefined;
  const lines = options.question !== '' ? [options.question] : createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    const { chartFailures } = await answerLines(lines, { index, json: options.json, out: cliOutput(process.stdout), errors: process.stderr, ...(charts ? { charts } : {}) });
    if (chartFailures > 0) process.exitCode = 1;
  } catch (error) {
    if (!(error instanceof OutputClosed)) throw error;
    // `| head -1` has all it wanted: stop reading questions and end without a word.
    process.stdin.destroy();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`ask failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
