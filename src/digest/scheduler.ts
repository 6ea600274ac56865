import { Cron } from 'croner';
import type { SubscriptionStore } from '../store/subscriptions.ts';
import type { DigestLog, DigestRunner } from './runner.ts';

/**
 * One croner job per subscription, in the subscription's time zone, each asking the runner to
 * post that subscription when its slot comes. Jobs are rebuilt whenever subscriptions change.
 * The runner decides from the store whether a slot is due, so a job that fires twice or a clock
 * that jumps never posts a slot twice.
 */
export interface JobInfo {
  readonly subscriptionId: number;
  readonly timezone: string;
  readonly cron: string;
  readonly nextRun: Date | null;
}

export class DigestScheduler {
  readonly #runner: DigestRunner;
  readonly #subscriptions: SubscriptionStore;
  readonly #log: DigestLog & { error(details: object, message: string): void };
  readonly #jobs = new Map<number, Cron>();
  #stopped = false;

  constructor(runner: DigestRunner, subscriptions: SubscriptionStore, log: DigestLog & { error(details: object, message: string): void }) {
    this.#runner = runner;
    this.#subscriptions = subscriptions;
    this.#log = log;
  }

  /** Finishes posts cut short by a restart, posts each missed slot once, then schedules the rest. */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.#runner.reconcile();
    await this.#runner.runDue();
    this.rebuild();
  }

  /** Replaces every job with one per subscription that can post (not disabled). */
  rebuild(): void {
    for (const job of this.#jobs.values()) job.stop();
    this.#jobs.clear();
    if (this.#stopped) return;
    for (const subscription of this.#subscriptions.list()) {
      if (subscription.status === 'disabled') continue;
      const job = new Cron(
        subscription.schedule.cron,
        { timezone: subscription.schedule.timezone, mode: '5-part', protect: true, unref: true, name: `digest-${subscription.id}` },
        () => this.#fire(subscription.id),
      );
      this.#jobs.set(subscription.id, job);
    }
  }

  jobs(): JobInfo[] {
    return [...this.#jobs].map(([subscriptionId, job]) => ({
      subscriptionId,
      timezone: job.options.timezone ?? 'UTC',
      cron: job.getPattern() ?? '',
      nextRun: job.nextRun(),
    }));
  }

  stop(): void {
    this.#stopped = true;
    for (const job of this.#jobs.values()) job.stop();
    this.#jobs.clear();
  }

  async #fire(subscriptionId: number): Promise<void> {
    try {
      const runs = await this.#runner.runDue(subscriptionId);
      // A subscription that just became disabled needs no job any more.
      if (runs.some((run) => run.outcome.kind === 'failed' && run.outcome.status === 'disabled')) this.rebuild();
    } catch (error) {
      this.#log.error({ err: error, subscriptionId }, 'digest job failed');
    }
  }
}
