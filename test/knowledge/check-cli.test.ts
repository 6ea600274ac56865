import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { Store } from '../../src/store/store.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const BASE = path.resolve(import.meta.dirname, '../fixtures/knowledge/base');
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function checkCli(knowledge: string, dataDir: string, ...flags: string[]) {
  return spawnSync(TSX, ['src/knowledge/check-cli.ts', knowledge, ...flags], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, RELOAD_MAX_REMOVALS: '3', DISCORD_TOKEN: '' },
    timeout: 60_000,
  });
}

const TOPIC = `facts:\n${[1, 2, 3, 4, 5]
  .map(
    (n) =>
      `  - id: served-topic-${n}\n    kind: background\n    title: Served topic fact ${n}\n    summary: A fact the bot serves.\n    date: 2024\n    countries: [AU]\n    citations:\n      - source: usgs-mcs-2025\n`,
  )
  .join('\n')}`;

describe('npm run kb:check against what the bot serves', () => {
  it('fails when an edit would remove more served facts than RELOAD_MAX_REMOVALS, and passes with --allow-removals', async () => {
    const knowledge = tempDir('kb-check-');
    cpSync(BASE, knowledge, { recursive: true });
    writeFileSync(path.join(knowledge, 'topic.yaml'), TOPIC);
    const dataDir = tempDir('kb-check-data-');
    const loaded = await loadKnowledge(knowledge);
    if (!loaded.ok) throw new Error('fixture knowledge must load');
    const store = Store.open(dataDir);
    store.changes.record(loaded.snapshot, new Date('2026-12-01T00:00:00Z'));
    store.close();

    expect(checkCli(knowledge, dataDir).status).toBe(0);

    unlinkSync(path.join(knowledge, 'topic.yaml'));
    const held = checkCli(knowledge, dataDir);
    expect(held.status).toBe(1);
    expect(held.stdout).toMatch(/error: this would remove 5 fact\(s\) the bot serves \(more than RELOAD_MAX_REMOVALS=3\)/);
    expect(held.stdout).toContain('  - served-topic-1');

    const allowed = checkCli(knowledge, dataDir, '--allow-removals');
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toMatch(/note: this removes 5 fact\(s\) the bot serves/);
  });

  it('has nothing to compare with when the data folder holds no store', () => {
    const result = checkCli(BASE, tempDir('kb-check-empty-'));
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/the bot serves/);
  });
});
