import { errorAnswer, messageAnswer, type Answer } from '../answer/answer.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { MAX_FAILURES } from '../store/subscriptions.ts';
import { describeScope } from './compose.ts';
import type { Digest } from './digest.ts';
import type { RunOutcome } from './runner.ts';
import type { SubscriptionView } from './service.ts';

/** The replies of /digest, as Answers: plain messages, except the preview, which carries the digest. */
const COMMAND = 'digest';

export function subscribedAnswer(snapshot: Snapshot, subscription: SubscriptionView): Answer {
  return messageAnswer(
    COMMAND,
    'subscribe',
    snapshot,
    [
      `Subscribed <#${subscription.channelId}> as digest #${subscription.id}: ${subscription.schedule.label} (${subscription.schedule.timezone}), ${describeScope(subscription.filters, snapshot)}.`,
      subscription.nextPost ? `Next digest due ${timestamp(subscription.nextPost)}; it covers what changes from now on.` : '',
      subscription.postWhenEmpty ? 'It posts even when nothing changed.' : 'When nothing changed and nothing is coming up, it stays quiet.',
      `See it with /digest preview id:${subscription.id}; stop it with /digest unsubscribe id:${subscription.id}.`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

export function listAnswer(snapshot: Snapshot, subscriptions: readonly SubscriptionView[]): Answer {
  if (subscriptions.length === 0) {
    return messageAnswer(COMMAND, 'list', snapshot, 'No digest subscriptions in this server. Add one with /digest subscribe.');
  }
  const lines = subscriptions.map((subscription) => {
    const head = `#${subscription.id} · <#${subscription.channelId}> · ${subscription.schedule.label} (${subscription.schedule.timezone}) · ${describeScope(subscription.filters, snapshot)}${subscription.postWhenEmpty ? ' · posts when empty' : ''}`;
    const last = subscription.lastPostAt ? `last post ${timestamp(new Date(subscription.lastPostAt))}` : 'no post yet';
    const next = subscription.nextPost ? `next ${timestamp(subscription.nextPost)}` : '';
    return [head, `  ${statusLine(subscription)} · ${[last, next].filter(Boolean).join(' · ')}`].join('\n');
  });
  return messageAnswer(COMMAND, 'list', snapshot, `${subscriptions.length} digest subscription(s):\n${lines.join('\n')}`);
}

function statusLine(subscription: SubscriptionView): string {
  if (subscription.status === 'active') return 'active';
  if (subscription.status === 'failing') {
    return `failing (${subscription.failures}/${MAX_FAILURES}): ${subscription.lastError ?? 'unknown error'}`;
  }
  return `DISABLED after ${subscription.failures} failed posts: ${subscription.lastError ?? 'unknown error'}. Fix the channel, then /digest send-now id:${subscription.id} to try again`;
}

export function unsubscribedAnswer(snapshot: Snapshot, id: number, removed: boolean): Answer {
  return removed
    ? messageAnswer(COMMAND, 'unsubscribe', snapshot, `Digest #${id} removed; it will not post again.`)
    : errorAnswer(COMMAND, 'unsubscribe', snapshot, `This server has no digest #${id}. See /digest list.`);
}

export function previewAnswer(snapshot: Snapshot, id: number, digest: Digest | undefined): Answer {
  if (!digest) return errorAnswer(COMMAND, 'preview', snapshot, `This server has no digest #${id}. See /digest list.`);
  return { ...messageAnswer(COMMAND, 'preview', snapshot, `Preview of digest #${id}: what it would post now.`), digest };
}

export function sendNowAnswer(snapshot: Snapshot, id: number, outcome: RunOutcome): Answer {
  switch (outcome.kind) {
    case 'posted':
      return messageAnswer(COMMAND, 'send-now', snapshot, `Digest #${id} posted (${outcome.messageIds.length} message(s)).`);
    case 'failed':
      return errorAnswer(COMMAND, 'send-now', snapshot, `Digest #${id} could not be posted: ${outcome.reason}${outcome.status === 'disabled' ? ' It is now disabled.' : ''}`);
    case 'unknown':
      return errorAnswer(COMMAND, 'send-now', snapshot, `This server has no digest #${id}. See /digest list.`);
    case 'skipped-empty':
    case 'already-posted':
      return messageAnswer(COMMAND, 'send-now', snapshot, `Digest #${id}: nothing new to post.`);
  }
}

/** Discord shows this in each reader's own time zone and language. */
function timestamp(at: Date): string {
  return `<t:${Math.floor(at.getTime() / 1000)}:f>`;
}
