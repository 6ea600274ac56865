import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { citationsOf, type CitationRef } from '../answer/answer.ts';
import type { Fact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';

/**
 * Change tracking for digests. On every load the bot compares each fact with what it last saw:
 * per fact id a content hash, first seen, last changed and removed at (`fact_state`), and one row
 * per change (`fact_changes`) keeping the fact before and after, so a digest can say what changed.
 */
export interface FactRecord {
  readonly fact: Fact;
  /** Resolved when recorded, so a removed fact's sources can be shown after they are gone too. */
  readonly citations: readonly CitationRef[];
}

export type ChangeKind = 'added' | 'updated' | 'removed';

/** The net change of one fact over a period: first `before` and last `after` of its rows. */
export interface FactChange {
  readonly factId: string;
  readonly change: ChangeKind;
  readonly at: string;
  readonly before?: FactRecord;
  readonly after?: FactRecord;
}

export interface RecordResult {
  /** True on the very first load: every fact is the starting point, none is reported as new. */
  readonly baseline: boolean;
  readonly added: number;
  readonly updated: number;
  readonly removed: number;
}

interface StateRow {
  fact_id: string;
  hash: string;
  removed_at: string | null;
}

interface ChangeRow {
  fact_id: string;
  at: string;
  change: ChangeKind;
  before: string | null;
  after: string | null;
}

const VERSION_KEY = 'recorded_knowledge_version';
const PREPARE_SLICE = 10_000;

/** What `prepare` found: the facts that may need writing, and the ids no longer served. */
interface Prepared {
  readonly generation: number;
  readonly candidates: readonly Fact[];
  readonly gone: readonly string[];
}

export class ChangeLog {
  readonly #db: Database.Database;
  readonly #state;
  readonly #recordOf;
  readonly #insertState;
  readonly #updateState;
  readonly #markRemoved;
  readonly #insertChange;
  readonly #changesBetween;
  readonly #getMeta;
  readonly #setMeta;
  /** fact_state's hashes, read once: this log is the table's only writer in the bot. */
  #known: Map<string, StateRow> | undefined;
  /** Bumped whenever `#known` changes, so a comparison prepared before it is not trusted after. */
  #generation = 0;
  readonly #prepared = new WeakMap<Snapshot, Prepared>();

  constructor(db: Database.Database) {
    this.#db = db;
    // Records are read only for the facts that changed: most of a reload is unchanged.
    this.#state = db.prepare<[], StateRow>('SELECT fact_id, hash, removed_at FROM fact_state');
    this.#recordOf = db.prepare<[string], { record: string }>('SELECT record FROM fact_state WHERE fact_id = ?');
    this.#insertState = db.prepare<[string, string, string, string, string]>(
      'INSERT INTO fact_state (fact_id, hash, first_seen, last_changed, removed_at, record) VALUES (?, ?, ?, ?, NULL, ?)',
    );
    this.#updateState = db.prepare<[string, string, string, string]>('UPDATE fact_state SET hash = ?, last_changed = ?, removed_at = NULL, record = ? WHERE fact_id = ?');
    this.#markRemoved = db.prepare<[string, string]>('UPDATE fact_state SET removed_at = ? WHERE fact_id = ?');
    this.#insertChange = db.prepare<[string, string, ChangeKind, string | null, string | null]>(
      'INSERT INTO fact_changes (fact_id, at, change, before, after) VALUES (?, ?, ?, ?, ?)',
    );
    this.#changesBetween = db.prepare<[string, string], ChangeRow>('SELECT fact_id, at, change, before, after FROM fact_changes WHERE at > ? AND at <= ? ORDER BY id');
    this.#getMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.#setMeta = db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  /**
   * Compares the snapshot with the recorded state and records what changed, in one transaction.
   * The recorded hashes are kept in memory after the first call, and a snapshot loaded by the
   * reload worker comes with its facts' hashes (`rememberRecordHashes`), so a reload at 100k facts
   * compares in memory and serialises only the facts that changed.
   */
  record(snapshot: Snapshot, at: Date): RecordResult {
    try {
      return this.#db.transaction((): RecordResult => this.#compare(snapshot, at))();
    } catch (error) {
      // Rolled back: what is in memory may have run ahead of the table.
      this.#known = undefined;
      this.#generation++;
      throw error;
    }
  }

  /**
   * Compares a snapshot about to be served with the recorded hashes a slice at a time (awaiting
   * `pause` between slices), so that `record` then only writes what changed and does not walk
   * 100k facts in one turn. Needs the snapshot's precomputed hashes; without them it does nothing.
   */
  async prepare(snapshot: Snapshot, pause: () => Promise<void>): Promise<void> {
    const hashes = precomputedHashes.get(snapshot);
    if (!hashes) return;
    this.#known ??= new Map(this.#state.all().map((row) => [row.fact_id, row]));
    const known = this.#known;
    const generation = this.#generation;
    const candidates: Fact[] = [];
    const gone: string[] = [];
    for (let start = 0; start < snapshot.facts.length; start += PREPARE_SLICE) {
      for (const fact of snapshot.facts.slice(start, start + PREPARE_SLICE)) {
        const row = known.get(fact.id);
        if (!row || row.removed_at !== null || row.hash !== hashes.get(fact.id)) candidates.push(fact);
      }
      await pause();
      if (this.#generation !== generation) return;
    }
    const rows = [...known.values()];
    for (let start = 0; start < rows.length; start += PREPARE_SLICE) {
      for (const row of rows.slice(start, start + PREPARE_SLICE)) if (row.removed_at === null && !snapshot.factById.has(row.fact_id)) gone.push(row.fact_id);
      await pause();
      if (this.#generation !== generation) return;
    }
    this.#prepared.set(snapshot, { generation, candidates, gone });
  }

  #compare(snapshot: Snapshot, at: Date): RecordResult {
    // The same knowledge version was compared already (a restart, an unchanged reload).
    if (this.#getMeta.get(VERSION_KEY)?.value === snapshot.version) return { baseline: false, added: 0, updated: 0, removed: 0 };
    const iso = at.toISOString();
    this.#known ??= new Map(this.#state.all().map((row) => [row.fact_id, row]));
    const known = this.#known;
    const hashes = precomputedHashes.get(snapshot);
    const baseline = known.size === 0;
    const prepared = this.#prepared.get(snapshot);
    const fresh = prepared?.generation === this.#generation ? prepared : undefined;
    this.#generation++;
    let added = 0;
    let updated = 0;
    let removed = 0;
    for (const fact of fresh?.candidates ?? snapshot.facts) {
      const row = known.get(fact.id);
      const precomputed = hashes?.get(fact.id);
      if (precomputed !== undefined && row && row.removed_at === null && row.hash === precomputed) continue;
      const record = recordOf(fact, snapshot);
      const hash = contentHash(record);
      if (row && row.removed_at === null && row.hash === hash) continue;
      if (!row) {
        this.#insertState.run(fact.id, hash, iso, iso, record);
        if (!baseline) {
          this.#insertChange.run(fact.id, iso, 'added', null, record);
          added += 1;
        }
      } else if (row.removed_at !== null) {
        this.#updateState.run(hash, iso, record, fact.id);
        this.#insertChange.run(fact.id, iso, 'added', null, record);
        added += 1;
      } else {
        this.#insertChange.run(fact.id, iso, 'updated', this.#previous(fact.id), record);
        this.#updateState.run(hash, iso, record, fact.id);
        updated += 1;
      }
      known.set(fact.id, { fact_id: fact.id, hash, removed_at: null });
    }
    const goneRows = fresh ? fresh.gone.flatMap((id) => known.get(id) ?? []) : known.values();
    for (const row of goneRows) {
      if (row.removed_at !== null || snapshot.factById.has(row.fact_id)) continue;
      this.#markRemoved.run(iso, row.fact_id);
      this.#insertChange.run(row.fact_id, iso, 'removed', this.#previous(row.fact_id), null);
      known.set(row.fact_id, { ...row, removed_at: iso });
      removed += 1;
    }
    this.#setMeta.run(VERSION_KEY, snapshot.version);
    return { baseline, added, updated, removed };
  }

  #previous(factId: string): string | null {
    return this.#recordOf.get(factId)?.record ?? null;
  }

  /**
   * The net change of each fact after `from` and up to `to` (ISO times): a fact added then removed
   * in the period is not reported, nor one edited and then put back as it was.
   */
  changesBetween(from: string, to: string): FactChange[] {
    const merged = new Map<string, { first: ChangeRow; last: ChangeRow }>();
    for (const row of this.#changesBetween.all(from, to)) {
      const seen = merged.get(row.fact_id);
      if (seen) seen.last = row;
      else merged.set(row.fact_id, { first: row, last: row });
    }
    const changes: FactChange[] = [];
    for (const [factId, { first, last }] of merged) {
      const before = first.before === null ? undefined : (JSON.parse(first.before) as FactRecord);
      const after = last.after === null ? undefined : (JSON.parse(last.after) as FactRecord);
      if (!before && !after) continue;
      if (before && after && canonical(before) === canonical(after)) continue;
      const change: ChangeKind = !before ? 'added' : !after ? 'removed' : 'updated';
      changes.push({ factId, change, at: last.at, ...(before ? { before } : {}), ...(after ? { after } : {}) });
    }
    return changes;
  }
}

/** What is kept of a fact: the fact and the sources it cites, as JSON. */
export function recordOf(fact: Fact, snapshot: Snapshot): string {
  return JSON.stringify({ fact, citations: citationsOf(fact, snapshot) } satisfies FactRecord);
}

/** The hash `record` compares a fact by; the reload worker computes it beside the snapshot. */
export function recordHashOf(fact: Fact, snapshot: Snapshot): string {
  return contentHash(recordOf(fact, snapshot));
}

const precomputedHashes = new WeakMap<Snapshot, ReadonlyMap<string, string>>();

/** Hashes worked out off the event loop for this snapshot's facts (by fact id), for `record` to use. */
export function rememberRecordHashes(snapshot: Snapshot, hashes: ReadonlyMap<string, string>): void {
  precomputedHashes.set(snapshot, hashes);
}

/**
 * Of the fact and the sources it cites (a corrected source URL is a change to the facts citing
 * it). Validation gives facts a fixed key order, so plain JSON is stable; were it ever to differ
 * without a change of content, changesBetween drops the no-op by comparing canonical JSON.
 */
function contentHash(record: string): string {
  return createHash('sha256').update(record).digest('hex').slice(0, 32);
}

/** JSON with keys sorted, so the same content always hashes the same whatever the key order in YAML. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
