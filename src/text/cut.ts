/**
 * The one way text is shortened for display: to at most `max` characters (UTF-16 code units, as
 * JavaScript, discord.js and Discord's limits count them), with an ellipsis saying that something
 * was cut. The cut ends at a word where that keeps most of the room, and never between the two
 * halves of a surrogate pair, so an emoji is dropped whole rather than left as a broken character.
 */
export const ELLIPSIS = '…';

/** A word boundary is used only if it keeps more than this share of the room; otherwise the cut is mid-word. */
const WORD_SHARE = 0.6;

export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return '';
  let end = max - ELLIPSIS.length;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  const kept = text.slice(0, end);
  // A cut just before a space already ends at a word.
  const space = text.charAt(end) === ' ' ? end : kept.lastIndexOf(' ');
  return `${space > max * WORD_SHARE ? kept.slice(0, space) : kept}${ELLIPSIS}`;
}

const FENCE = '```';
const CLOSING_FENCE = `\n${FENCE}`;

/**
 * cut() for Markdown with code blocks: when the cut falls inside a ``` block, the block is closed,
 * so what it held (often verbatim user text) cannot render as live Markdown after an open fence.
 */
export function cutMarkdown(text: string, max: number): string {
  if (text.length <= max) return text;
  const kept = cut(text, max - CLOSING_FENCE.length);
  return (kept.split(FENCE).length - 1) % 2 === 1 ? `${kept}${CLOSING_FENCE}` : kept;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
