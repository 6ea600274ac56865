/**
 * `npm run ask -- "<question or /command options>"` answers once; `--json` prints the Answer
 * exactly. With no question it reads one per line from standard input and prints one JSON line
 * (or one text block) per answer, in order. `--out DIR` also writes each answer's chart (the PNG
 * the bot attaches on Discord) to DIR and prints its path: after the text, or on stderr with
 * `--json`, so that standard output stays one Answer per line.
 */
import { createInterface } from 'node:readline';
import { loadConfigOrExit } from '../config.ts';
import { renderText } from '../render/text.ts';
import { chartFiles, type ChartFiles } from './chart-files.ts';
import { loadIndexOrExit } from './knowledge.ts';
import { runLine } from './run-line.ts';

interface CliOptions {
  readonly json: boolean;
  readonly outDir?: string;
  readonly question: string;
}

function parseArgs(argv: readonly string[]): CliOptions {
  let json = false;
  let outDir: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--out' || arg.startsWith('--out=')) {
      outDir = arg === '--out' ? argv[++i] : arg.slice('--out='.length);
      if (!outDir) {
        process.stderr.write('ask: --out needs a folder, for example --out charts\n');
        process.exit(2);
      }
    } else words.push(arg);
  }
  return { json, question: words.join(' ').trim(), ...(outDir ? { outDir } : {}) };
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseArgs(argv);
  const config = await loadConfigOrExit();
  const index = await loadIndexOrExit(config.KNOWLEDGE_DIR);
  const charts: ChartFiles | undefined = options.outDir ? await chartFiles(options.outDir) : undefined;
  const print = async (line: string) => {
    const now = new Date();
    const answer = await runLine(line, { index, now });
    process.stdout.write(options.json ? `${JSON.stringify(answer)}\n` : `${renderText(answer)}\n\n`);
    if (!charts) return;
    try {
      const file = await charts.write(answer, { snapshot: index.snapshot, now });
      if (file) (options.json ? process.stderr : process.stdout).write(`chart: ${file}\n${options.json ? '' : '\n'}`);
    } catch (error) {
      process.stderr.write(`ask: could not write the chart for "${line.trim().slice(0, 80)}": ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  };

  if (options.question !== '') {
    await print(options.question);
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) await print(line);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`ask failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
