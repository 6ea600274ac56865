import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask.ts';
import { isEverydayWord } from '../../src/search/everyday-words.ts';
import { stem } from '../../src/search/normalize.ts';
import { DEFAULT_RANKING } from '../../src/search/ranking-params.ts';
import type { SearchIndex } from '../../src/search/search-index.ts';
import { namesAll, subjectOf } from '../../src/search/subject.ts';
import { ASKED_ON, rankingIndex, rankingIndexWithExtra } from './ranking-fixture.ts';

/**
 * A question naming a project, a company or a scheme ("Tanbreez", "Maaden") is answered only by
 * facts naming it; everyday words that a few facts happen to hold ("growth", "crash") are no names.
 * And what a question names to set aside ("outside the EU") sets aside the bloc's members with it.
 */
let index: SearchIndex;

beforeAll(async () => {
  index = await rankingIndex();
});

const { everydayWordRank } = DEFAULT_RANKING;

/** A fixture fact as the fact index would hand it on: its position in the index and full marks. */
const candidate = (id: string) => {
  const position = index.snapshot.facts.findIndex((fact) => fact.id === id);
  expect(position).toBeGreaterThanOrEqual(0);
  return { fact: index.snapshot.facts[position]!, index: position, score: 1, coverage: 1 };
};

describe('everyday words and names', () => {
  it.each(['growth', 'crash', 'real', 'hard', 'vault', 'military', 'implementation'])('reads "%s" as everyday English', (word) => {
    expect(isEverydayWord(stem(word), everydayWordRank)).toBe(true);
  });

  it.each(['tanbreez', 'maaden', 'eneabba', 'kvanefjeld', 'lynas', 'lofdal'])('reads "%s" as a name', (word) => {
    expect(isEverydayWord(stem(word), everydayWordRank)).toBe(false);
  });
});

describe('a question naming something', () => {
  it('is answered only by a fact that names it, however many other words another fact shares', () => {
    const subject = subjectOf(index.parse('the tanbreez preliminary economic assessment, what does it say?'), index.facts, DEFAULT_RANKING);
    expect(subject.names).toHaveLength(1);
    // Lofdal's assessment shares "preliminary economic assessment", but is another project.
    expect(namesAll(subject, candidate('na-lofdal-pea-2022'))).toBe(false);
    expect(namesAll(subject, candidate('gl-tanbreez-resource-45mt-2025'))).toBe(true);
  });

  it('counts a rare technical word as a name too: an IRR is answered by a fact giving one', () => {
    const subject = subjectOf(index.parse('what IRR does the tanbreez preliminary economic assessment project?'), index.facts, DEFAULT_RANKING);
    expect(subject.names).toHaveLength(2);
    expect(namesAll(subject, candidate('na-lofdal-pea-2022'))).toBe(false);
    expect(namesAll(subject, candidate('gl-tanbreez-resource-45mt-2025'))).toBe(false);
  });

  it('names nothing when its rare words are everyday English: "vault" is a subject word, not a name', () => {
    const subject = subjectOf(index.parse('what is project vault'), index.facts, DEFAULT_RANKING);
    expect(subject.words.length).toBeGreaterThan(0);
    expect(subject.names).toHaveLength(0);
  });
});

describe('a name written in two words', () => {
  let extra: SearchIndex;
  beforeAll(async () => {
    extra = await rankingIndexWithExtra();
  });
  const fact = (id: string) => {
    const position = extra.snapshot.facts.findIndex((entry) => entry.id === id);
    expect(position).toBeGreaterThanOrEqual(0);
    return { fact: extra.snapshot.facts[position]!, index: position, score: 1, coverage: 1 };
  };
  const question = 'what did JD Vance propose at the critical minerals ministerial';

  it('is held by a fact naming it by either word: "Vance" answers "JD Vance"', () => {
    const subject = subjectOf(extra.parse(question), extra.facts, DEFAULT_RANKING);
    expect(subject.names).toHaveLength(1);
    expect(namesAll(subject, fact('forge-ministerial-2026'))).toBe(true);
    expect(namesAll(subject, fact('d26-g7-evian-price-floor-split-jun'))).toBe(true);
    expect(ask(extra, question, ASKED_ON).answers[0]?.factId).toBe('forge-ministerial-2026');
  });

  it('is one name only where its words are written together: names apart are each needed', () => {
    const subject = subjectOf(extra.parse('did vance visit the tanbreez site'), extra.facts, DEFAULT_RANKING);
    expect(subject.names).toHaveLength(2);
  });
});

describe('a name written after "after"', () => {
  it('says when, not what is asked: a fact need not name it', async () => {
    const extra = await rankingIndexWithExtra();
    const query = extra.parse('what terms did the KIA impose on exports to china after taking chipwi and pangwa');
    expect([...query.settingTerms]).toEqual(expect.arrayContaining([stem('chipwi'), stem('pangwa')]));
    const subject = subjectOf(query, extra.facts, DEFAULT_RANKING);
    const terms = extra.snapshot.facts.findIndex((fact) => fact.id === 'mm-kia-export-terms');
    expect(namesAll(subject, { fact: extra.snapshot.facts[terms]!, index: terms, score: 1, coverage: 1 })).toBe(true);
    // Named before "after", the same words are what is asked about.
    const named = subjectOf(extra.parse('what happened in chipwi and pangwa after the seizure'), extra.facts, DEFAULT_RANKING);
    expect(namesAll(named, { fact: extra.snapshot.facts[terms]!, index: terms, score: 1, coverage: 1 })).toBe(false);
  });
});

describe('a question counting something ("how many …")', () => {
  it('reads what is counted from the word after "how many" or "how much"', () => {
    expect(index.parse('how many licences has china granted for gallium').focus).toBe(stem('licences'));
    expect(index.parse('how much money did the pentagon put into MP').focus).toBe(stem('money'));
    expect(index.parse('how much did the pentagon put into MP').focus).toBeUndefined();
    // Counted in a clause beside the topic that is the question's core, it is no requirement: the facts
    // about the topic say it in their own words ("five beneficiaries").
    expect(index.parse('how many companies can get the india magnet scheme').focus).toBe(stem('companies'));
    expect(index.parse('india magnet scheme rs 7280 crore - what capacity and how many companies').focus).toBeUndefined();
  });

  it('is answered only by a fact holding what it counts', () => {
    const subject = subjectOf(index.parse('how many licences has china granted for gallium'), index.facts, DEFAULT_RANKING);
    expect(subject.focus).toBeDefined();
    // China's share of gallium output is about gallium, but counts no licences.
    expect(namesAll(subject, candidate('project-blue-ga-ge-sb'))).toBe(false);
    expect(namesAll(subject, candidate('cn-ga-ge-first-licences'))).toBe(true);
  });
});

describe('a bloc named to be excluded', () => {
  it('sets aside facts about its members alone: "outside the EU" is not Germany', async () => {
    const { variant } = await import('../digest/knowledge-variants.ts');
    const { SearchIndex } = await import('../../src/search/search-index.ts');
    const base = index.snapshot.factById.get('eu-magnet-dependence');
    expect(base).toBeDefined();
    const german = { ...base!, id: 'test-german-magnets', title: 'Germany depends on China for rare-earth magnets', countries: ['DE'] };
    const norwegian = { ...base!, id: 'test-norwegian-magnets', title: 'Norway depends on China for rare-earth magnets', countries: ['NO'] };
    const known = new SearchIndex(variant(index.snapshot, 'members', (facts) => [...facts, german, norwegian]));
    const ids = known.search('dependence on China for rare-earth magnets outside the EU').hits.map((hit) => hit.fact.id);
    expect(ids).toContain('test-norwegian-magnets');
    expect(ids).not.toContain('test-german-magnets');
  });
});

describe('what a question counts', () => {
  it('is money in "how much money": a fact stating an amount holds it, though it never says "money"', () => {
    const subject = subjectOf(index.parse('how much money does the DoD guarantee MP Materials?'), index.facts, DEFAULT_RANKING);
    expect(subject.focusMoney).toBe(true);
    expect(namesAll(subject, candidate('us-dod-mp-price-floor'))).toBe(true);
    // A weight in pounds is no amount of money.
    expect(namesAll(subject, candidate('defence-ree-content'))).toBe(false);
  });

  it('is no name when it is a figure: the asker\'s "94%" may be written otherwise', () => {
    const subject = subjectOf(index.parse('is it true china makes like 94% of the world gallium'), index.facts, DEFAULT_RANKING);
    expect(subject.names).toHaveLength(0);
  });
});

describe('a unit after a word of quantity', () => {
  it('is no country: "how many kg a week" is not Kyrgyzstan', () => {
    expect(index.parse('how many kg a week does energy fuels make').countries).toEqual([]);
  });
});
