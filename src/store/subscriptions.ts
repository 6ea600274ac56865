import type Database from 'better-sqlite3';
import type { DigestFilters } from '../digest/digest.ts';
import type { Schedule } from '../digest/schedule.ts';
import type { FactKind } from '../knowledge/schema.ts';

/**
 * Digest subscriptions and their deliveries. A delivery is recorded before anything is sent (the
 * intent, with the rendered messages), and each message id is recorded in the same transaction
 * that, for the last message, marks the post done; so after a restart the store says exactly
 * which messages of a post still have to go out.
 */
export type SubscriptionStatus = 'active' | 'failing' | 'disabled';

/** What /digest subscribe asks for. */
export interface NewSubscription {
  readonly guildId: string;
  readonly channelId: string;
  readonly schedule: Schedule;
  readonly filters: DigestFilters;
  readonly postWhenEmpty: boolean;
  readonly createdBy: string;
}

/** A stored subscription: what was asked for, and how its posts have gone. */
export interface Subscription extends NewSubscription {
  readonly id: number;
  readonly createdAt: string;
  /** End of the period covered by the last successful post. */
  readonly lastPostAt: string | null;
  /** Slots at or before this time have been handled (posted, skipped as empty, or failed). */
  readonly checkedUntil: string;
  readonly status: SubscriptionStatus;
  readonly failures: number;
  readonly lastError: string | null;
}

/** One message of a post, as JSON (the Discord payload). */
export type DeliveryPart = Readonly<Record<string, unknown>>;

export interface Delivery {
  readonly id: number;
  readonly subscriptionId: number;
  readonly slot: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly parts: readonly DeliveryPart[];
  /** One per part: the Discord message id once sent, null before. */
  readonly messageIds: readonly (string | null)[];
  readonly state: 'pending' | 'sent' | 'abandoned';
  readonly createdAt: string;
}

/** Consecutive failures after which a subscription is disabled until someone subscribes again. */
export const MAX_FAILURES = 3;

interface SubscriptionRow {
  id: number;
  guild_id: string;
  channel_id: string;
  schedule: string;
  cron: string;
  timezone: string;
  countries: string;
  materials: string;
  kinds: string;
  post_when_empty: number;
  created_by: string;
  created_at: string;
  last_post_at: string | null;
  checked_until: string;
  status: SubscriptionStatus;
  failures: number;
  last_error: string | null;
}

interface DeliveryRow {
  id: number;
  subscription_id: number;
  slot: string;
  period_start: string;
  period_end: string;
  parts: string;
  message_ids: string;
  state: Delivery['state'];
  created_at: string;
}

export class SubscriptionStore {
  readonly #db: Database.Database;
  readonly #now: () => Date;

  constructor(db: Database.Database, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#now = now;
  }

  create(input: NewSubscription): Subscription {
    const at = this.#now().toISOString();
    const result = this.#db
      .prepare<[string, string, string, string, string, string, string, string, number, string, string, string]>(
        `INSERT INTO subscriptions (guild_id, channel_id, schedule, cron, timezone, countries, materials, kinds,
           post_when_empty, created_by, created_at, checked_until, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active')`,
      )
      .run(
        input.guildId,
        input.channelId,
        input.schedule.label,
        input.schedule.cron,
        input.schedule.timezone,
        JSON.stringify(input.filters.countries),
        JSON.stringify(input.filters.materials),
        JSON.stringify(input.filters.kinds),
        input.postWhenEmpty ? 1 : 0,
        input.createdBy,
        at,
        at,
      );
    return this.get(Number(result.lastInsertRowid)) as Subscription;
  }

  get(id: number): Subscription | undefined {
    const row = this.#db.prepare<[number], SubscriptionRow>('SELECT * FROM subscriptions WHERE id = ?').get(id);
    return row ? subscriptionOf(row) : undefined;
  }

  /** A guild's subscriptions, or every one when no guild is given; oldest first. */
  list(guildId?: string): Subscription[] {
    const rows =
      guildId === undefined
        ? this.#db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY id').all()
        : this.#db.prepare<[string], SubscriptionRow>('SELECT * FROM subscriptions WHERE guild_id = ? ORDER BY id').all(guildId);
    return rows.map(subscriptionOf);
  }

  /** Removes a guild's subscription (and its deliveries); false when the guild has no such id. */
  remove(guildId: string, id: number): boolean {
    return this.#db.prepare<[number, string]>('DELETE FROM subscriptions WHERE id = ? AND guild_id = ?').run(id, guildId).changes > 0;
  }

  /** A slot was handled without a post (nothing to say and post-when-empty off). */
  markChecked(id: number, until: string): void {
    this.#db.prepare<[string, number]>('UPDATE subscriptions SET checked_until = max(checked_until, ?) WHERE id = ?').run(until, id);
  }

  pendingDelivery(subscriptionId: number): Delivery | undefined {
    const row = this.#db.prepare<[number], DeliveryRow>("SELECT * FROM deliveries WHERE subscription_id = ? AND state = 'pending' ORDER BY id LIMIT 1").get(subscriptionId);
    return row ? deliveryOf(row) : undefined;
  }

  pendingDeliveries(): Delivery[] {
    return this.#db.prepare<[], DeliveryRow>("SELECT * FROM deliveries WHERE state = 'pending' ORDER BY id").all().map(deliveryOf);
  }

  delivery(id: number): Delivery | undefined {
    const row = this.#db.prepare<[number], DeliveryRow>('SELECT * FROM deliveries WHERE id = ?').get(id);
    return row ? deliveryOf(row) : undefined;
  }

  /**
   * Records the intent to post: the rendered parts (`render` gets the delivery id, which the
   * messages carry so they can be recognised after a restart). Undefined when this slot already
   * has a delivery: a slot is posted at most once.
   */
  beginDelivery(input: {
    subscriptionId: number;
    slot: string;
    periodStart: string;
    periodEnd: string;
    /** For a scheduled slot: the slot is handled as of this time, in the same transaction. */
    checkedUntil?: string;
    render: (deliveryId: number) => readonly DeliveryPart[];
  }): Delivery | undefined {
    return this.#db.transaction((): Delivery | undefined => {
      if (input.checkedUntil !== undefined) this.markChecked(input.subscriptionId, input.checkedUntil);
      const inserted = this.#db
        .prepare<[number, string, string, string, string]>(
          `INSERT OR IGNORE INTO deliveries (subscription_id, slot, period_start, period_end, parts, message_ids, state, created_at)
           VALUES (?, ?, ?, ?, '[]', '[]', 'pending', ?)`,
        )
        .run(input.subscriptionId, input.slot, input.periodStart, input.periodEnd, this.#now().toISOString());
      if (inserted.changes === 0) return undefined;
      const id = Number(inserted.lastInsertRowid);
      const parts = input.render(id);
      this.#db
        .prepare<[string, string, number]>('UPDATE deliveries SET parts = ?, message_ids = ? WHERE id = ?')
        .run(JSON.stringify(parts), JSON.stringify(parts.map(() => null)), id);
      return this.delivery(id);
    })();
  }

  /**
   * Records that part `index` was posted as `messageId`. When it was the last part missing, the
   * delivery is done in the same transaction: the subscription's period moves on and its failures
   * are cleared. Returns the delivery as it now is.
   */
  recordPart(deliveryId: number, index: number, messageId: string): Delivery {
    return this.#db.transaction((): Delivery => {
      const delivery = this.delivery(deliveryId);
      if (!delivery) throw new Error(`no delivery ${deliveryId}`);
      const ids = [...delivery.messageIds];
      ids[index] = messageId;
      this.#db.prepare<[string, number]>('UPDATE deliveries SET message_ids = ? WHERE id = ?').run(JSON.stringify(ids), deliveryId);
      if (ids.every((id) => id !== null) && delivery.state === 'pending') {
        const at = this.#now().toISOString();
        this.#db.prepare<[string, number]>("UPDATE deliveries SET state = 'sent', finished_at = ? WHERE id = ?").run(at, deliveryId);
        this.#db
          .prepare<[string, string, number]>(
            `UPDATE subscriptions SET last_post_at = ?, checked_until = max(checked_until, ?), status = 'active', failures = 0, last_error = NULL
             WHERE id = ?`,
          )
          .run(delivery.periodEnd, delivery.periodEnd, delivery.subscriptionId);
      }
      return this.delivery(deliveryId) as Delivery;
    })();
  }

  /**
   * Counts a failed post. The subscription is "failing" until it reaches MAX_FAILURES in a row,
   * then "disabled" (its unfinished post abandoned); `reason` is what /digest list shows.
   */
  recordFailure(subscriptionId: number, reason: string, checkedUntil: string): Subscription | undefined {
    return this.#db.transaction((): Subscription | undefined => {
      this.#db
        .prepare<[number, string, string, number]>(
          `UPDATE subscriptions SET failures = failures + 1,
             status = CASE WHEN failures + 1 >= ? THEN 'disabled' ELSE 'failing' END,
             last_error = ?, checked_until = max(checked_until, ?)
           WHERE id = ?`,
        )
        .run(MAX_FAILURES, reason, checkedUntil, subscriptionId);
      const subscription = this.get(subscriptionId);
      if (subscription?.status === 'disabled') {
        this.#db
          .prepare<[string, number]>("UPDATE deliveries SET state = 'abandoned', finished_at = ? WHERE subscription_id = ? AND state = 'pending'")
          .run(this.#now().toISOString(), subscriptionId);
      }
      return subscription;
    })();
  }
}

function subscriptionOf(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    schedule: { label: row.schedule, cron: row.cron, timezone: row.timezone },
    filters: {
      countries: JSON.parse(row.countries) as string[],
      materials: JSON.parse(row.materials) as string[],
      kinds: JSON.parse(row.kinds) as FactKind[],
    },
    postWhenEmpty: row.post_when_empty === 1,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastPostAt: row.last_post_at,
    checkedUntil: row.checked_until,
    status: row.status,
    failures: row.failures,
    lastError: row.last_error,
  };
}

function deliveryOf(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    slot: row.slot,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    parts: JSON.parse(row.parts) as DeliveryPart[],
    messageIds: JSON.parse(row.message_ids) as (string | null)[],
    state: row.state,
    createdAt: row.created_at,
  };
}
