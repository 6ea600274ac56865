import type { MessagePayload } from './answer-message.ts';
import { LIMITS } from './limits.ts';

export interface ChartImage {
  /** The attachment's file name, plain ASCII ("market-share.png"): the embed refers to it by name. */
  readonly name: string;
  readonly png: Buffer;
}

/**
 * The message with the chart uploaded beside it and shown as the first embed's image. Discord
 * then displays the picture inside the embed rather than as a loose file under it.
 */
export function withChartImage(payload: MessagePayload, chart: ChartImage): MessagePayload {
  if (!/^[\w.-]+\.png$/.test(chart.name)) throw new RangeError(`chart attachment name '${chart.name}' must be plain ASCII ending in .png`);
  if (chart.png.length > LIMITS.attachmentBytes) throw new RangeError(`chart of ${chart.png.length} bytes exceeds Discord's ${LIMITS.attachmentBytes}-byte upload limit`);
  const [first, ...rest] = payload.embeds;
  if (!first) return payload;
  return {
    ...payload,
    embeds: [{ ...first, image: { url: `attachment://${chart.name}` } }, ...rest],
    files: [...(payload.files ?? []), { attachment: chart.png, name: chart.name }],
  };
}
