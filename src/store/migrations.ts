import type Database from 'better-sqlite3';

/**
 * Schema changes, applied in order, each in its own transaction, with the reached version kept in
 * `PRAGMA user_version`. Never edit a released migration: add a new one with the next version.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'queries, answers and helpful/unhelpful votes',
    up(db) {
      db.exec(`
        CREATE TABLE queries (
          id         INTEGER PRIMARY KEY,
          at         TEXT NOT NULL,
          command    TEXT NOT NULL,
          text       TEXT NOT NULL,
          normalized TEXT NOT NULL,
          outcome    TEXT NOT NULL CHECK (outcome IN ('answered', 'no-answer', 'error'))
        ) STRICT;
        CREATE INDEX queries_outcome_at ON queries (outcome, at);
        CREATE INDEX queries_at ON queries (at);

        CREATE TABLE answers (
          id          TEXT PRIMARY KEY,
          at          TEXT NOT NULL,
          command     TEXT NOT NULL,
          query       TEXT NOT NULL,
          top_fact_id TEXT
        ) STRICT;
        CREATE INDEX answers_at ON answers (at);

        -- No foreign key to answers: a vote may arrive for an answer given before the store existed.
        CREATE TABLE votes (
          answer_id TEXT NOT NULL,
          user_id   TEXT NOT NULL,
          helpful   INTEGER NOT NULL CHECK (helpful IN (0, 1)),
          at        TEXT NOT NULL,
          PRIMARY KEY (answer_id, user_id)
        ) STRICT;
        CREATE INDEX votes_at ON votes (at);
      `);
    },
  },
];

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

export function schemaVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Brings the database up to the latest version; returns the versions before and after. */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration "${migration.description}" has version ${migration.version}, expected ${index + 1}.`);
    }
  });
  const latest = latestVersion(migrations);
  const from = schemaVersion(db);
  if (from > latest) {
    throw new Error(`The database schema is version ${from}, newer than this code knows (${latest}).`);
  }
  for (const migration of migrations.slice(from)) {
    // IMMEDIATE takes the write lock before re-reading the version, so two processes starting
    // together cannot both apply the same migration.
    db.transaction(() => {
      if (schemaVersion(db) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { from, to: schemaVersion(db) };
}
