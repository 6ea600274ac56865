/**
 * The one cap on a question: search reads this much of it (a 6,000-character paste costs no more
 * than a short question), the store keeps this much in its query log, an error quotes this much
 * back, and /ask accepts no longer a question.
 */
export const MAX_QUERY_CHARS = 300;

/** A question trimmed and cut to MAX_QUERY_CHARS characters, by code points so that a cut never splits a surrogate pair. */
export function capQuery(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length <= MAX_QUERY_CHARS) return trimmed;
  return Array.from(trimmed).slice(0, MAX_QUERY_CHARS).join('');
}
