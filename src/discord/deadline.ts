import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import type { Answer } from '../answer/answer.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import type { MessagePayload } from '../render/discord/answer-message.ts';
import { DEFERRED_CHART_TIMEOUT_MS, withChart, type ChartDeps } from './chart.ts';

/**
 * Discord drops an interaction that is not acknowledged within three seconds. An answer with a chart
 * is the one reply whose time is not ours to promise: its text takes a millisecond, but its chart
 * waits for a painter, and in a burst for every chart queued before it. So the reply is deferred
 * ("thinking…", then the answer in place) when that wait may be long:
 *
 * - at once when the bot is busy (many interactions in flight, so many charts ahead of this one):
 *   the acknowledgement then costs only this millisecond, whatever the queue;
 * - otherwise the chart gets DEFER_AFTER_MS to be ready, which an idle bot meets with room to spare
 *   (tens of ms), so the usual reply is one message with its chart and no "thinking…" step; if
 *   it is late (a cold painter, a machine short of CPU), the reply is deferred then, with two
 *   seconds left for the acknowledgement to land.
 *
 * Either way the chart itself may then take up to DEFERRED_CHART_TIMEOUT_MS before the answer goes
 * out as text. Deferring unconditionally would also keep the deadline, at the cost of a second
 * request and a visible wait on every answer; commands whose own work is slow say so with `defer`.
 */
export const DEFER_AFTER_MS = 1000;

export async function withChartInTime(
  interaction: ChatInputCommandInteraction,
  payload: MessagePayload,
  answer: Answer,
  snapshot: Snapshot,
  deps: ChartDeps,
  options: { readonly ephemeral: boolean; readonly busy: boolean },
): Promise<MessagePayload> {
  const defer = async () => {
    if (!interaction.deferred && !interaction.replied) await interaction.deferReply(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  };
  if (options.busy) await defer();
  const drawing = withChart(payload, answer, snapshot, deps, interaction.id, DEFERRED_CHART_TIMEOUT_MS);
  if (!interaction.deferred && !(await settlesWithin(drawing, DEFER_AFTER_MS))) await defer();
  return await drawing;
}

async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
