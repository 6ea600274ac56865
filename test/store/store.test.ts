import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, StoreError } from '../../src/store/database.ts';
import { latestVersion, migrate, type Migration } from '../../src/store/migrations.ts';
import { normalizeQuery, Store } from '../../src/store/store.ts';
import { MAX_QUERY_CHARS } from '../../src/text/query-cap.ts';

const DAY_MS = 86_400_000;
let dir: string;
const opened: Store[] = [];

/** A store on a real file in the temp dir, with a clock the test moves by hand. */
function openStore(start = '2025-06-01T12:00:00.000Z') {
  const clock = { now: new Date(start) };
  const store = Store.open(dir, () => clock.now);
  opened.push(store);
  const advanceDays = (days: number) => {
    clock.now = new Date(clock.now.getTime() + days * DAY_MS);
  };
  return { store, clock, advanceDays };
}

function count(sql: string, ...params: string[]): number {
  const db = new Database(path.join(dir, 'rare-earth-bot.sqlite'), { readonly: true });
  try {
    return (db.prepare<string[], { n: number }>(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reb-store-'));
});

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('opening and migrations', () => {
  it('creates the folder and file from nothing, at the latest schema, in WAL mode, with every table', () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const db = openDatabase(dataDir);
    try {
      expect(fs.existsSync(path.join(dataDir, 'rare-earth-bot.sqlite'))).toBe(true);
      expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
      expect(latestVersion()).toBeGreaterThanOrEqual(1);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      const tables = db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .all()
        .map((row) => row.name);
      expect(tables).toEqual(expect.arrayContaining(['answers', 'queries', 'votes']));
    } finally {
      db.close();
    }
  });

  it('keeps data across a restart and does not re-run migrations', () => {
    const first = openStore();
    first.store.recordQuery({ command: 'ask', text: 'Who mines dysprosium?', outcome: 'no-answer' });
    first.store.close();

    const second = openStore();
    expect(second.store.gaps(7)).toEqual([{ query: 'Who mines dysprosium?', count: 1, lastAsked: '2025-06-01T12:00:00.000Z' }]);
    expect(count('SELECT user_version AS n FROM pragma_user_version')).toBe(latestVersion());
  });

  it('refuses a database written by a newer version', () => {
    const file = path.join(dir, 'rare-earth-bot.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${latestVersion() + 1}`);
    db.close();

    const error = errorOf(() => openDatabase(dir));
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toContain(file);
    expect((error as StoreError).message).toMatch(/newer version|knows only up to/);
  });

  it('refuses a file of garbage bytes, naming the file', () => {
    const file = path.join(dir, 'rare-earth-bot.sqlite');
    fs.writeFileSync(file, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256)));

    const error = errorOf(() => openDatabase(dir));
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toContain(file);
    expect((error as StoreError).message).toMatch(/not a SQLite database/);
    // The bad file is left alone for the operator to inspect.
    expect(fs.readFileSync(file).length).toBe(4096);
  });

  it('reports a data folder that cannot be created', () => {
    const regularFile = path.join(dir, 'not-a-folder');
    fs.writeFileSync(regularFile, 'x');
    const dataDir = path.join(regularFile, 'data');

    const error = errorOf(() => Store.open(dataDir));
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toContain(dataDir);
    expect((error as StoreError).message).toMatch(/not writable.*DATA_DIR/);
  });

  it('applies each migration in a transaction: a failing one leaves the previous version intact', () => {
    const migrations: Migration[] = [
      { version: 1, description: 'one', up: (db) => db.exec('CREATE TABLE one (x INTEGER)') },
      {
        version: 2,
        description: 'broken',
        up: (db) => {
          db.exec('CREATE TABLE two (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    const db = new Database(':memory:');
    try {
      expect(() => migrate(db, migrations)).toThrow('boom');
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      const names = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'").all();
      expect(names.map((row) => row.name)).toEqual(['one']);

      const fixed: Migration[] = [migrations[0]!, { version: 2, description: 'fixed', up: (d) => d.exec('CREATE TABLE two (x INTEGER)') }];
      expect(migrate(db, fixed)).toEqual({ from: 1, to: 2 });
      expect(migrate(db, fixed)).toEqual({ from: 2, to: 2 });
    } finally {
      db.close();
    }
  });
});

describe('votes', () => {
  it('records, changes, leaves unchanged, and keeps one row per answer and user', () => {
    const { store } = openStore();
    store.recordAnswer({ id: '111', command: 'ask', query: 'quotas', topFactId: 'cn-quota' });

    expect(store.vote({ answerId: '111', userId: 'u1', helpful: true })).toBe('recorded');
    expect(store.vote({ answerId: '111', userId: 'u1', helpful: false })).toBe('changed');
    expect(store.vote({ answerId: '111', userId: 'u1', helpful: false })).toBe('unchanged');
    expect(store.vote({ answerId: '111', userId: 'u2', helpful: false })).toBe('recorded');
    // An answer from before the store existed still takes a vote.
    expect(store.vote({ answerId: '999', userId: 'u1', helpful: true })).toBe('recorded');

    expect(count("SELECT count(*) AS n FROM votes WHERE answer_id = '111' AND user_id = 'u1'")).toBe(1);
    expect(count("SELECT helpful AS n FROM votes WHERE answer_id = '111' AND user_id = 'u1'")).toBe(0);
    expect(count('SELECT count(*) AS n FROM votes')).toBe(3);
  });

  it('recordAnswer is idempotent', () => {
    const { store } = openStore();
    store.recordAnswer({ id: '111', command: 'ask', query: 'quotas', topFactId: null });
    store.recordAnswer({ id: '111', command: 'ask', query: 'quotas', topFactId: null });
    expect(count('SELECT count(*) AS n FROM answers')).toBe(1);
  });
});

describe('reports', () => {
  it('gaps groups differently written versions of a question and orders by count, then recency', () => {
    const { store, advanceDays } = openStore();
    store.recordQuery({ command: 'ask', text: 'Kazakstan bananas?', outcome: 'no-answer' });
    store.recordQuery({ command: 'ask', text: 'lithium in Peru', outcome: 'no-answer' });
    advanceDays(1);
    store.recordQuery({ command: 'ask', text: 'gallium prices', outcome: 'no-answer' });
    store.recordQuery({ command: 'ask', text: 'kazakstan  bananas', outcome: 'no-answer' });
    store.recordQuery({ command: 'ask', text: 'China export quotas', outcome: 'answered' });
    store.recordQuery({ command: 'ask', text: 'China export quotas', outcome: 'error' });

    expect(store.gaps(7)).toEqual([
      { query: 'kazakstan  bananas', count: 2, lastAsked: '2025-06-02T12:00:00.000Z' },
      { query: 'gallium prices', count: 1, lastAsked: '2025-06-02T12:00:00.000Z' },
      { query: 'lithium in Peru', count: 1, lastAsked: '2025-06-01T12:00:00.000Z' },
    ]);
    expect(store.gaps(7, 1)).toHaveLength(1);
    // Only the last `days` days count.
    advanceDays(1.5);
    expect(store.gaps(1)).toEqual([]);
    // Same count, same time: alphabetical, so the report is stable.
    expect(store.gaps(2).map((row) => [row.query, row.count])).toEqual([
      ['gallium prices', 1],
      ['kazakstan  bananas', 1],
    ]);
  });

  it('normalizes case, inner whitespace and punctuation at the ends only', () => {
    expect(normalizeQuery('  Kazakstan\tBananas?! ')).toBe('kazakstan bananas');
    expect(normalizeQuery('"U.S. rare-earth"')).toBe('u.s. rare-earth');
  });

  it('unhelpful orders by unhelpful votes and leaves out answers with only helpful votes', () => {
    const { store, advanceDays } = openStore();
    store.recordAnswer({ id: 'a1', command: 'ask', query: 'quotas', topFactId: 'cn-quota' });
    store.recordAnswer({ id: 'a2', command: 'ask', query: 'quotas', topFactId: 'cn-quota' });
    store.recordAnswer({ id: 'b', command: 'country', query: 'Myanmar', topFactId: null });
    store.recordAnswer({ id: 'c', command: 'ask', query: 'gallium', topFactId: 'ga-ban' });
    store.recordAnswer({ id: 'old', command: 'ask', query: 'old one', topFactId: null });
    store.vote({ answerId: 'old', userId: 'u1', helpful: false });
    advanceDays(10);

    store.vote({ answerId: 'a1', userId: 'u1', helpful: false });
    store.vote({ answerId: 'a2', userId: 'u2', helpful: false });
    store.vote({ answerId: 'a2', userId: 'u3', helpful: true });
    store.vote({ answerId: 'b', userId: 'u1', helpful: false });
    store.vote({ answerId: 'c', userId: 'u1', helpful: true });
    store.vote({ answerId: 'c', userId: 'u2', helpful: true });

    expect(store.unhelpful(7)).toEqual([
      { command: 'ask', query: 'quotas', topFactId: 'cn-quota', unhelpful: 2, helpful: 1 },
      { command: 'country', query: 'Myanmar', topFactId: null, unhelpful: 1, helpful: 0 },
    ]);
    expect(store.unhelpful(30)).toHaveLength(3);
    expect(store.unhelpful(7, 1)).toHaveLength(1);
  });
});

describe('retention', () => {
  it('prune removes only rows older than the retention period and returns the counts', () => {
    const { store, advanceDays } = openStore();
    store.recordQuery({ command: 'ask', text: 'old question', outcome: 'answered' });
    store.recordQuery({ command: 'ask', text: 'old gap', outcome: 'no-answer' });
    store.recordAnswer({ id: 'old', command: 'ask', query: 'old question', topFactId: null });
    store.vote({ answerId: 'old', userId: 'u1', helpful: true });
    advanceDays(50);
    store.recordQuery({ command: 'ask', text: 'new gap', outcome: 'no-answer' });
    store.recordAnswer({ id: 'new', command: 'ask', query: 'new question', topFactId: null });
    store.vote({ answerId: 'new', userId: 'u1', helpful: false });

    advanceDays(40); // the first rows are 90 days old, the others 40
    expect(store.prune(90)).toEqual({ queries: 0, answers: 0, votes: 0, deliveries: 0 });
    advanceDays(0.001);
    expect(store.prune(90)).toEqual({ queries: 2, answers: 1, votes: 1, deliveries: 0 });
    expect(store.prune(90)).toEqual({ queries: 0, answers: 0, votes: 0, deliveries: 0 });

    expect(count('SELECT count(*) AS n FROM queries')).toBe(1);
    expect(count("SELECT count(*) AS n FROM answers WHERE id = 'new'")).toBe(1);
    expect(count("SELECT count(*) AS n FROM votes WHERE answer_id = 'new'")).toBe(1);
    expect(store.gaps(365).map((row) => row.query)).toEqual(['new gap']);
  });
});

describe('recordQuery', () => {
  it('caps the stored text and keeps the outcome and time', () => {
    const { store } = openStore();
    store.recordQuery({ command: 'ask', text: `${'x'.repeat(MAX_QUERY_CHARS + 200)}`, outcome: 'no-answer' });
    store.recordQuery({ command: 'ask', text: '🦀'.repeat(MAX_QUERY_CHARS + 1), outcome: 'error' });

    expect(count("SELECT length(text) AS n FROM queries WHERE outcome = 'no-answer'")).toBe(MAX_QUERY_CHARS);
    // length() counts characters, so an emoji cut mid-pair would show up here.
    expect(count("SELECT length(text) AS n FROM queries WHERE outcome = 'error'")).toBe(MAX_QUERY_CHARS);
    expect(count("SELECT count(*) AS n FROM queries WHERE at = '2025-06-01T12:00:00.000Z'")).toBe(2);
  });
});
