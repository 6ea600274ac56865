import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.ts';
import { ROOT } from './bot-process.ts';

/**
 * A store file the bot's user may not write (left by another user, or mode 444) stops the start
 * with a message that names the file and says what to do, before the bot goes near Discord.
 * Root may write anything, so under root the bot runs as `nobody` (uid 65534).
 */
let dataDir = '';

afterEach(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a read-only data store', () => {
  it('stops the start naming the file and what to do', () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'read-only-'));
    Store.open(dataDir).close();
    const file = path.join(dataDir, 'rare-earth-bot.sqlite');
    chmodSync(file, 0o444);
    chmodSync(dataDir, 0o777);
    const otherUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      ...otherUser,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        HOME: dataDir,
        DISCORD_TOKEN: `FAKE_DISCORD_TOKEN.${'x'.repeat(24)}`,
        // Nothing listens there: reaching login would fail with a different message.
        DISCORD_API_URL: 'http://127.0.0.1:9/api',
        DATA_DIR: dataDir,
        KNOWLEDGE_DIR: 'knowledge',
        LOG_LEVEL: 'silent',
      },
    });
    expect(result.stderr).toContain(`rare-earth-bot: The data store ${file} is read-only for the user running the bot`);
    expect(result.stderr).toMatch(/Give that user write access to it and to its folder .*or set DATA_DIR to a writable folder\./);
    expect(result.status).toBe(1);
  });
});
