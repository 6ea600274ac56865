import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { latestVersion, migrate, schemaVersion } from './migrations.ts';

/** A start-up failure of the data store, worded for whoever runs the bot: which file, and what to do. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

const BUSY_TIMEOUT_MS = 5_000;

/** Opens (creating if needed) the SQLite store in `dataDir` and migrates it to the latest schema. */
export function openDatabase(dataDir: string, fileName = 'rare-earth-bot.sqlite'): Database.Database {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (error) {
    throw new StoreError(`The data folder ${dataDir} is not writable: ${errorCode(error)}. Set DATA_DIR to a writable folder.`, { cause: error });
  }

  const file = path.join(dataDir, fileName);
  checkWritable(file);
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    checkIntegrity(db, file);
    const version = schemaVersion(db);
    if (version > latestVersion()) {
      throw new StoreError(
        `The data store ${file} has schema version ${version}, but this version of the bot knows only up to ` +
          `${latestVersion()}. Run a newer version of the bot, or set DATA_DIR to another folder.`,
      );
    }
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError(explain(file, error), { cause: error });
  }
}

/**
 * SQLite opens a file this user may not write (another owner, mode 444) read-only without a word,
 * and the first write then fails far from here, naming no file. So the files are checked first.
 */
function checkWritable(file: string): void {
  for (const candidate of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.accessSync(candidate, fs.constants.W_OK);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') continue;
      throw new StoreError(readOnlyMessage(candidate, errorCode(error)), { cause: error });
    }
  }
}

function readOnlyMessage(file: string, code: string): string {
  return (
    `The data store ${file} is read-only for the user running the bot (${code}). Give that user write access to it ` +
    `and to its folder (for example chown, or chmod u+w on both), or set DATA_DIR to a writable folder.`
  );
}

function checkIntegrity(db: Database.Database, file: string): void {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const problems = rows.map((row) => row.quick_check).filter((result) => result !== 'ok');
  if (problems.length > 0) {
    throw new StoreError(`The data store ${file} is damaged (${problems.slice(0, 3).join('; ')}). Move it aside or delete it to start a new one.`);
  }
}

function explain(file: string, error: unknown): string {
  const code = errorCode(error);
  if (code === 'SQLITE_NOTADB') {
    return `The data store ${file} is not a SQLite database (corrupt?). Move it aside or delete it to start a new one.`;
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return `The data store ${file} is damaged (${code}). Move it aside or delete it to start a new one.`;
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return `The data store ${file} is locked (${code}): is another copy of the bot running? Stop it, or set DATA_DIR to another folder.`;
  }
  if (code.startsWith('SQLITE_READONLY')) return readOnlyMessage(file, code);
  if (/^SQLITE_(CANTOPEN|PERM|IOERR|FULL)/.test(code)) {
    return `The data store ${file} cannot be opened for writing (${code}). Check the permissions and free space of it and its folder, or set DATA_DIR to a writable folder.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `The data store ${file} could not be opened: ${message}`;
}

/** The error code of a node or SQLite error (SQLITE_BUSY, EACCES), else its message. */
export function errorCode(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
