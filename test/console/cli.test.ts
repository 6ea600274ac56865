import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.ts';
import { pngInfo } from '../../src/charts/png.ts';

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
    const answers = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Answer);
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

  it('--out DIR writes the chart the bot would attach into DIR (created if missing) and prints its path', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ask-out-'));
    try {
      const dir = path.join(root, 'nested', 'charts');
      const result = runAsk(['--out', dir, '/market-share stage:mining']);
      expect(result.status).toBe(0);
      const file = /^chart: (.+\.png)$/m.exec(result.stdout)?.[1];
      expect(file).toBe(path.join(dir, 'market-share-mining-2024.png'));
      const png = readFileSync(file as string);
      expect(pngInfo(png)?.width).toBeGreaterThanOrEqual(800);
      expect(png.length).toBeLessThan(500 * 1024);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('--json --out keeps stdout one Answer per line and prints the paths on stderr, without overwriting a repeated chart', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ask-out-'));
    try {
      const questions = ['/restrictions country:China', '/help', '/country name:China', '/restrictions country:China'];
      const result = runAsk(['--json', `--out=${dir}`], `${questions.join('\n')}\n`);
      expect(result.status).toBe(0);
      const answers = result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Answer);
      expect(answers.map((answer) => answer.command)).toEqual(['restrictions', 'help', 'country', 'restrictions']);
      const paths = [...result.stderr.matchAll(/^chart: (.+)$/gm)].map((match) => match[1]);
      expect(paths).toEqual([path.join(dir, 'restrictions-concerning-china.png'), path.join(dir, 'country-china.png'), path.join(dir, 'restrictions-concerning-china-2.png')]);
      for (const file of paths) expect(existsSync(file as string)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Runs a CLI whose standard output is closed by its reader before anything is written (`| head -0`). */
function runIntoClosedPipe(script: string, args: readonly string[], input?: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [script, ...args], { cwd: ROOT, env: { ...process.env, DISCORD_TOKEN: '', KNOWLEDGE_DIR: 'knowledge' }, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('the command-line tools in a pipeline whose reader stops early (| head -1)', () => {
  it('npm run ask ends quietly, exit 0', async () => {
    const result = await runIntoClosedPipe('src/console/ask-cli.ts', ['--json'], 'who mines rare earths\n'.repeat(20_000));
    expect(result).toEqual({ code: 0, stderr: '' });
  });

  it('npm run kb:check ends quietly, with the verdict as its exit code', async () => {
    const result = await runIntoClosedPipe('src/knowledge/check-cli.ts', []);
    expect(result).toEqual({ code: 0, stderr: '' });
  });
});

describe('npm run ask flags', () => {
  it('refuses an unknown flag with the usage, instead of asking it as a question', () => {
    const result = runAsk(['--jsn', 'who mines rare earths']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/ask: Unknown option '--jsn'/);
    expect(result.stderr).toMatch(/usage: npm run ask -- \[--json\] \[--out DIR\]/);
  });

  it('refuses --out without a folder', () => {
    const result = runAsk(['--json', '--out']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--out/);
  });
});
