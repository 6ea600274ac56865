import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask.ts';
import { hitsNotIncidental } from '../../src/answer/incidental.ts';
import { hitsAboutNamedMaterials } from '../../src/answer/subjects-without-facts.ts';
import { declineFor } from '../../src/search/scope.ts';
import type { SearchIndex } from '../../src/search/search-index.ts';
import { ASKED_ON, rankingIndex, rankingIndexWithExtra } from './ranking-fixture.ts';

/**
 * Declines by reason (src/search/scope.ts): a question whose only words from this domain are
 * incidental gets the honest no-answer, whichever facts share those words. One test per class.
 */
let index: SearchIndex;
beforeAll(async () => {
  index = await rankingIndex();
});

const declined = (text: string) => {
  const answer = ask(index, text, ASKED_ON);
  expect(answer.status, `${text}: ${answer.answers.map((item) => item.factId).join(', ')}`).toBe('no-answer');
  expect(answer.answers).toEqual([]);
  return answer.message ?? '';
};

describe('questions after an attribute no fact records are declined with the reason', () => {
  it.each([
    ['advice', 'should i buy MP Materials stock', /forecasts or give investment advice/],
    ['forecast', 'will the NdPr price go up next year', /forecasts/],
    ['personal', 'how old is xi jinping', /no personal details/],
    ['personal', "what is trump's net worth", /no personal details/],
    ['element property', "what's the melting point of gallium", /chemistry or physics of the elements/],
    ['element property', 'atomic number of neodymium', /chemistry or physics/],
    ['market price', 'dysprosium price per kg today', /not market prices/],
    ['market price', 'what is the spot price of NdPr oxide', /not market prices/],
    ['shopping', 'rare earth magnets for my fridge, where to buy?', /not where to buy products/],
    ['advice', 'is MP Materials stock a buy right now', /investment advice/],
    ['practical', 'can i get the neodymium out of old speaker magnets at home?', /how to handle, use or make things yourself/],
    ['practical', 'is it safe to keep neodymium magnets next to my laptop', /how to handle, use or make things yourself/],
    ['medical', 'my kid swallowed 2 neodymium magnets from a desk toy what do i do', /no medical or safety advice/],
    ['medical', 'is gallium poisoning a thing if it touches skin', /no medical or safety advice/],
    ['entertainment', 'neodymium the band, is their new album any good', /not games, films, music or books/],
    ['entertainment', 'any good rare earth mining game on steam? a video game i mean', /not games, films, music or books/],
    ['earth science', 'what makes the earth have a magnetic field', /geology or physics of the Earth/],
    ['calculation', "what's 17 times 23", /sums or unit conversions/],
    ['calculation', 'whats 12% of 340', /sums or unit conversions/],
    ['calculation', '17*23=?', /sums or unit conversions/],
    ['calculation', 'convert 5000 tonnes to pounds pls', /sums or unit conversions/],
  ])('%s: %s', (_class, text, reason) => {
    expect(declined(text)).toMatch(reason);
  });

  it('does not decline the policies about those attributes that facts do record', () => {
    expect(declineFor('NdPr price floor')).toBeUndefined();
    // A unit beside the price a policy sets is still that policy, and "kg" after "per" is no country.
    expect(declineFor('`MP NdPr price floor` — how much per kg?')).toBeUndefined();
    expect(ask(index, '`MP NdPr price floor` — how much per kg?', ASKED_ON).answers[0]?.factId).toBe('us-dod-mp-price-floor');
    expect(index.parse('NdPr at 50 kg or $110 per kg').countries).toEqual([]);
    expect(ask(index, 'NdPr price floor', ASKED_ON).answers[0]?.factId).toBe('us-dod-mp-price-floor');
    expect(ask(index, 'pentagon stake in MP Materials', ASKED_ON).status).toBe('answered');
    expect(declineFor('my company buys magnets from china; is the licence still pending')).toBeUndefined();
    expect(declineFor('is the US-Japan minerals deal a game changer')).toBeUndefined();
  });

  it('does not take a question with figures and words of substance for a sum', () => {
    expect(declineFor('china 2024 quota 270000 t')).toBeUndefined();
    expect(declineFor('did china mine 270000 t or 240000 t in 2024')).toBeUndefined();
    expect(declineFor('10% extraction target of the EU')).toBeUndefined();
  });
});

describe('questions whose only domain words are names are declined', () => {
  it.each([
    ['a band named after an element', 'is neodymium the band touring europe this year'],
    ['weather in a capital the knowledge names', "what's the weather like in Tokyo tomorrow"],
    ['sports trivia with "world"', 'who won the 2022 football world cup'],
    ['sports trivia in short words', 'lol, who won the world cup'],
    ['a person named in facts', 'what football team does trump support'],
    ['astronomy', 'how many moons does jupiter have'],
    ['a recipe', 'can u give me a good banana bread recipe'],
    ['a brand with a figure in its name', 'did 7up really used to have lithium in it??'],
  ])('%s: %s', (_class, text) => {
    declined(text);
  });

  it.each([
    ['a head of state', 'who is the president of china'],
    ['an economic figure', "what's the gdp of china"],
    ['a property of an element', 'is cerium toxic'],
    ['a population', 'how many people live in india'],
    ['trivia with a ranking word', 'which country has the most people'],
  ])('an attribute of a name that facts hold only in passing (%s): %s', (_class, text) => {
    declined(text);
  });

  it.each([
    ['a hobby, in words no fact has', 'best neodymium magnet for magnet fishing in a canal? thinking 500kg pull force'],
    ['a comparison of two magnets for a hobby', 'samarium cobalt vs neodymium magnets for guitar pickups, which sounds better'],
    ['safety, in words no fact has', 'are neodymium magnets dangerous for kids'],
  ])('magnets named alone, as the object asked about (%s): %s', (_class, text) => {
    declined(text);
  });

  it.each([
    ['a child and a toy', 'can i give neodymium magnets to a 6 year old to play with?'],
    ['a school project', 'can someone explain how a neodymium magnet motor works for my school science fair project? simple version'],
    ['a hobby, in words some facts hold', 'best N52 neodymium magnet for magnet fishing off a bridge? double sided vs single, is higher pull force worth it'],
  ])('a material named alone, asked of in words most of which no fact about it holds (%s): %s', (_class, text) => {
    declined(text);
  });

  it('a question naming nothing of the domain needs most of its words to be what a fact is about', async () => {
    // The extra fixture holds a fact about offshore wind magnets, tagged "offshore wind": it shares one word of three with a band's name.
    const withWind = await rankingIndexWithExtra();
    const wind = withWind.snapshot.factById.get('elem-offshore-wind-magnets-tons-grist');
    if (!wind) throw new Error('extra fixture fact missing');
    const hits = [{ fact: wind, score: 1 }];
    expect(hitsNotIncidental(withWind, withWind.parse('earth wind & fire, why the 21st of september?', ASKED_ON), hits)).toEqual([]);
    // Two of its three words in what the fact is about: kept.
    expect(hitsNotIncidental(withWind, withWind.parse('offshore wind turbine orders', ASKED_ON), hits)).toEqual(hits);
    expect(ask(index, 'what is project vault', ASKED_ON).answers[0]?.factId).toBe('us-project-vault');
  });

  it('while magnets named beside another subject are the stage or use, and answered', () => {
    expect(ask(index, 'neodymium magnets made in china', ASKED_ON).status).toBe('answered');
    expect(index.parse('why do EV magnets need dysprosium and terbium').topicalBesideNames).toBe(true);
    expect(index.parse('what does terbium actually do in an EV motor magnet').topicalBesideNames).toBe(true);
    expect(index.parse('are neodymium magnets dangerous for kids').topicalBesideNames).toBe(false);
  });

  it('while the same names with what the knowledge holds are answered', () => {
    expect(ask(index, 'Lynas plant in Malaysia', ASKED_ON).answers[0]?.factId).toBe('lynas-malaysia-plant');
    expect(ask(index, 'kazakhstan deposit', ASKED_ON).answers[0]?.factId).toBe('kz-zhana-kazakhstan');
    expect(ask(index, 'neodymium export licence', ASKED_ON).status).toBe('answered');
    expect(ask(index, 'what did Tokyo do after the 2010 embargo', ASKED_ON).status).toBe('answered');
  });
});

describe('a named material', () => {
  it('keeps only hits about it (or naming it), unless it is a broad group', () => {
    const fact = (id: string) => {
      const found = index.snapshot.factById.get(id);
      if (!found) throw new Error(id);
      return { fact: found, score: 1 };
    };
    const hits = [fact('usgs-2024-china-mine-output'), fact('project-blue-ga-ge-sb'), fact('cn-ga-ge-controls-2023')];
    expect(hitsAboutNamedMaterials(index.snapshot, ['Ga'], hits).map((hit) => hit.fact.id)).toEqual(['project-blue-ga-ge-sb', 'cn-ga-ge-controls-2023']);
    expect(hitsAboutNamedMaterials(index.snapshot, ['Pt'], hits)).toEqual([]);
    expect(hitsAboutNamedMaterials(index.snapshot, ['REE'], hits)).toEqual(hits);
  });

  it('counts a fact naming it by an alias as naming it: "dual use" for dual-use items', () => {
    const found = index.snapshot.factById.get('cn-ga-ge-controls-2023');
    if (!found) throw new Error('cn-ga-ge-controls-2023');
    const hit = { fact: { ...found, materials: ['REE'], summary: 'General licences run alongside the dual-use licensing regime.' }, score: 1 };
    expect(index.snapshot.materialByCode.get('dual-use')?.name).toBe('dual-use items');
    expect(hitsAboutNamedMaterials(index.snapshot, ['dual-use'], [hit])).toEqual([hit]);
    expect(hitsAboutNamedMaterials(index.snapshot, ['dual-use'], [{ ...hit, fact: { ...hit.fact, summary: 'General licences.' } }])).toEqual([]);
  });
});
