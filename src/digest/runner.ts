import type { Snapshot } from '../knowledge/snapshot.ts';
import type { ChangeLog } from '../store/change-log.ts';
import type { Delivery, DeliveryPart, Subscription, SubscriptionStore } from '../store/subscriptions.ts';
import { composeDigest } from './compose.ts';
import type { Digest } from './digest.ts';
import { nextSlot } from './schedule.ts';

/**
 * Decides when a subscription posts and sees each post through: compose, record the intent,
 * send the messages one by one recording each id, and count failures. Where the messages go is a
 * port (Discord in the bot, a fake in tests); how a digest becomes messages is a renderer.
 */
export type DeliveryFailureKind = 'access' | 'transient' | 'other';

/** A post that did not go through, classified by what can be done about it. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly kind: DeliveryFailureKind,
    readonly code?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface DigestPort {
  /** Posts one message and resolves with its id; rejects with a DeliveryError. */
  post(channelId: string, part: DeliveryPart, nonce: string): Promise<string>;
  /** Messages of delivery `deliveryId` already in the channel (by part index), posted after `since`. */
  findPosted(channelId: string, deliveryId: number, since: string): Promise<ReadonlyMap<number, string>>;
}

/** Turns a digest into messages; every message carries its mark so it can be found again. */
export type DigestRenderer = (digest: Digest, mark: { readonly subscriptionId: number; readonly deliveryId: number }) => readonly DeliveryPart[];

export interface DigestLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface RunnerDeps {
  readonly subscriptions: SubscriptionStore;
  readonly changes: ChangeLog;
  readonly snapshot: () => Snapshot;
  readonly port: DigestPort;
  readonly render: DigestRenderer;
  readonly now: () => Date;
  readonly log: DigestLog;
  /** Waits between retries of a server error (5xx); injected so tests do not wait. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly retryDelaysMs?: readonly number[];
  /** Told of every failed post: the bot tells the moderators' log channel. */
  readonly onFailure?: (subscription: Subscription, reason: string) => void;
}

export type RunOutcome =
  | { readonly kind: 'posted'; readonly deliveryId: number; readonly messageIds: readonly string[] }
  | { readonly kind: 'skipped-empty' }
  | { readonly kind: 'failed'; readonly reason: string; readonly status: Subscription['status'] }
  | { readonly kind: 'already-posted' }
  | { readonly kind: 'unknown' };

export interface SlotRun {
  readonly subscriptionId: number;
  readonly slot: string;
  readonly outcome: RunOutcome;
}

const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 15_000];
/** A job may wake a moment before its slot by the injected clock; this much early still counts. */
const EARLY_TOLERANCE_MS = 1_000;

export class DigestRunner {
  readonly #deps: RunnerDeps;
  /** One post at a time per subscription: a job firing during a catch-up waits for it. */
  readonly #queues = new Map<number, Promise<unknown>>();

  constructor(deps: RunnerDeps) {
    this.#deps = deps;
  }

  /** What the subscription would post now: the changes since its last post, filtered. */
  compose(subscription: Subscription, now: Date = this.#deps.now()): Digest {
    const from = subscription.lastPostAt ?? subscription.createdAt;
    return composeDigest({
      snapshot: this.#deps.snapshot(),
      changes: this.#deps.changes.changesBetween(from, now.toISOString()),
      filters: subscription.filters,
      from: new Date(from),
      to: now,
      timezone: subscription.schedule.timezone,
    });
  }

  /** The first slot not yet handled, due or not. */
  dueSlot(subscription: Subscription): Date | null {
    return nextSlot(subscription.schedule, new Date(subscription.checkedUntil));
  }

  /**
   * Posts every subscription (or one) whose next unhandled slot has come. After downtime that is
   * one post however many slots were missed: handling a slot marks everything up to now handled.
   */
  async runDue(onlyId?: number): Promise<SlotRun[]> {
    const now = this.#deps.now();
    const runs: SlotRun[] = [];
    const candidates = onlyId === undefined ? this.#deps.subscriptions.list() : [this.#deps.subscriptions.get(onlyId)].filter((s): s is Subscription => s !== undefined);
    for (const listed of candidates) {
      const outcome = await this.#serial(listed.id, async () => {
        // Read again inside the queue: a post that just finished has moved checkedUntil on.
        const subscription = this.#deps.subscriptions.get(listed.id);
        if (!subscription || subscription.status === 'disabled') return undefined;
        const slot = this.dueSlot(subscription);
        if (!slot || slot.getTime() > now.getTime() + EARLY_TOLERANCE_MS) return undefined;
        return { slot: slot.toISOString(), outcome: await this.#handleSlot(subscription, slot.toISOString(), now) };
      });
      if (outcome) runs.push({ subscriptionId: listed.id, ...outcome });
    }
    return runs;
  }

  /** Posts a subscription's digest now, outside its schedule (and also retries a disabled one). */
  sendNow(id: number): Promise<RunOutcome> {
    return this.#serial(id, async (): Promise<RunOutcome> => {
      const subscription = this.#deps.subscriptions.get(id);
      if (!subscription) return { kind: 'unknown' };
      const pending = this.#deps.subscriptions.pendingDelivery(id);
      if (pending) return this.#send(subscription, pending, this.#deps.now());
      const now = this.#deps.now();
      return this.#post(subscription, `now:${now.toISOString()}`, now, { force: true });
    });
  }

  /**
   * On start: a post cut short by a restart is finished. Messages already in the channel (found by
   * the delivery id they carry) are recorded, not sent again; only the missing ones are sent.
   */
  async reconcile(): Promise<SlotRun[]> {
    const runs: SlotRun[] = [];
    for (const pending of this.#deps.subscriptions.pendingDeliveries()) {
      const outcome = await this.#serial(pending.subscriptionId, async (): Promise<RunOutcome | undefined> => {
        const subscription = this.#deps.subscriptions.get(pending.subscriptionId);
        if (!subscription || subscription.status === 'disabled') return undefined;
        const now = this.#deps.now();
        let delivery: Delivery = pending;
        try {
          const found = await this.#deps.port.findPosted(subscription.channelId, pending.id, pending.createdAt);
          for (const [index, messageId] of found) {
            if (index < delivery.messageIds.length && delivery.messageIds[index] === null) {
              delivery = this.#deps.subscriptions.recordPart(delivery.id, index, messageId);
            }
          }
          if (found.size > 0)
            this.#deps.log.info({ subscriptionId: subscription.id, deliveryId: pending.id, found: found.size }, 'digest messages found after restart, not sent again');
        } catch (error) {
          return this.#fail(subscription, error, now);
        }
        if (delivery.state !== 'pending') return { kind: 'posted', deliveryId: delivery.id, messageIds: delivery.messageIds as string[] };
        return this.#send(subscription, delivery, now);
      });
      if (outcome) runs.push({ subscriptionId: pending.subscriptionId, slot: pending.slot, outcome });
    }
    return runs;
  }

  async #handleSlot(subscription: Subscription, slot: string, now: Date): Promise<RunOutcome> {
    // A post left unfinished (an error, then this slot) is completed rather than composed anew,
    // so its first messages are not posted twice.
    const pending = this.#deps.subscriptions.pendingDelivery(subscription.id);
    if (pending) {
      this.#deps.subscriptions.markChecked(subscription.id, now.toISOString());
      return this.#send(subscription, pending, now);
    }
    return this.#post(subscription, slot, now, { force: false });
  }

  async #post(subscription: Subscription, slot: string, now: Date, options: { force: boolean }): Promise<RunOutcome> {
    const digest = this.compose(subscription, now);
    if (digest.empty && !subscription.postWhenEmpty && !options.force) {
      this.#deps.subscriptions.markChecked(subscription.id, now.toISOString());
      this.#deps.log.info({ subscriptionId: subscription.id, slot }, 'digest empty: nothing posted');
      return { kind: 'skipped-empty' };
    }
    const delivery = this.#deps.subscriptions.beginDelivery({
      subscriptionId: subscription.id,
      slot,
      periodStart: digest.from,
      periodEnd: digest.to,
      ...(options.force ? {} : { checkedUntil: now.toISOString() }),
      render: (deliveryId) => this.#deps.render(digest, { subscriptionId: subscription.id, deliveryId }),
    });
    if (!delivery) return { kind: 'already-posted' };
    return this.#send(subscription, delivery, now);
  }

  async #send(subscription: Subscription, start: Delivery, now: Date): Promise<RunOutcome> {
    let delivery = start;
    for (let index = 0; index < delivery.parts.length; index += 1) {
      if (delivery.messageIds[index] !== null) continue;
      let messageId: string;
      try {
        messageId = await this.#postWithRetry(subscription.channelId, delivery.parts[index] as DeliveryPart, nonceOf(delivery, index));
      } catch (error) {
        return this.#fail(subscription, error, now);
      }
      delivery = this.#deps.subscriptions.recordPart(delivery.id, index, messageId);
    }
    this.#deps.log.info({ subscriptionId: subscription.id, deliveryId: delivery.id, messages: delivery.parts.length }, 'digest posted');
    return { kind: 'posted', deliveryId: delivery.id, messageIds: delivery.messageIds as string[] };
  }

  async #postWithRetry(channelId: string, part: DeliveryPart, nonce: string): Promise<string> {
    const delays = this.#deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const sleep = this.#deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.#deps.port.post(channelId, part, nonce);
      } catch (error) {
        const transient = error instanceof DeliveryError && error.kind === 'transient';
        if (!transient || attempt >= delays.length) throw error;
        this.#deps.log.warn({ channelId, attempt: attempt + 1, err: error }, 'digest post failed with a server error; retrying');
        await sleep(delays[attempt] as number);
      }
    }
  }

  #fail(subscription: Subscription, error: unknown, now: Date): RunOutcome {
    const reason = reasonOf(error);
    const updated = this.#deps.subscriptions.recordFailure(subscription.id, reason, now.toISOString()) ?? subscription;
    this.#deps.log.warn({ subscriptionId: subscription.id, channelId: subscription.channelId, reason, status: updated.status }, 'digest post failed');
    this.#deps.onFailure?.(updated, reason);
    return { kind: 'failed', reason, status: updated.status };
  }

  /** Resolves when no post is in progress (for a clean shutdown). */
  async idle(): Promise<void> {
    while (this.#queues.size > 0) await Promise.allSettled([...this.#queues.values()]);
  }

  #serial<T>(id: number, work: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(id) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.#queues.set(id, settled);
    void settled.then(() => {
      if (this.#queues.get(id) === settled) this.#queues.delete(id);
    });
    return next;
  }
}

/**
 * The same for every attempt at one message (so Discord can drop a repeat), different for every
 * message ever (the creation time keeps ids reused after a new database apart). The port fits it
 * to what its platform accepts.
 */
function nonceOf(delivery: Delivery, index: number): string {
  return `d${delivery.id}p${index}t${Date.parse(delivery.createdAt).toString(36)}`;
}

function reasonOf(error: unknown): string {
  if (error instanceof DeliveryError) return error.message;
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}
