import type { NewSubscription, Subscription, SubscriptionStore } from '../store/subscriptions.ts';
import type { Digest } from './digest.ts';
import type { DigestRunner, RunOutcome } from './runner.ts';

/**
 * What /digest can do, for one guild at a time: the command module talks to this and never to the
 * store, the runner or the jobs directly. Every change to subscriptions rebuilds the jobs.
 */
export interface SubscriptionView extends Subscription {
  /** The next time it will post (null when disabled or when the expression has no more slots). */
  readonly nextPost: Date | null;
}

export type SubscribeResult = { readonly ok: true; readonly subscription: SubscriptionView } | { readonly ok: false; readonly error: string };

export interface DigestService {
  subscribe(input: NewSubscription): SubscribeResult;
  list(guildId: string): SubscriptionView[];
  /** False when the guild has no subscription with that id. */
  unsubscribe(guildId: string, id: number): boolean;
  /** What a subscription of this guild would post now, or undefined when the guild has no such id. */
  preview(guildId: string, id: number): Digest | undefined;
  sendNow(guildId: string, id: number): Promise<RunOutcome>;
}

/** A guild's subscriptions are capped: each is a job and a post in a channel. */
export const MAX_SUBSCRIPTIONS_PER_GUILD = 10;

export class Digests implements DigestService {
  readonly #store: SubscriptionStore;
  readonly #runner: DigestRunner;
  readonly #changed: () => void;

  /** `changed` is called after every change to subscriptions (the bot rebuilds its jobs). */
  constructor(store: SubscriptionStore, runner: DigestRunner, changed: () => void = () => undefined) {
    this.#store = store;
    this.#runner = runner;
    this.#changed = changed;
  }

  subscribe(input: NewSubscription): SubscribeResult {
    if (this.#store.list(input.guildId).length >= MAX_SUBSCRIPTIONS_PER_GUILD) {
      return { ok: false, error: `This server already has ${MAX_SUBSCRIPTIONS_PER_GUILD} digest subscriptions; remove one with /digest unsubscribe first.` };
    }
    const subscription = this.#store.create(input);
    this.#changed();
    return { ok: true, subscription: this.#view(subscription) };
  }

  list(guildId: string): SubscriptionView[] {
    return this.#store.list(guildId).map((subscription) => this.#view(subscription));
  }

  unsubscribe(guildId: string, id: number): boolean {
    const removed = this.#store.remove(guildId, id);
    if (removed) this.#changed();
    return removed;
  }

  preview(guildId: string, id: number): Digest | undefined {
    const subscription = this.#own(guildId, id);
    return subscription ? this.#runner.compose(subscription) : undefined;
  }

  async sendNow(guildId: string, id: number): Promise<RunOutcome> {
    const before = this.#own(guildId, id);
    if (!before) return { kind: 'unknown' };
    const outcome = await this.#runner.sendNow(id);
    // A disabled subscription that posts again is active again and needs its job back.
    if (before.status === 'disabled' && outcome.kind === 'posted') this.#changed();
    return outcome;
  }

  #own(guildId: string, id: number): Subscription | undefined {
    const subscription = this.#store.get(id);
    return subscription && subscription.guildId === guildId ? subscription : undefined;
  }

  #view(subscription: Subscription): SubscriptionView {
    return { ...subscription, nextPost: subscription.status === 'disabled' ? null : this.#runner.dueSlot(subscription) };
  }
}
