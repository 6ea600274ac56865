import type { Fact, FactKind } from '../knowledge/schema.ts';
import type { ParsedQuery } from './query.ts';
import type { RankingParams } from './ranking-params.ts';

/**
 * How well a fact fits the way a question asks, beyond what it covers: small amounts added to the
 * final ranking, so they order facts that cover a question alike and never lift a weak one over a
 * fact that answers more of it:
 *
 * - "What did Japan do in January 2026": a fact where Japan acts beats one where China acts on
 *   Japan, and one dated that month beats one that only lists it among other dates.
 * - "When did it start": the earliest-dated of the facts that rank near the best (`originBonus`).
 */

/**
 * "When did China start requiring licences for gallium": of the facts ranked near the best (within
 * the relative cutoff that decides what is shown beside it), the earliest-dated tells when it started;
 * later ones are its follow-ups (first licences granted, an item count, a ban that built on it). So
 * for "what is Project Vault": the fact that launched it says what it is, better than its later
 * changes. Changes `combined` in place.
 */
export function originBonus<T extends { readonly fact: Fact; combined: number }>(query: ParsedQuery, ranked: T[], params: RankingParams): void {
  if (!query.origin || ranked.length < 2) return;
  const best = Math.max(...ranked.map((entry) => entry.combined));
  // Only measures, policies and meetings start; a figure or a background fact dated earlier does not say when.
  const alike = ranked.filter((entry) => entry.combined >= best * params.relativeCutoff && STARTS.has(entry.fact.kind)).sort((a, b) => b.combined - a.combined);
  if (alike.length === 0) return;
  // Best first, so of facts dated alike the better-ranked one stays the earliest.
  const earliest = alike.reduce((first, entry) => (earlier(entry.fact.date, first.fact.date) ? entry : first));
  earliest.combined += params.rerank.origin;
}

/** "What did Japan do in January 2026": Japan acting, and that month's own facts (see above). */
export function actionFit(query: ParsedQuery, fact: Fact, params: RankingParams): number {
  if (query.actors.length === 0) return 0;
  const { rerank } = params;
  const actor = fact.kind === 'policy' && fact.actor !== undefined ? fact.actor : fact.countries[0];
  const acts = actor !== undefined && query.actors.includes(actor) ? rerank.actor : 0;
  const dated = query.months.includes(fact.date.slice(0, 7)) ? rerank.ownMonth : 0;
  return acts + dated;
}

const STARTS: ReadonlySet<FactKind> = new Set(['restriction', 'policy', 'meeting']);

/** Dates compared as precisely as both are known: "2024-08" is not earlier than "2024-08-15". */
function earlier(date: string, than: string): boolean {
  const shared = Math.min(date.length, than.length);
  return date.slice(0, shared) < than.slice(0, shared);
}
