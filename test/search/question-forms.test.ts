import { beforeAll, describe, expect, it } from 'vitest';
import { everydayTextShare } from '../../src/search/everyday-words.ts';
import { searchTerms, stem } from '../../src/search/normalize.ts';
import { planQuery, type PlanSource, type Postings } from '../../src/search/query-plan.ts';
import { writtenOrdinals } from '../../src/search/query-words.ts';
import { DEFAULT_RANKING } from '../../src/search/ranking-params.ts';
import { SearchIndex } from '../../src/search/search-index.ts';
import { aboutPlaceAsked } from '../../src/search/subject.ts';
import { clausesAfterQuestionMark } from '../../src/search/tokens.ts';
import { ASKED_ON, rankingIndex, rankingIndexWithExtra } from './ranking-fixture.ts';

/**
 * How a question is put, read apart from what it is about: words of everyday speech weigh what they
 * say in speech, "how much of" asks for a share, a question naming a place is answered by facts
 * about it, and "what is <a name>" is answered by the facts about that name, whatever their kind.
 */
let index: SearchIndex;

beforeAll(async () => {
  index = await rankingIndex();
});

const fact = (id: string) => {
  const found = index.snapshot.facts.find((candidate) => candidate.id === id);
  expect(found, id).toBeDefined();
  return found!;
};
const membersOf = (code: string) => index.snapshot.countryByCode.get(code)?.members ?? [];
const ids = (question: string) => index.search(question, 3, ASKED_ON).hits.map((hit) => hit.fact.id);

describe('words of everyday speech', () => {
  it('are as common in spoken English as people use them, and names are not in it', () => {
    const real = everydayTextShare(stem('real'), 60);
    const abroad = everydayTextShare(stem('abroad'), 60);
    expect(real).toBeGreaterThan(abroad);
    expect(abroad).toBeGreaterThan(0);
    expect(everydayTextShare(stem('tanbreez'), 60)).toBe(0);
  });

  /** Index statistics of a knowledge of 1,000 facts, where "real" and "tanbreez" are each in 3 facts. */
  const FACTS = 1000;
  const idf = (documentFrequency: number) => Math.log(1 + (FACTS - documentFrequency + 0.5) / (documentFrequency + 0.5));
  const postingsOf = (documents: number): Postings => ({ docs: Int32Array.from({ length: documents }, (_, doc) => doc), weights: new Float32Array(documents).fill(1) });
  const POSTINGS = new Map([
    ['real', postingsOf(3)],
    ['tanbreez', postingsOf(3)],
    ['recycl', postingsOf(60)],
  ]);
  const source: PlanSource = {
    size: FACTS,
    maxIdf: idf(0),
    postings: (term) => POSTINGS.get(term),
    idf,
    everydayIdf: (term) => idf(FACTS * everydayTextShare(term, 60)),
    resolveTerm: (term) => (POSTINGS.has(term) ? { term, exact: true } : undefined),
    materialMatches: () => ({ value: new Float32Array(FACTS), docs: new Int32Array(0), full: 0 }),
    specificity: () => 1,
    membership: () => new Uint8Array(FACTS),
  };

  it('weigh no more than their idf in speech, however rare in the facts; a name keeps its idf', () => {
    const query = index.parse('is recycling at tanbreez a real answer', ASKED_ON);
    const plan = planQuery(query, source, DEFAULT_RANKING, DEFAULT_RANKING.minCoverage);
    const importance = (word: string) => plan.terms[query.terms.indexOf(stem(word))]?.importance;
    expect(importance('tanbreez')).toBeCloseTo(idf(3));
    expect(importance('real')).toBeCloseTo(source.everydayIdf(stem('real')));
    expect(importance('real')).toBeLessThan(idf(3) * 0.75);
  });

  it('keep their idf in the facts when written as a name, with a capital inside the sentence', () => {
    const query = index.parse('is recycling at tanbreez a Real answer', ASKED_ON);
    expect([...query.capitalized]).toEqual([stem('real')]);
    const plan = planQuery(query, source, DEFAULT_RANKING, DEFAULT_RANKING.minCoverage);
    expect(plan.terms[query.terms.indexOf(stem('real'))]?.importance).toBeCloseTo(idf(3));
    // The first word of a question, or of one after a question mark, is capitalised by everyone.
    expect([...index.parse('Real recycling? Real answers please', ASKED_ON).capitalized]).toEqual([]);
    expect([...index.parse('when did Earth, Wind & Fire release September', ASKED_ON).capitalized]).toEqual(expect.arrayContaining([stem('wind'), stem('fire')]));
  });
});

describe('a share asked for', () => {
  it('prefers the fact giving a percentage, "how much of Japan\'s rare earths come from China"', () => {
    const query = index.parse("how much of japan's rare earths come from china", ASKED_ON);
    expect([...query.preferred]).toEqual([stem('percent')]);
    expect(ids("how much of japan's rare earths come from china")[0]).toBe('japan-dependence-jogmec');
  });

  it('asks no fact to hold the word: it adds to the score, never to the coverage needed', () => {
    const query = index.parse("how much of japan's rare earths come from china", ASKED_ON);
    const plan = planQuery(query, index.facts, DEFAULT_RANKING, DEFAULT_RANKING.minCoverage);
    const percent = plan.terms[query.terms.indexOf(stem('percent'))];
    expect(percent?.importance).toBe(0);
    expect(percent?.idf).toBeGreaterThan(0);
  });

  it('reads "%" as the word', () => {
    expect(index.parse('what % of magnets does china make', ASKED_ON).terms).toContain(stem('percent'));
  });
});

describe('a question naming a place', () => {
  it('is answered by facts about it, not by a fact about another country sharing its words', () => {
    const query = index.parse('does malaysia restrict rare earth exports', ASKED_ON);
    expect(aboutPlaceAsked(query, fact('my-raw-re-moratorium'), membersOf)).toBe(true);
    expect(aboutPlaceAsked(query, fact('vn-export-ban-law-2025'), membersOf)).toBe(false);
  });

  it('takes a world figure as holding for every place', () => {
    const query = index.parse('how much does malaysia mine', ASKED_ON);
    expect(aboutPlaceAsked(query, fact('usgs-2024-world-mine-output'), membersOf)).toBe(true);
  });

  it('counts a bloc by its members, and a country named to be set aside not at all', () => {
    expect(aboutPlaceAsked(index.parse('what does the EU restrict', ASKED_ON), fact('eu-crma-benchmarks'), membersOf)).toBe(true);
    const outside = index.parse('who refines rare earths outside china', ASKED_ON);
    expect(outside.excluded).toContain('CN');
    expect(aboutPlaceAsked(outside, fact('vn-export-ban-law-2025'), membersOf)).toBe(true);
  });

  it('reads a region through its members', () => {
    const query = index.parse('which african projects have a preliminary economic assessment', ASKED_ON);
    expect(aboutPlaceAsked(query, fact('na-lofdal-pea-2022'), membersOf)).toBe(true);
    expect(aboutPlaceAsked(query, fact('gl-tanbreez-resource-45mt-2025'), membersOf)).toBe(false);
  });
});

describe('"what is …"', () => {
  it('asks background facts to define a concept', () => {
    const query = index.parse('what are rare earths', ASKED_ON);
    expect(query.kinds).toContain('background');
    expect(ids('what are rare earths')[0]).toBe('ree-definition');
  });

  it('keeps, for a name, the kinds its words ask for, without the background preference', () => {
    const query = index.parse('what is RESourceEU', ASKED_ON);
    expect(query.definition).toBeDefined();
    expect(query.definition?.kinds).not.toContain('background');
    expect(ids('what is the REPM scheme')[0]).toBe('in-repm-approval');
  });

  it('is no definition when it asks for news: "what\'s the latest on …" wants the recent facts, not the first', () => {
    const query = index.parse("what's the latest on china's rare earth export controls", ASKED_ON);
    expect(query.definition).toBeUndefined();
    expect(query.origin).toBe(false);
    expect(query.recent).toBe(true);
  });
});

describe('"which rare earths …"', () => {
  it('asks for the members of the group, and facts naming the elements lead', () => {
    expect(index.parse('which rare earths does china restrict', ASKED_ON).membersAsked).toBe('REE');
    expect(index.parse('does china restrict rare earths', ASKED_ON).membersAsked).toBeUndefined();
    const top = ids('which rare earths does china restrict');
    expect(top.slice(0, 2).sort()).toEqual(['cn-april-2025-seven-ree', 'cn-oct9-no57-five-ree']);
  });

  it('reads "what kinds of" the same way', () => {
    expect(index.parse('what kinds of rare earths does china control', ASKED_ON).membersAsked).toBe('REE');
  });
});

describe('a month after "after" or "since"', () => {
  it('bounds what is asked rather than naming the month asked; the year still says when', () => {
    const after = index.parse('china magnet exports after the april 2025 controls', ASKED_ON);
    expect(after.months).toEqual([]);
    expect(after.years).toContain(2025);
    expect(index.parse('china magnet exports in april 2025', ASKED_ON).months).toEqual(['2025-04']);
  });
});

describe('facts reached through a country or a material', () => {
  it('may also hold the words too common to walk, so their weight counts toward what such a fact can reach', () => {
    const plan = (text: string) => {
      const query = index.parse(text, ASKED_ON);
      return planQuery(query, index.facts, DEFAULT_RANKING, DEFAULT_RANKING.minCoverage);
    };
    const without = plan('how much did china mine in 2024 despite the embargo');
    const withCommon = plan('how much rare earth did china mine in 2024 despite the embargo');
    const commonWeight = (terms: typeof without.terms) => terms.reduce((sum, term) => sum + (term.common ? term.importance * term.confidence : 0), 0);
    // "rare earth" is in most facts: not walked, but held by the facts about China's output.
    expect(commonWeight(withCommon.terms)).toBeGreaterThan(commonWeight(without.terms));
    expect(withCommon.entityOnlyHeadroom - without.entityOnlyHeadroom).toBeCloseTo(commonWeight(withCommon.terms) - commonWeight(without.terms));
  });
});

describe('"right now", "these days"', () => {
  it('ask for the current state, and none of their words is a term a fact must hold', () => {
    const query = index.parse('what rare earths does china restrict right now', ASKED_ON);
    expect(query.recent).toBe(true);
    expect(query.terms).not.toContain(stem('right'));
    expect(index.parse('mining rights in china', ASKED_ON).terms).toContain(stem('rights'));
  });
});

describe('"where does <a country> get …"', () => {
  it('asks where its supply comes from: its imports', () => {
    const query = index.parse('where does the US get its rare earths from', ASKED_ON);
    expect(query.stages).toContain('imports');
    expect(query.kinds).toContain('market-share');
    expect(index.parse('where is the tanbreez project', ASKED_ON).stages).not.toContain('imports');
  });
});

describe('"how much", "how big"', () => {
  it('ask for an amount: of facts about the same thing, the one stating a figure leads', async () => {
    const withTauKen = await rankingIndexWithExtra();
    const question = 'kazakstan found a huge rare earth deposit? how big';
    expect(withTauKen.parse(question, ASKED_ON).amount).toBe(true);
    // Both are about Kazakhstan's new deposits; only the Zhana fact gives a size, not the miner chosen to develop one.
    expect(withTauKen.search(question, 3, ASKED_ON).hits[0]?.fact.id).toBe('kz-zhana-kazakhstan');
    const unweighted = new SearchIndex(withTauKen.snapshot, { ...DEFAULT_RANKING, rerank: { ...DEFAULT_RANKING.rerank, figure: 0 } });
    expect(unweighted.search(question, 3, ASKED_ON).hits[0]?.fact.id).toBe('kz-tau-ken-kuirektykol-2025');
  });

  it('is not read into questions asking something else', () => {
    expect(index.parse('who is developing the kazakhstan rare earth deposit', ASKED_ON).amount).toBe(false);
  });
});

describe('a count written in words', () => {
  it('is the figure: "seven rare earths" in a fact answers "which 7 rare earths"', () => {
    expect(stem('seven')).toBe(stem('7'));
    expect(searchTerms(fact('cn-april-2025-seven-ree').title)).toContain('7');
    expect(index.parse('which 7 rare earths did china restrict', ASKED_ON).terms).toEqual(index.parse('which seven rare earths did china restrict', ASKED_ON).terms);
  });

  it('between "which" and the group still asks for its members', () => {
    expect(index.parse('which 7 rare earths are on the april 2025 list', ASKED_ON).membersAsked).toBe('REE');
  });
});

describe('two questions in one message', () => {
  it("are both questions: the first one's name is not set aside as a remark beside the second", () => {
    for (const question of ['wat is project vault? how much money is behind it', 'what is project vault? how much money is behind it']) {
      const query = index.parse(question, ASKED_ON);
      expect(query.aside.has(stem('vault')), question).toBe(false);
      expect(index.search(question, 3, ASKED_ON).hits[0]?.fact.id, question).toBe('us-project-vault');
    }
  });

  it('only when more follows the question mark: a message ending in one asks once', () => {
    expect([...clausesAfterQuestionMark('what is project vault? how much money is behind it', true)]).toEqual([0]);
    expect([...clausesAfterQuestionMark('india magnet scheme - how is the money split?', true)]).toEqual([]);
    expect([...clausesAfterQuestionMark('india magnet scheme - how is the money split? ?!', true)]).toEqual([]);
  });
});

describe('a company whose name opens with a country ("USA Rare Earth")', () => {
  it('is named when written as a name: its country word stays a word its facts hold, and the country is still read', async () => {
    const withExtra = await rankingIndexWithExtra();
    const question = 'USA Rare Earth got a gov deal in january? how big';
    const query = withExtra.parse(question, ASKED_ON);
    expect(query.terms).toContain(stem('usa'));
    expect(query.countries.map((country) => country.code)).toContain('US');
    expect(withExtra.search(question, 3, ASKED_ON).hits[0]?.fact.id).toBe('usa-rare-earth-commerce-1-6bn-loi-2026');
  });

  it('is the country when written in lower case, or when the alias is no proper name', async () => {
    const withExtra = await rankingIndexWithExtra();
    expect(withExtra.parse('pakistan usa rare earth deal', ASKED_ON).terms).not.toContain(stem('usa'));
    expect(index.parse('USA Rare Earth got a gov deal', ASKED_ON).terms).not.toContain(stem('usa'));
  });
});

describe('who owns something', () => {
  it('asks for whoever holds a stake in it or bought it: "owner" meets a fact about a stake', () => {
    expect(ids('who is the owner of MP Materials')[0]).toBe('us-dod-mp-equity');
    expect(ids('who owns MP Materials now')[0]).toBe('us-dod-mp-equity');
  });
});

describe('what someone charges', () => {
  it('is the levy or fee a fact records, whichever word it uses', async () => {
    const withLevy = await rankingIndexWithExtra();
    expect(withLevy.search('what does the KIA charge china for myanmar rare earths', 3, ASKED_ON).hits[0]?.fact.id).toBe('mm-kia-export-terms');
  });
});

describe('a month written with its year as when something happened', () => {
  it('prefers, of the facts that mention it, the one dated in it', () => {
    expect(index.parse('which rare earths did china put under export control in april 2025').monthAsked).toBe(true);
    expect(index.parse('what was the average price in the march 2025 quarter').monthAsked).toBe(true);
    expect(ids('which rare earths did china put under export control in april 2025')[0]).toBe('cn-april-2025-seven-ree');
  });

  it('not a month naming a measure ("the october 2025 controls"), nor a bare month of either year', () => {
    expect(index.parse('is the october 2025 export control suspended').monthAsked).toBe(false);
    expect(index.parse('which rare earths did china put under export control in april').monthAsked).toBe(false);
  });
});

describe('an investigation called a probe', () => {
  it('is the investigation its fact names, not the one fact that says "probe"', async () => {
    const withProbes = await rankingIndexWithExtra();
    for (const question of ['section 232 probe of processed critical minerals: when did commerce start it', '232 minerals probe']) {
      expect(withProbes.search(question, 3, ASKED_ON).hits[0]?.fact.id, question).toBe('us-s232-initiation');
    }
  });
});

describe('a rank written as "number N"', () => {
  it('is the ordinal, as "2nd" is, not the word "number" and a figure', () => {
    expect(writtenOrdinals('is brazil really number 2 in reserves? #1 is china')).toBe('is brazil really 2nd in reserves? 1st is china');
    // An announcement's number, a count or a tonnage is no rank.
    expect(writtenOrdinals('Announcement No. 61, number 12, number 3 t')).toBe('Announcement No. 61, number 12, number 3 t');
    const query = index.parse('is brazil really number 2 in rare earth reserves', ASKED_ON);
    expect(query.terms).toContain(stem('second'));
    expect(query.terms).not.toContain(stem('number'));
  });
});
