import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask.ts';
import { stem } from '../../src/search/normalize.ts';
import { planQuery } from '../../src/search/query-plan.ts';
import { coverageNeeded, DEFAULT_RANKING } from '../../src/search/ranking-params.ts';
import type { SearchIndex } from '../../src/search/search-index.ts';
import { ASKED_ON, rankingIndex } from './ranking-fixture.ts';

/**
 * Ranking tested by order, on a frozen copy of 54 shipped facts (test/fixtures/knowledge/ranking),
 * so that new knowledge never moves these expectations. Each expected order was checked by reading
 * the facts: the first is the fact that answers the question, the rest are what should follow it.
 */
let index: SearchIndex;

beforeAll(async () => {
  index = await rankingIndex();
});

const ids = (question: string) => ask(index, question, ASKED_ON).answers.map((item) => item.factId);

describe('top-1 on the fixture knowledge', () => {
  it.each([
    ['china gallium germanium export controls 2023', 'cn-ga-ge-controls-2023'],
    ['kazakstan rare earth deposits', 'kz-zhana-kazakhstan'],
    ['PRC ban on gallium exports to the U.S.', 'cn-us-ban-dec-2024'],
    ['india magnet scheme REPM', 'in-repm-approval'],
    ['geneva trade truce may 2025', 'geneva-truce-may-2025'],
    ['us japan critical minerals framework', 'us-jp-framework'],
    ['pentagon stake in MP Materials', 'us-dod-mp-equity'],
    ['NdPr price floor', 'us-dod-mp-price-floor'],
    ['usa reserves', 'usgs-2024-us-reserves'],
    ['how dependent is Japan on Chinese rare earths', 'japan-dependence-jogmec'],
    ['first Dy produced outside china', 'au-lynas-first-dy'],
    ['what are rare earths', 'ree-definition'],
    ['how much rare earth is in an f-35', 'defence-ree-content'],
    ['is the october 2025 export control suspended', 'cn-no70-suspension'],
    ['china rare earth embargo on japan 2010', 'jp-2010-embargo'],
    ['Malaysia ban on raw rare earth exports', 'my-raw-re-moratorium'],
    ['quad critical minerals initiative', 'quad-cmi-launch'],
    ['EU dependence on Chinese magnets', 'eu-magnet-dependence'],
    ['what did china do in april 2025', 'cn-april-2025-seven-ree'],
  ])('%s → %s', (question, expected) => {
    expect(ids(question)[0]).toBe(expected);
  });
});

describe('order beyond the first', () => {
  it('puts the fact that covers every part of the question above those that cover some', () => {
    const order = ids('china gallium germanium export controls 2023');
    // The 2023 controls, then their first licences (same subject, later date), before a rare-earth measure.
    expect(order.slice(0, 2)).toEqual(['cn-ga-ge-controls-2023', 'cn-ga-ge-first-licences']);
    expect(order.indexOf('cn-april-controls-not-suspended')).toBeGreaterThan(1);
  });

  it('prefers the kind most of the kind words ask for: a ban over a deposit estimate that mentions one', () => {
    expect(ids('Malaysia ban on raw rare earth exports').slice(0, 2)).toEqual(['my-raw-re-moratorium', 'malaysia-deposits']);
  });

  it('ranks a fact about the asked country alone above a pact of many that includes it', () => {
    const order = ids('us japan critical minerals framework');
    expect(order[0]).toBe('us-jp-framework');
    expect(order.indexOf('us-jp-framework')).toBeLessThan(order.indexOf('quad-cmi-launch'));
  });

  it('answers "who mines the most" with the ranking, its leader first', () => {
    const answer = ask(index, 'who mines the most rare earths', ASKED_ON);
    expect(answer.shares?.length).toBeGreaterThan(2);
    expect(answer.answers[0]?.factId).toBe('usgs-2024-china-mine-output');
    expect(answer.answers.slice(1, 3).map((item) => item.factId)).toEqual(['usgs-2024-us-output', 'usgs-2024-myanmar-output']);
  });

  it('answers a ranking question naming a country only to exclude it with the ranking too', () => {
    const answer = ask(index, 'which countries besides China have the biggest rare earth reserves', ASKED_ON);
    expect(answer.shares?.map((row) => row.country)).toEqual(expect.arrayContaining(['CN', 'BR', 'IN']));
    expect(answer.answers[0]?.factId).toBe('usgs-2024-china-reserves');
  });

  it('answers "who refines outside China" and "where is most rare earth mined" with the ranking', () => {
    for (const question of ['who refines rare earths outside china? list pls', 'where is most rare earth mined']) {
      expect(ask(index, question, ASKED_ON).shares?.length, question).toBeGreaterThan(1);
    }
    // Where one country gets its supply is its imports, not the world's ranking.
    expect(ask(index, 'where does the us get its rare earths', ASKED_ON).shares).toBeUndefined();
  });

  it('answers "where do Brazil and India rank" with the ranking that places them', () => {
    const answer = ask(index, 'top rare earth reserves? where do brazil and india rank', ASKED_ON);
    expect(answer.shares?.map((row) => row.country)).toEqual(expect.arrayContaining(['CN', 'BR', 'IN']));
    // Naming countries without asking where they rank asks about them, not for the ranking.
    expect(ask(index, 'brazil and india rare earth reserves', ASKED_ON).shares).toBeUndefined();
  });

  it('answers "top N <stage> countries" with the ranking, without a question word', () => {
    const answer = ask(index, 'top 3 rare earth mining countries 2024?', ASKED_ON);
    expect(answer.shares?.length).toBeGreaterThan(2);
    expect(answer.answers[0]?.factId).toBe('usgs-2024-china-mine-output');
  });

  it('reads the leader after "after" in a ranking as set aside, not as the country asked about', () => {
    const answer = ask(index, 'which countries mine the most rare earths after china?', ASKED_ON);
    expect(answer.shares?.map((row) => row.country)).toEqual(expect.arrayContaining(['CN', 'US', 'MM']));
    expect(index.parse('mining countries in africa').ranking).toBeUndefined();
  });

  it('answers "what did X do in <month>" with what X did before what others did to X', () => {
    const order = ids('what did the US do in october 2025');
    expect(order.length).toBeGreaterThan(2);
    for (const id of order.slice(0, 2)) {
      const fact = index.snapshot.factById.get(id);
      expect(fact?.countries[0], id).toBe('US');
      expect(fact?.date.startsWith('2025-10'), id).toBe(true);
    }
  });

  it('reads the country named before the verb as the actor: "what did Beijing do to Japan" is China’s doing', () => {
    expect(index.parse('what did Beijing do to Japan in 2026', ASKED_ON).actors).toEqual(['CN']);
    expect(index.parse('what did japan do in 2026', ASKED_ON).actors).toEqual(['JP']);
    expect(index.parse('japan rare earth imports 2026', ASKED_ON).actors).toEqual([]);
    expect(ids('what did Beijing do to Japan in 2026')[0]).toBe('cn-japan-dual-use-ban-2026');
  });

  it('answers "what did X do in <month year>" with that month’s actions before other months', () => {
    const order = ids('what did china do in october 2025');
    expect(order.slice(0, 2)).toEqual(expect.arrayContaining(['cn-oct9-no57-five-ree', 'cn-oct9-no61-extraterritorial']));
    for (const id of order.slice(0, 2)) expect(index.snapshot.factById.get(id)?.date.startsWith('2025-10')).toBe(true);
  });
});

describe('the fact index', () => {
  it('orders candidates by coverage, then by score', () => {
    const query = index.parse('china gallium germanium export controls 2023');
    const candidates = index.facts.search(query, { minCoverage: 0, limit: 10 });
    expect(candidates[0]?.fact.id).toBe('cn-ga-ge-controls-2023');
    const steps = candidates.map((candidate) => Math.round(candidate.coverage * 20));
    expect(steps).toEqual([...steps].sort((a, b) => b - a));
    expect(candidates[0]?.coverage).toBeGreaterThan(0.9);
  });

  it('finds no candidate above the threshold for a question about something else', () => {
    const query = index.parse('how do I bake sourdough bread');
    expect(index.facts.search(query, { minCoverage: coverageNeeded(DEFAULT_RANKING, query.terms.length), limit: 10 })).toEqual([]);
  });
});

describe('the term resolver', () => {
  it('keeps known words, corrects typos against the words facts write, and leaves unknown words alone', () => {
    expect(index.facts.resolveTerm('embargo')).toEqual({ term: 'embargo', exact: true });
    expect(index.facts.resolveTerm('embargp')).toEqual({ term: 'embargo', exact: false });
    // Eight letters or more may be two edits off; shorter words one.
    expect(index.facts.resolveTerm('moratroium')?.term).toBe('moratorium');
    expect(index.facts.resolveTerm('unicorn')).toBeUndefined();
    expect(index.facts.resolveTerm('sourdough')).toBeUndefined();
    // An adverb is not cut back to its adjective: "separately" does not ask for "separate".
    expect(index.facts.resolveTerm('separat')?.exact).toBe(true);
    expect(index.facts.resolveTerm('separately')).toBeUndefined();
    // Four letters are too short to correct: "melt" is not "meet".
    expect(index.facts.resolveTerm('melt')).toBeUndefined();
    // A word of everyday speech is the asker's own, not a typo: "things" is not "tying", nor "match" "march".
    expect(index.facts.resolveTerm('march')?.exact).toBe(true);
    expect(index.facts.resolveTerm('match')).toBeUndefined();
    expect(index.facts.resolveTerm(stem('things'))).toBeUndefined();
  });
});

describe('the query plan', () => {
  it('weighs a country above a common word, and counts every part in the total', () => {
    const query = index.parse('china graphite export controls');
    const plan = planQuery(query, index.facts, DEFAULT_RANKING, coverageNeeded(DEFAULT_RANKING, query.terms.length));
    expect(plan.countryImportance).toEqual([DEFAULT_RANKING.importance.country]);
    const parts = plan.terms.reduce((sum, term) => sum + term.importance, 0) + plan.countryImportance[0]! + plan.materials.reduce((sum, m) => sum + m.importance, 0);
    const facets = DEFAULT_RANKING.importance.kind + (plan.stages.length > 0 ? DEFAULT_RANKING.importance.stage : 0);
    expect(plan.total).toBeCloseTo(parts + facets, 6);
  });

  it('does not count words in a clause beside a question that says what it asks, and counts unknown words in full within it or beside names alone', () => {
    const plan = (text: string) => {
      const query = index.parse(text);
      return planQuery(query, index.facts, DEFAULT_RANKING, coverageNeeded(DEFAULT_RANKING, query.terms.length));
    };
    const unknown = (text: string) => plan(text).terms.find((term) => term.postings === undefined)?.importance;
    expect(unknown('zorblax, china graphite export controls')).toBe(0);
    expect(unknown('china graphite export controls\nzorblax')).toBe(0);
    // A known word beside the question may raise a fact's score, but no fact needs it.
    const beside = plan('china graphite export controls, wondering what the sources say').terms.find((term) => term.postings !== undefined && term.importance === 0);
    expect(beside?.idf).toBeGreaterThan(0);
    // Within the question's own clause it may be what is asked ("any African country mining…").
    expect(unknown('zorblax china graphite export controls')).toBeCloseTo(index.facts.maxIdf, 6);
    expect(unknown('zorblax weather in paris')).toBeCloseTo(index.facts.maxIdf, 6);
    // Beside a single known word, unknown words are what the question is about, not chatter.
    expect(unknown('purple zorblax unicorn tariffs')).toBeCloseTo(index.facts.maxIdf, 6);
  });
});
