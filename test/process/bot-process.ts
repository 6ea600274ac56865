import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * The bot as an operator runs it: a real child process (npm, the shell, node), its pino lines
 * read from stderr, and the whole process tree visible, so a test can signal it the way a
 * supervisor or a terminal does and then check that nothing is left behind.
 */
export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface BotProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly logs: readonly LogLine[];
  /** Everything written to stderr that is not a log line (start-up refusals, crashes). */
  readonly stderrText: () => string;
  readonly exited: Promise<Exit>;
  waitForLog(predicate: (line: LogLine) => boolean, description: string, timeoutMs?: number): Promise<LogLine>;
  /** Pids of this process and every descendant, now. */
  tree(): number[];
}

/**
 * Starts `command` in its own process group (as a terminal or a supervisor would), so that the
 * group can be signalled as a whole.
 */
export function spawnBot(command: readonly string[], env: Readonly<Record<string, string>>): BotProcess {
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, { cwd: ROOT, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: LogLine[] = [];
  let other = '';
  let pending = '';
  const waiters: Array<() => void> = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const parsed = parseLogLine(line);
      if (parsed) logs.push(parsed);
      else other += `${line}\n`;
    }
    for (const wake of waiters.splice(0)) wake();
  });
  child.stdout?.resume();
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  void exited.then(() => {
    for (const wake of waiters.splice(0)) wake();
  });
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  return {
    child,
    pid: child.pid as number,
    logs,
    stderrText: () => other + pending,
    exited,
    async waitForLog(predicate, description, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = logs.find(predicate);
        if (found) return found;
        if (hasExited) throw new Error(`the bot exited before logging ${description}; stderr:\n${other}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no log line ${description} within ${timeoutMs} ms; stderr:\n${other}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 1_000));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    tree: () => descendants(child.pid as number),
  };
}

function parseLogLine(line: string): LogLine | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as unknown;
    if (typeof value === 'object' && value !== null && 'msg' in value && typeof value.msg === 'string') return value as LogLine;
  } catch {
    // not a log line
  }
  return undefined;
}

/** The process and everything below it, from the process table. */
export function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((row) => row.trim().split(/\s+/).map(Number) as [number, number]);
  const found = [pid];
  for (let i = 0; i < found.length; i++) for (const [child, parent] of table) if (parent === found[i]) found.push(child);
  return found;
}

/** Running (a zombie, exited but not yet reaped by its parent, counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .startsWith('Z');
  } catch {
    return false;
  }
}

/**
 * Clean-up after a test: SIGKILL whatever of the given pids still runs, and the process group of
 * each bot (spawnBot gives every bot its own), which also reaches children orphaned by a dead npm.
 * The test started them all.
 */
export function killAll(pids: readonly number[], groups: readonly number[] = []): void {
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // the group is gone
    }
  }
  for (const pid of pids) {
    if (!isAlive(pid)) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
