/**
 * Moderators' lists (problems, gaps, feedback, stale facts) as code blocks that always close. The
 * Discord renderer cuts a description at 2,000 characters; a list cut there leaves its fence open,
 * and what users wrote (a question in /kb gaps) then renders as live markdown, masked links and
 * all. So a reply is built to fit before it reaches the renderer: lines are cut inside the fence,
 * the fence is closed, and what did not fit is counted after it ("… and 285 more").
 */
import { ANSWER_DESCRIPTION_CHARS } from '../render/discord/limits.ts';
import { cut } from '../text/cut.ts';

/** The description budget of a moderator's reply, a little below the renderer's cut (room for its escapes). */
export const REPLY_CHARS = ANSWER_DESCRIPTION_CHARS - 100;

const OPEN = '```\n';
const CLOSE = '\n```';
// C0/C1 controls, and the bidirectional overrides and isolates that can make a line read backwards.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are replaced.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * One line of user or file text made safe inside a code block: no backtick can close the fence, no
 * control character shows, and mentions are broken here already (as the renderer breaks them in
 * code), so the length counted is the length sent.
 */
export function codeLine(text: string): string {
  return text
    .replace(UNSAFE, ' ')
    .replace(/`/g, "'")
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<(@[!&]?)(\d+)>/g, '<$1\u200b$2>');
}

export interface ListOptions {
  /** Said after the count of lines left out: " (npm run kb:check shows all)". */
  readonly hint?: string;
  /** Lines known to exist beyond `lines` (a store query stopped at its limit): the count becomes "at least". */
  readonly atLeast?: boolean;
}

/** `lines` in a closed code block of at most `budget` characters, with the number left out said after it. */
export function fencedList(lines: readonly string[], budget: number, options: ListOptions = {}): string {
  if (lines.length === 0) return '';
  const safe = lines.map(codeLine);
  const more = (left: number) => (left > 0 || options.atLeast ? `\n… and ${options.atLeast ? 'at least ' : ''}${left} more${options.hint ?? ''}` : '');
  const blockOf = (count: number) => `${OPEN}${safe.slice(0, count).join('\n')}${CLOSE}${more(lines.length - count)}`;

  let shown = 0;
  let length = OPEN.length + CLOSE.length;
  while (shown < safe.length) {
    const next = length + (shown > 0 ? 1 : 0) + (safe[shown] as string).length;
    if (next + more(lines.length - shown - 1).length > budget) break;
    length = next;
    shown++;
  }
  if (shown > 0) return blockOf(shown);
  // Not even the first line fits whole: show as much of it as fits, still inside the fence.
  const room = budget - OPEN.length - CLOSE.length - more(lines.length - 1).length;
  if (room < 11) return more(lines.length).trimStart();
  return `${OPEN}${cut(safe[0] as string, room)}${CLOSE}${more(lines.length - 1)}`;
}

/**
 * How long prose becomes once the renderer escapes it (a backslash before each markdown character
 * and each line-leading > # -, a zero-width space in each mention): the room lists can count on.
 */
export function escapedLength(text: string): number {
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  return text.length + count(/[\\*_~`|[\]]/g) + count(/^[ \t]*[>#-]/gm) + count(/@(?:everyone|here)|<@[!&]?\d/gi);
}

/** Room left for lists once the prose around them (and a newline after each part) is counted. */
export function listBudget(prose: readonly string[], lists = 1): number {
  const used = prose.filter(Boolean).reduce((sum, part) => sum + escapedLength(part) + 1, 0);
  return Math.max(0, Math.floor((REPLY_CHARS - used - lists) / lists));
}
