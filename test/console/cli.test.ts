import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function runAsk(args: readonly string[], input?: string) {
  const result = spawnSync(TSX, ['src/console/ask-cli.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, DISCORD_TOKEN: '', KNOWLEDGE_DIR: 'knowledge' },
    timeout: 60_000,
  });
  return result;
}

describe('npm run ask (one-shot and stdin modes, as a process)', () => {
  it('prints exactly one Answer as JSON for one question', () => {
    const result = runAsk(['--json', '/country name:Kazakhstan']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0] as string) as Answer;
    expect(Object.keys(answer)).toEqual(expect.arrayContaining(['query', 'command', 'status', 'answers', 'suggestions', 'kbVersion']));
    expect(answer.command).toBe('country');
    expect(answer.status).toBe('answered');
    expect(answer.answers[0]?.citations[0]?.url).toMatch(/^https?:\/\//);
  });

  it('reads one question per line from stdin and answers each in order', () => {
    const questions = ['/market-share stage:refining', 'asdkjh qwe zzxv', '/source id:no-such-id', '/restrictions country:PRC material:dysprosium'];
    const result = runAsk(['--json'], `${questions.join('\n')}\n`);
    expect(result.status).toBe(0);
    const answers = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Answer);
    expect(answers.map((answer) => [answer.command, answer.status])).toEqual([
      ['market-share', 'answered'],
      ['ask', 'no-answer'],
      ['source', 'error'],
      ['restrictions', 'answered'],
    ]);
  });

  it('prints text with numbered footnotes carrying URLs without --json', () => {
    const result = runAsk(['who restricts dysprosium exports?']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^1\. .+\[1\]/m);
    expect(result.stdout).toMatch(/^ {2}\[1\] .+ https?:\/\/\S+$/m);
  });
});
