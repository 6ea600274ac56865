import { COMMANDS } from '../../commands/index.ts';
import type { CommandContext } from '../../commands/types.ts';
import { errorAnswer, type Answer } from '../answer/answer.ts';
import { capQuery } from '../text/query-cap.ts';
import { parseCommandLine } from './parse-command.ts';

/** One console line (slash syntax or bare text) to the Answer the same Discord command gives. */
export async function runLine(line: string, context: CommandContext): Promise<Answer> {
  const parsed = parseCommandLine(line, COMMANDS);
  if (!parsed.ok) return errorAnswer(parsed.command ?? 'unknown', capQuery(line), context.index.snapshot, parsed.message, parsed.suggestions);
  return await parsed.command.run(parsed.options, context);
}
