import { createHash } from 'node:crypto';
import { LIMITS } from '../render/discord/limits.ts';

/**
 * Button state lives in the custom id, so a button keeps working across restarts: a page button
 * carries the page, the knowledge version it was rendered from and the command line that produced
 * the answer (`/restrictions country:CN`). A line too long for Discord's 100 characters is kept in
 * a small in-memory table instead, and such a button answered after a restart says so politely.
 */
export type ButtonAction =
  | { readonly kind: 'page'; readonly page: number; readonly version: string; readonly line: string | undefined }
  | { readonly kind: 'feedback'; readonly answerId: string; readonly helpful: boolean }
  | { readonly kind: 'suggestion'; readonly line: string | undefined }
  | { readonly kind: 'unknown' };

const VERSION_CHARS = 8;
const MAX_REMEMBERED = 1000;
const remembered = new Map<string, string>();

function keep(line: string): string {
  const key = createHash('sha256').update(line).digest('base64url').slice(0, 12);
  remembered.delete(key);
  remembered.set(key, line);
  if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value as string);
  return `#${key}`;
}

function lineOrKey(prefix: string, line: string): string {
  const direct = `${prefix}${line}`;
  return direct.length <= LIMITS.customId ? direct : `${prefix}${keep(line)}`;
}

function recall(encoded: string): string | undefined {
  return encoded.startsWith('#') ? remembered.get(encoded.slice(1)) : encoded;
}

export function pageButtonId(page: number, version: string, line: string): string {
  return lineOrKey(`pg|${page}|${version.slice(0, VERSION_CHARS)}|`, line);
}

export function suggestionButtonId(line: string): string {
  return lineOrKey('sg|', line);
}

/** A vote on the answer given to interaction `answerId`. */
export function feedbackButtonId(answerId: string, helpful: boolean): string {
  return `fb|${helpful ? 1 : 0}|${answerId}`;
}

/** The answer id of the vote buttons already on a message, so a page change keeps them. */
export function feedbackIdsIn(rows: readonly object[]): string | undefined {
  for (const row of rows) {
    const components: unknown[] = 'components' in row && Array.isArray(row.components) ? row.components : [];
    for (const component of components) {
      const customId = component !== null && typeof component === 'object' && 'customId' in component ? component.customId : undefined;
      const action = typeof customId === 'string' ? parseButtonId(customId) : undefined;
      if (action?.kind === 'feedback') return action.answerId;
    }
  }
  return undefined;
}

export function parseButtonId(customId: string): ButtonAction {
  const [kind, ...rest] = customId.split('|');
  if (kind === 'pg' && rest.length >= 3) {
    const [page, version, ...line] = rest;
    const number = Number(page);
    if (!Number.isInteger(number) || number < 0) return { kind: 'unknown' };
    return { kind: 'page', page: number, version: version as string, line: recall(line.join('|')) };
  }
  if (kind === 'sg' && rest.length >= 1) return { kind: 'suggestion', line: recall(rest.join('|')) };
  if (kind === 'fb' && rest.length === 2 && (rest[0] === '1' || rest[0] === '0') && /^\d{1,25}$/.test(rest[1] as string)) {
    return { kind: 'feedback', helpful: rest[0] === '1', answerId: rest[1] as string };
  }
  return { kind: 'unknown' };
}

export function sameVersion(buttonVersion: string, currentVersion: string): boolean {
  return currentVersion.slice(0, VERSION_CHARS) === buttonVersion;
}
