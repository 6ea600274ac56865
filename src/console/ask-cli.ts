/**
 * `npm run ask -- "<question or /command options>"` answers once; `--json` prints the Answer
 * exactly. With no question it reads one per line from standard input and prints one JSON line
 * (or one text block) per answer, in order.
 */
import { createInterface } from 'node:readline';
import { loadConfigOrExit } from '../config.ts';
import { renderText } from '../render/text.ts';
import { loadIndexOrExit } from './knowledge.ts';
import { runLine } from './run-line.ts';

async function main(argv: readonly string[]): Promise<void> {
  const json = argv.includes('--json');
  const question = argv.filter((arg) => arg !== '--json').join(' ').trim();
  const config = await loadConfigOrExit();
  const index = await loadIndexOrExit(config.KNOWLEDGE_DIR);
  const print = async (line: string) => {
    const answer = await runLine(line, { index, now: new Date() });
    process.stdout.write(json ? `${JSON.stringify(answer)}\n` : `${renderText(answer)}\n\n`);
  };

  if (question !== '') {
    await print(question);
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) await print(line);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`ask failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
