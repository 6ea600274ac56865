import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.ts';
import { cliOutput, OutputClosed } from '../../src/cli-output.ts';
import { answerLines } from '../../src/console/answer-lines.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { SearchIndex } from '../../src/search/search-index.ts';

/**
 * `npm run ask` into a pipe whose reader is slower than the answers: the next question is read
 * only once the last answer is out, so what waits in memory is one answer, never the batch.
 */
const BASE = path.resolve(import.meta.dirname, '../fixtures/knowledge/base');

async function fixtureIndex(): Promise<SearchIndex> {
  const result = await loadKnowledge(BASE);
  if (!result.ok) throw new Error('fixture knowledge does not load');
  return new SearchIndex(result.snapshot);
}

/** A reader that takes each chunk a turn of the event loop later, recording how much was waiting. */
function slowReader(): { stream: Writable; chunks: string[]; mostWaitingBytes: () => number } {
  const chunks: string[] = [];
  let mostWaiting = 0;
  const stream: Writable = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      mostWaiting = Math.max(mostWaiting, stream.writableLength);
      chunks.push(chunk.toString('utf8'));
      setImmediate(done);
    },
  });
  return { stream, chunks, mostWaitingBytes: () => mostWaiting };
}

describe('npm run ask into a slow pipe', () => {
  it('writes every answer in order while never holding more than the one being written', async () => {
    const index = await fixtureIndex();
    const questions = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? `who restricts dysprosium ${i}` : '/help'));
    const reader = slowReader();
    await answerLines(questions, { index, json: true, out: cliOutput(reader.stream), errors: reader.stream });

    const answers = reader.chunks.map((chunk) => JSON.parse(chunk) as Answer);
    expect(answers.map((answer) => answer.command)).toEqual(questions.map((question) => (question === '/help' ? 'help' : 'ask')));
    const largestAnswer = Math.max(...reader.chunks.map((chunk) => Buffer.byteLength(chunk)));
    expect(reader.mostWaitingBytes()).toBeLessThanOrEqual(largestAnswer);
  });

  it('stops reading questions once the reader has gone', async () => {
    const index = await fixtureIndex();
    let read = 0;
    function* questions(): Generator<string> {
      for (;;) {
        read++;
        yield 'who restricts dysprosium';
      }
    }
    const gone = new Writable({
      write(_chunk, _encoding, done) {
        const error: NodeJS.ErrnoException = new Error('write EPIPE');
        error.code = 'EPIPE';
        done(error);
      },
    });
    await expect(answerLines(questions(), { index, json: true, out: cliOutput(gone), errors: gone })).rejects.toBeInstanceOf(OutputClosed);
    expect(read).toBeLessThanOrEqual(2);
  });
});
