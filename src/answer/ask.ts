import type { ParsedQuery } from '../search/parsed-query.ts';
import { declineFor } from '../search/scope.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { toIsoDay } from '../knowledge/dates.ts';
import { MAX_QUERY_CHARS } from '../text/query-cap.ts';
import { answered, itemOf, noAnswer, type Answer, type AnswerItem } from './answer.ts';
import { listNames } from './describe.ts';
import { hitsNotIncidental } from './incidental.ts';
import { marketShare } from './market-share.ts';
import { hitsAboutNamedRegions, regionsAsked } from './regions-asked.ts';
import { shownStatusOf } from './shown-status.ts';
import { countriesNotConcerned, countriesWithoutFacts, hitsAboutNamedCountries, hitsAboutNamedMaterials, materialsWithoutFacts, suggestionsFor } from './subjects-without-facts.ts';

/**
 * "Who mines the most", "which countries besides China refine": the ranking of countries at that
 * stage (as /market-share gives it, every source's figure its own row), when the knowledge has one.
 */
function rankingAnswer(index: SearchIndex, query: ParsedQuery, now: Date | undefined): Answer | undefined {
  if (!query.ranking || query.comparison) return undefined;
  const materials = query.materials.filter((entity) => !['REE', 'REPM', 'critical-minerals'].includes(entity.code));
  if (materials.length > 1 || query.years.length > 1) return undefined;
  const material = materials[0]?.code;
  const year = query.years[0];
  const answer = marketShare(index.snapshot, {
    stage: query.ranking,
    ...(material ? { material } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(now ? { asOfYear: now.getUTCFullYear() } : {}),
  });
  if (answer.status !== 'answered') return undefined;
  return { ...answer, command: 'ask', query: query.text, answers: leadingFirst(answer) };
}

/**
 * The facts of a ranking in the order of its fullest table (the unit that ranks the most
 * countries), so the first item is the leader's figure, not a footnote in another unit.
 */
function leadingFirst(answer: Answer): readonly AnswerItem[] {
  const rows = answer.shares ?? [];
  const perUnit = new Map<string, number>();
  for (const row of rows) if (row.rank > 0) perUnit.set(row.unit, (perUnit.get(row.unit) ?? 0) + 1);
  const main = [...perUnit].sort((a, b) => b[1] - a[1])[0]?.[0];
  const order = new Map<string, number>();
  for (const row of [...rows.filter((r) => r.unit === main && r.rank > 0), ...rows]) if (!order.has(row.factId)) order.set(row.factId, order.size);
  return [...answer.answers].sort((a, b) => (order.get(a.factId) ?? order.size) - (order.get(b.factId) ?? order.size));
}

/**
 * Free-text questions: the best sourced facts, or an honest no-answer with suggestions. A
 * restriction carries its status as shown on `now`'s day, and one whose end date has passed says
 * so before its summary (which may still read "suspended until …"). Without `now` relative dates
 * stay undated, but statuses are still read against the clock: a status is never shown unchecked.
 */
export function ask(index: SearchIndex, text: string, now?: Date): Answer {
  const { snapshot } = index;
  // A question after an attribute no fact records is declined with the reason (see scope.ts).
  const decline = declineFor(text);
  if (decline) {
    const query = index.parse(text, now);
    return noAnswer('ask', query.text, snapshot, `I answer with sourced facts about rare-earth policy; ${decline.message}`, suggestionsFor(index, query));
  }
  const parsed = index.parse(text, now);
  if (parsed.text === '') {
    return noAnswer('ask', '', snapshot, 'Ask a question about rare-earth policy, for example "Who restricts dysprosium exports?"', suggestionsFor(index, parsed));
  }
  const ranking = rankingAnswer(index, parsed, now);
  if (ranking) return ranking;
  const { query, hits } = index.searchParsed(parsed);
  // "Does Mongolia restrict exports?" with nothing on Mongolia: facts about China do not answer it;
  // nor do gallium facts answer "melting point of thorium". Saying which subject is missing helps more.
  const missing = [
    ...countriesWithoutFacts(
      snapshot,
      query.countries.map((entity) => entity.code),
      hits,
    ),
    ...materialsWithoutFacts(
      snapshot,
      query.materials.map((entity) => entity.code),
      hits,
    ),
  ];
  if (hits.length === 0 && missing.length === 0) {
    return noAnswer('ask', query.text, snapshot, 'No sourced answer to that question in the knowledge base.', suggestionsFor(index, query));
  }
  // A country read from a misspelling ("finmins" → Finland) is a guess: it cannot overrule the hits.
  const certain = query.countries.filter((entity) => !query.corrections.some((correction) => correction.to.code === entity.code));
  const unconcerned =
    missing.length === 0
      ? countriesNotConcerned(
          snapshot,
          query.excluding,
          certain.map((entity) => entity.code),
          hits,
        )
      : [];
  if (unconcerned.length > 0) {
    return noAnswer(
      'ask',
      query.text,
      snapshot,
      `No sourced answer about ${listNames(unconcerned)} to that question in the knowledge base.`,
      [...query.countries.filter((entity) => entity.code !== 'XX').map((entity) => `/country name:${entity.name}`), ...suggestionsFor(index, { ...query, countries: [] })].slice(
        0,
        5,
      ),
    );
  }
  if (missing.length > 0) {
    const others = query.countries.filter((entity) => !missing.includes(entity.name));
    return noAnswer(
      'ask',
      query.text,
      snapshot,
      `No sourced facts about ${listNames(missing)} in the knowledge base yet.`,
      [...others.map((entity) => `/country name:${entity.name}`), ...suggestionsFor(index, { ...query, countries: [] })].slice(0, 5),
    );
  }
  const aboutNamed = hitsAboutNamedMaterials(
    snapshot,
    query.materials.map((entity) => entity.code),
    hitsAboutNamedCountries(
      snapshot,
      query.excluding,
      certain.map((entity) => entity.code),
      hits,
    ),
  );
  const relevant = hitsAboutNamedRegions(query, aboutNamed);
  if (relevant.length === 0 && aboutNamed.length > 0) {
    const regions = [...new Set(regionsAsked(query).map((region) => region.name))];
    return noAnswer('ask', query.text, snapshot, `No sourced answer about ${listNames(regions)} to that question in the knowledge base.`, suggestionsFor(index, query));
  }
  if (relevant.length === 0) {
    const names = query.materials.map((entity) => entity.name);
    return noAnswer('ask', query.text, snapshot, `No sourced answer about ${listNames(names)} to that question in the knowledge base.`, suggestionsFor(index, query));
  }
  // The hits about the named material may leave a named country behind: "dual-use exports to the
  // US military" is not answered by the ban on dual-use exports to Japan's.
  const leftBehind = countriesNotConcerned(
    snapshot,
    query.excluding,
    certain.map((entity) => entity.code),
    relevant,
  );
  if (leftBehind.length > 0) {
    return noAnswer('ask', query.text, snapshot, `No sourced answer about ${listNames(leftBehind)} to that question in the knowledge base.`, suggestionsFor(index, query));
  }
  // "What's the capital of Australia": the facts share a word with it only in passing (incidental.ts).
  const about = hitsNotIncidental(index, query, relevant);
  if (about.length === 0) return noAnswer('ask', query.text, snapshot, 'No sourced answer to that question in the knowledge base.', suggestionsFor(index, query));
  const notes: string[] = [];
  if (query.corrections.length > 0) notes.push(`Showing results for ${query.corrections.map((c) => c.to.name).join(', ')}.`);
  if (query.truncated) notes.push(`Only the first ${MAX_QUERY_CHARS} characters of the question were read.`);
  return answered(
    'ask',
    query.text,
    snapshot,
    about.map((hit) => {
      const status = shownStatusOf(hit.fact, toIsoDay(now ?? new Date()));
      if (!status) return itemOf(hit.fact, snapshot, { score: hit.score });
      const text = status.passed ? `Status today: ${status.text}.\n${hit.fact.summary}` : hit.fact.summary;
      return itemOf(hit.fact, snapshot, { score: hit.score, shown: status, text });
    }),
    notes.length > 0 ? { message: notes.join(' ') } : {},
  );
}
