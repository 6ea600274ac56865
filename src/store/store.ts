import type Database from 'better-sqlite3';
import { ChangeLog } from './change-log.ts';
import { openDatabase } from './database.ts';
import { SubscriptionStore } from './subscriptions.ts';
import { capQuery } from '../text/query-cap.ts';

/**
 * What the bot remembers: query text, outcome and time (never user names), the answers it gave,
 * and helpful/unhelpful votes (the only place a user id is kept: one vote per user per answer).
 */
export type Outcome = 'answered' | 'no-answer' | 'error';
export interface GapRow {
  readonly query: string;
  readonly count: number;
  /** ISO time. */
  readonly lastAsked: string;
}
export interface FeedbackRow {
  readonly command: string;
  readonly query: string;
  readonly topFactId: string | null;
  readonly unhelpful: number;
  readonly helpful: number;
}
export type VoteResult = 'recorded' | 'changed' | 'unchanged';

const DAY_MS = 86_400_000;

/** The grouping key: "Kazakstan bananas?" and " kazakstan  bananas" are the same question. */
export function normalizeQuery(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');
}

export class Store {
  /** Fact change tracking, for digests. */
  readonly changes: ChangeLog;
  readonly subscriptions: SubscriptionStore;
  readonly #db: Database.Database;
  readonly #now: () => Date;
  readonly #insertQuery;
  readonly #insertAnswer;
  readonly #findVote;
  readonly #insertVote;
  readonly #updateVote;
  readonly #gaps;
  readonly #unhelpful;
  readonly #pruneQueries;
  readonly #pruneAnswers;
  readonly #pruneVotes;
  readonly #pruneDeliveries;
  readonly #voteTx;
  readonly #pruneTx;

  constructor(db: Database.Database, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#now = now;
    this.changes = new ChangeLog(db);
    this.subscriptions = new SubscriptionStore(db, now);
    this.#insertQuery = db.prepare<[string, string, string, string, Outcome]>('INSERT INTO queries (at, command, text, normalized, outcome) VALUES (?, ?, ?, ?, ?)');
    this.#insertAnswer = db.prepare<[string, string, string, string, string | null]>('INSERT OR IGNORE INTO answers (id, at, command, query, top_fact_id) VALUES (?, ?, ?, ?, ?)');
    this.#findVote = db.prepare<[string, string], { helpful: number }>('SELECT helpful FROM votes WHERE answer_id = ? AND user_id = ?');
    this.#insertVote = db.prepare<[string, string, number, string]>('INSERT INTO votes (answer_id, user_id, helpful, at) VALUES (?, ?, ?, ?)');
    this.#updateVote = db.prepare<[number, string, string, string]>('UPDATE votes SET helpful = ?, at = ? WHERE answer_id = ? AND user_id = ?');
    // `text` next to max(at) is SQLite's "bare column": it comes from the latest row, so the
    // report shows the most recent wording of each group.
    this.#gaps = db.prepare<[string, number], GapRow>(`
      SELECT text AS query, count(*) AS count, max(at) AS lastAsked
      FROM queries
      WHERE outcome = 'no-answer' AND at >= ?
      GROUP BY normalized
      ORDER BY count DESC, lastAsked DESC, normalized
      LIMIT ?`);
    // Inner join: a vote on an answer the store never saw has no command or query to report.
    this.#unhelpful = db.prepare<[string, number], FeedbackRow>(`
      SELECT a.command AS command, a.query AS query, a.top_fact_id AS topFactId,
             sum(v.helpful = 0) AS unhelpful, sum(v.helpful = 1) AS helpful
      FROM votes v JOIN answers a ON a.id = v.answer_id
      WHERE v.at >= ?
      GROUP BY a.command, a.query, a.top_fact_id
      HAVING unhelpful > 0
      ORDER BY unhelpful DESC, helpful ASC, max(v.at) DESC
      LIMIT ?`);
    this.#pruneQueries = db.prepare<[string]>('DELETE FROM queries WHERE at < ?');
    this.#pruneAnswers = db.prepare<[string]>('DELETE FROM answers WHERE at < ?');
    this.#pruneVotes = db.prepare<[string]>('DELETE FROM votes WHERE at < ?');
    // Finished posts only: a pending one is still needed to finish it without double posting.
    this.#pruneDeliveries = db.prepare<[string]>("DELETE FROM deliveries WHERE state <> 'pending' AND created_at < ?");

    this.#voteTx = db.transaction((answerId: string, userId: string, helpful: number, at: string): VoteResult => {
      const existing = this.#findVote.get(answerId, userId);
      if (existing === undefined) {
        this.#insertVote.run(answerId, userId, helpful, at);
        return 'recorded';
      }
      if (existing.helpful === helpful) return 'unchanged';
      this.#updateVote.run(helpful, at, answerId, userId);
      return 'changed';
    });
    this.#pruneTx = db.transaction((cutoff: string) => ({
      queries: this.#pruneQueries.run(cutoff).changes,
      answers: this.#pruneAnswers.run(cutoff).changes,
      votes: this.#pruneVotes.run(cutoff).changes,
      deliveries: this.#pruneDeliveries.run(cutoff).changes,
    }));
  }

  /** Opens (creating and migrating if needed) the store file in `dataDir`; throws StoreError. */
  static open(dataDir: string, now?: () => Date): Store {
    return new Store(openDatabase(dataDir), now);
  }

  recordQuery(entry: { command: string; text: string; outcome: Outcome }): void {
    const text = capQuery(entry.text);
    this.#insertQuery.run(this.#iso(), entry.command, text, normalizeQuery(text), entry.outcome);
  }

  /** `id` is the Discord interaction id of the answer; recording it twice keeps the first. */
  recordAnswer(entry: { id: string; command: string; query: string; topFactId: string | null }): void {
    this.#insertAnswer.run(entry.id, this.#iso(), entry.command, capQuery(entry.query), entry.topFactId);
  }

  /** One vote per user per answer: a second vote replaces the first. */
  vote(entry: { answerId: string; userId: string; helpful: boolean }): VoteResult {
    return this.#voteTx(entry.answerId, entry.userId, entry.helpful ? 1 : 0, this.#iso());
  }

  /** Unanswered questions of the last `days` days, most asked first (ties: most recently asked). */
  gaps(days: number, limit = 20): GapRow[] {
    return this.#gaps.all(this.#daysAgo(days), limit);
  }

  /** Answers voted on in the last `days` days with at least one unhelpful vote, worst first. */
  unhelpful(days: number, limit = 20): FeedbackRow[] {
    return this.#unhelpful.all(this.#daysAgo(days), limit);
  }

  /** Deletes every row older than `retentionDays`; returns how many of each went. */
  prune(retentionDays: number): { queries: number; answers: number; votes: number; deliveries: number } {
    return this.#pruneTx(this.#daysAgo(retentionDays));
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #iso(): string {
    return this.#now().toISOString();
  }

  #daysAgo(days: number): string {
    return new Date(this.#now().getTime() - days * DAY_MS).toISOString();
  }
}
