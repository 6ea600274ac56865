import type { Fact, FactKind } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { statesFigure } from './answer-form.ts';
import { materialMatch } from './fact-text.ts';
import { stem, tokenize } from './normalize.ts';
import type { ParsedQuery } from './parsed-query.ts';
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
 * changes. When the best fact's title names the question's subject (those of its rare words,
 * `headline`, that the title holds), only facts whose title or aliases name it too compete: an
 * earlier fact that mentions Project Vault in passing did not start it. Where the best fact is no
 * measure but a report ("when did Lynas start making Dy"), the start is the earliest such report,
 * unless `measuresOnly` (a definition, or a question in a measure's words: "controls", "restricts").
 * Changes `combined` in place.
 */
export function originBonus<T extends { readonly fact: Fact; combined: number }>(
  ranked: T[],
  headline: readonly string[],
  countries: readonly string[],
  params: RankingParams,
  measuresOnly = false,
): void {
  if (ranked.length < 2) return;
  const best = Math.max(...ranked.map((entry) => entry.combined));
  // Only measures, policies and meetings start; a figure or a background fact dated earlier does not say when.
  const top = ranked.find((entry) => entry.combined === best);
  const kinds = !measuresOnly && top && !STARTS.has(top.fact.kind) ? new Set([top.fact.kind]) : STARTS;
  const starts = ranked.filter((entry) => entry.combined >= best * params.relativeCutoff && kinds.has(entry.fact.kind));
  // "When does Australia's reserve start": where the best answer is the named country's own
  // measure, so are its rivals (any named country's); Germany's earlier fund that invests in Australia did not start it.
  const actor = top ? actorOf(top.fact) : undefined;
  const near = actor !== undefined && countries.includes(actor) ? starts.filter((entry) => countries.includes(actorOf(entry.fact) ?? '')) : starts;
  // The subject, as the best answer's title names it: the question's rare words that title holds.
  const topWords = top ? titleWords(top.fact) : new Set<string>();
  const subject = headline.filter((term) => topWords.has(term));
  const titled = subject.length === 0 ? [] : near.filter((entry) => subject.every((term) => titleWords(entry.fact).has(term)));
  const alike = (titled.length > 0 ? titled : near).sort((a, b) => b.combined - a.combined);
  if (alike.length === 0) return;
  // Best first, so of facts dated alike the better-ranked one stays the earliest.
  const earliest = alike.reduce((first, entry) => (earlier(entry.fact.date, first.fact.date) ? entry : first));
  earliest.combined += params.rerank.origin;
}

function titleWords(fact: Fact): Set<string> {
  return new Set(tokenize(`${fact.title} ${fact.aliases.join(' ')}`).map(stem));
}

/** "What did Japan do in January 2026": Japan acting, and that month's own facts (see above). */
export function actionFit(query: ParsedQuery, fact: Fact, params: RankingParams): number {
  const { rerank } = params;
  // "Which rare earths did China control in April 2025": of the facts that mention the month, the
  // one dated in it, when the month says when (ParsedQuery `monthAsked`).
  const dated = query.months.includes(fact.date.slice(0, 7)) ? rerank.ownMonth : 0;
  if (query.actors.length === 0) return query.monthAsked ? dated : 0;
  const actor = actorOf(fact);
  const acts = actor !== undefined && query.actors.includes(actor) ? rerank.actor : 0;
  return acts + dated;
}

/**
 * "Which rare earths does China restrict": a fact naming two or more of the group's members
 * (samarium, terbium, …) lists what is asked, better than one about rare earths as a whole.
 */
export function membersFit(query: ParsedQuery, fact: Fact, snapshot: Pick<Snapshot, 'materialByCode'>, params: RankingParams): number {
  const group = query.membersAsked;
  if (group === undefined) return 0;
  const members = fact.materials.filter((code) => code !== group && materialMatch(group, [code], snapshot) === 1);
  return members.length >= 2 ? params.rerank.members : 0;
}

/** "How much", "how big": a fact stating an amount answers; one about the same thing without it does not. */
export function figureFit(query: ParsedQuery, fact: Fact, params: RankingParams): number {
  return query.amount && statesFigure(fact) ? params.rerank.figure : 0;
}

/** Who acts in a fact: a policy's actor, else the first country it names. */
function actorOf(fact: Fact): string | undefined {
  return fact.kind === 'policy' && fact.actor !== undefined ? fact.actor : fact.countries[0];
}

const STARTS: ReadonlySet<FactKind> = new Set(['restriction', 'policy', 'meeting']);

/** Dates compared as precisely as both are known: "2024-08" is not earlier than "2024-08-15". */
function earlier(date: string, than: string): boolean {
  const shared = Math.min(date.length, than.length);
  return date.slice(0, shared) < than.slice(0, shared);
}
