import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { errorCode, StoreError } from './database.ts';

/**
 * One bot per data folder: two bots on one store would both answer every interaction and record
 * every question twice. The lock is an open SQLite write transaction on `rare-earth-bot.lock`,
 * held for the life of the bot. SQLite takes it as an operating-system file lock, which the kernel
 * drops when the process ends however it ends, so a bot that was killed leaves no lock behind
 * that could block its restart, and a recycled pid (pid 1 in every container) cannot fake one.
 * The file also records who holds it, so that the refusal can name the other process.
 */
export const LOCK_FILE_NAME = 'rare-earth-bot.lock';

export interface DataLock {
  readonly file: string;
  release(): void;
}

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
}

/** Takes the data folder's lock, or throws a StoreError naming the folder and the process holding it. */
export function lockDataDir(dataDir: string): DataLock {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new StoreError(`The data folder ${dataDir} cannot be created: ${errorCode(error)}. Set DATA_DIR to a writable folder.`, { cause: error });
  }
  const file = path.join(dataDir, LOCK_FILE_NAME);
  let db: Database.Database;
  try {
    // No busy timeout: a lock that is held stays held; waiting would only delay the refusal.
    db = new Database(file, { timeout: 0 });
  } catch (error) {
    throw new StoreError(`The lock file ${file} cannot be opened (${errorCode(error)}). Check the permissions of the data folder, or set DATA_DIR to a writable folder.`, {
      cause: error,
    });
  }
  try {
    if (!tryBegin(db)) throw inUse(dataDir, db);
    db.exec('CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL, host TEXT NOT NULL, started_at TEXT NOT NULL)');
    db.prepare('INSERT OR REPLACE INTO holder (id, pid, host, started_at) VALUES (1, ?, ?, ?)').run(process.pid, os.hostname(), new Date().toISOString());
    db.exec('COMMIT');
    // Readers may still read the holder (a write transaction only keeps out other writers).
    if (!tryBegin(db)) throw inUse(dataDir, db);
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError(`The lock file ${file} cannot be written (${errorCode(error)}). Check the permissions of it and the data folder, or set DATA_DIR to a writable folder.`, {
      cause: error,
    });
  }
  let held = true;
  return {
    file,
    release() {
      if (!held) return;
      held = false;
      db.close();
    },
  };
}

/** False when another process holds the lock. */
function tryBegin(db: Database.Database): boolean {
  try {
    db.exec('BEGIN IMMEDIATE');
    return true;
  } catch (error) {
    if (/^SQLITE_(BUSY|LOCKED)/.test(errorCode(error))) return false;
    throw error;
  }
}

function inUse(dataDir: string, db: Database.Database): StoreError {
  const holder = readHolder(db);
  const who = holder ? `process ${holder.pid} on ${holder.host}, started ${holder.startedAt}` : 'another process';
  return new StoreError(`The data folder ${dataDir} is in use by another copy of the bot (${who}). ` + 'Stop that one first, or give this one its own DATA_DIR.');
}

function readHolder(db: Database.Database): Holder | undefined {
  try {
    const row = db.prepare('SELECT pid, host, started_at AS startedAt FROM holder WHERE id = 1').get() as Holder | undefined;
    return row;
  } catch {
    // The other process has not recorded itself yet.
    return undefined;
  }
}
