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
  {
    version: 2,
    description: 'digests: fact change tracking, subscriptions and deliveries',
    up(db) {
      db.exec(`
        -- The state of every fact id ever loaded; "record" is the fact as last seen (JSON), so a
        -- removed fact can still be described and an updated one compared.
        CREATE TABLE fact_state (
          fact_id      TEXT PRIMARY KEY,
          hash         TEXT NOT NULL,
          first_seen   TEXT NOT NULL,
          last_changed TEXT NOT NULL,
          removed_at   TEXT,
          record       TEXT NOT NULL
        ) STRICT;

        -- One row per change noticed on a load; a digest merges the rows of its period per fact.
        CREATE TABLE fact_changes (
          id      INTEGER PRIMARY KEY,
          fact_id TEXT NOT NULL,
          at      TEXT NOT NULL,
          change  TEXT NOT NULL CHECK (change IN ('added', 'updated', 'removed')),
          before  TEXT,
          after   TEXT
        ) STRICT;
        CREATE INDEX fact_changes_at ON fact_changes (at);

        CREATE TABLE meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE subscriptions (
          id              INTEGER PRIMARY KEY,
          guild_id        TEXT NOT NULL,
          channel_id      TEXT NOT NULL,
          schedule        TEXT NOT NULL,
          cron            TEXT NOT NULL,
          timezone        TEXT NOT NULL,
          countries       TEXT NOT NULL,
          materials       TEXT NOT NULL,
          kinds           TEXT NOT NULL,
          post_when_empty INTEGER NOT NULL CHECK (post_when_empty IN (0, 1)),
          created_by      TEXT NOT NULL,
          created_at      TEXT NOT NULL,
          last_post_at    TEXT,
          checked_until   TEXT NOT NULL,
          status          TEXT NOT NULL CHECK (status IN ('active', 'failing', 'disabled')),
          failures        INTEGER NOT NULL DEFAULT 0,
          last_error      TEXT
        ) STRICT;
        CREATE INDEX subscriptions_guild ON subscriptions (guild_id);

        -- A post in progress or done: its rendered parts are kept so that a post interrupted by a
        -- restart is finished with exactly the same messages, and each part's message id is
        -- recorded as soon as Discord returns it.
        CREATE TABLE deliveries (
          id              INTEGER PRIMARY KEY,
          subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
          slot            TEXT NOT NULL,
          period_start    TEXT NOT NULL,
          period_end      TEXT NOT NULL,
          parts           TEXT NOT NULL,
          message_ids     TEXT NOT NULL,
          state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'abandoned')),
          created_at      TEXT NOT NULL,
          finished_at     TEXT,
          UNIQUE (subscription_id, slot)
        ) STRICT;
        CREATE INDEX deliveries_pending ON deliveries (state) WHERE state = 'pending';
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
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
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
