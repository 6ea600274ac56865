import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask.ts';
import type { Fact } from '../../src/knowledge/schema.ts';
import { formsIn, statesFigure } from '../../src/search/answer-form.ts';
import { stem } from '../../src/search/normalize.ts';
import { originBonus } from '../../src/search/rerank-fit.ts';
import { DEFAULT_RANKING } from '../../src/search/ranking-params.ts';
import { SearchIndex } from '../../src/search/search-index.ts';
import { ASKED_ON, rankingIndex } from './ranking-fixture.ts';

/**
 * The form of the figure a question asks for (an amount, a tonnage, a percentage), the start of a
 * measure ("when did … start"), and a second question after a question mark: each tested on the
 * frozen fixture knowledge by the order it produces.
 */
let index: SearchIndex;

beforeAll(async () => {
  index = await rankingIndex();
});

const ids = (question: string, on: SearchIndex = index) => ask(on, question, ASKED_ON).answers.map((item) => item.factId);
const factById = (id: string): Fact => {
  const fact = index.snapshot.facts.find((candidate) => candidate.id === id);
  if (!fact) throw new Error(`no fixture fact ${id}`);
  return fact;
};
const withText = (id: string, title: string, summary: string): Fact => ({ ...factById(id), title, summary });

describe('the forms of figure a fact states', () => {
  it.each([
    ['6,000 tonnes a year', 'quantity'],
    ['270,000 t in 2024', 'quantity'],
    ['exports fell to 3,501 kg', 'quantity'],
    ['69% of mining', 'share'],
    ['about 90 per cent of refining', 'share'],
  ])('reads "%s" as %s', (summary, form) => {
    expect([...formsIn(withText('cn-ga-ge-controls-2023', 'A title', summary))]).toEqual([form]);
  });

  it('does not take numbers, dates, counts or amounts of money for tonnages or shares', () => {
    const fact = withText(
      'cn-ga-ge-controls-2023',
      'Announcement No. 61 (Oct 2025)',
      'On 2025-10-09 China put 12 of the 17 rare earths under licence; 8 gallium items; US$8.5 billion.',
    );
    expect(formsIn(fact).size).toBe(0);
  });

  it('counts tonnages, shares, money and large counts as figures, not dates, years or small numbers', () => {
    const states = (summary: string) => statesFigure(withText('cn-ga-ge-controls-2023', 'A title', summary));
    expect(states('a quota of 270,000 t')).toBe(true);
    expect(states('€3 billion for projects')).toBe(true);
    expect(states('about 1.2 million tonnes of ore')).toBe(true);
    expect(states('a workforce of 12,000')).toBe(true);
    expect(states('On 2025-10-09, in October 2025, China put 12 of the 17 rare earths under Announcement No. 61')).toBe(false);
  });

  it('takes a market share’s unit as its form whatever its text says', () => {
    const share = index.snapshot.facts.find((fact) => fact.kind === 'market-share' && fact.shares.some((entry) => entry.unit === 'tonnes'));
    expect(share).toBeDefined();
    expect(formsIn({ ...(share as Fact), title: 'no figures', summary: 'none here' }).has('quantity')).toBe(true);
  });

  it('answers "how many tonnes" with the tonnage, though the fact never says "tonnes"', () => {
    expect(factById('usgs-2024-myanmar-output').summary).not.toMatch(/tonnes?\b/i);
    expect(ids('how many tonnes of rare earths does myanmar mine')[0]).toBe('usgs-2024-myanmar-output');
  });
});

describe('a question asking when something started', () => {
  it('answers with the earliest of the facts that cover it alike: the measure, before what built on it', () => {
    expect(ids('when did china start requiring export licences for gallium')[0]).toBe('cn-ga-ge-controls-2023');
    // Without the start read, a later figure on gallium ranks first.
    expect(ids('when did china start controlling gallium exports')[0]).toBe('cn-ga-ge-controls-2023');
    const unordered = new SearchIndex(index.snapshot, { ...DEFAULT_RANKING, rerank: { ...DEFAULT_RANKING.rerank, origin: 0 } });
    expect(ids('when did china start controlling gallium exports', unordered)[0]).not.toBe('cn-ga-ge-controls-2023');
  });

  it('lets only facts naming the subject in their title compete, when the question names one', () => {
    const launch = factById('us-project-vault');
    // An earlier fact that mentions Project Vault in passing did not start it.
    const mention = withText('us-dod-mp-equity', 'The Pentagon takes a stake in MP Materials', 'Listed later beside Project Vault.');
    const entries = [
      { fact: launch, combined: 2 },
      { fact: { ...mention, date: '2025-07-10' }, combined: 2 },
    ];
    originBonus(entries, [stem('vault')], [], DEFAULT_RANKING);
    expect(entries.map((entry) => entry.combined)).toEqual([2 + DEFAULT_RANKING.rerank.origin, 2]);
    // Without a subject named, the earliest of them is the start.
    const unnamed = entries.map((entry) => ({ ...entry, combined: 2 }));
    originBonus(unnamed, [], [], DEFAULT_RANKING);
    expect(unnamed.map((entry) => entry.combined)).toEqual([2, 2 + DEFAULT_RANKING.rerank.origin]);
  });

  it('gives the start to the earliest report when the best answer is a report, not a measure: "when did Lynas start making Dy"', () => {
    const base = factById('au-lynas-first-dy');
    const first = { ...base, id: 'first-dy', kind: 'background' as const, date: '2025-05' };
    const later = { ...base, id: 'quarter-report', kind: 'background' as const, date: '2025-10' };
    // Malaysia's earlier export rule, a measure, did not start Lynas's dysprosium.
    const rule = { ...factById('us-project-vault'), id: 'my-export-rule', kind: 'policy' as const, date: '2023-10' };
    const entries = () => [
      { fact: later, combined: 2.1 },
      { fact: first, combined: 2 },
      { fact: rule, combined: 2 },
    ];
    const asked = entries();
    originBonus(asked, [], [], DEFAULT_RANKING);
    expect(asked.map((entry) => entry.combined)).toEqual([2.1, 2 + DEFAULT_RANKING.rerank.origin, 2]);
    // "What is …", or a question in a measure's words ("controls"), still asks for the measure that started it.
    const defined = entries();
    originBonus(defined, [], [], DEFAULT_RANKING, true);
    expect(defined.map((entry) => entry.combined)).toEqual([2.1, 2, 2 + DEFAULT_RANKING.rerank.origin]);
  });

  it("lets only the named country's own measures compete, when the best answer is one", () => {
    const base = factById('us-project-vault');
    const reserve = { ...base, id: 'au-reserve', kind: 'policy' as const, actor: 'AU', countries: ['AU'], date: '2025-04' };
    // Germany's earlier fund that invests in Australia names Australia too, but did not start Australia's reserve.
    const fund = { ...base, id: 'de-fund', kind: 'policy' as const, actor: 'DE', countries: ['DE', 'AU'], date: '2024-10-02' };
    const entries = [
      { fact: reserve, combined: 2 },
      { fact: fund, combined: 2 },
    ];
    originBonus(entries, [], ['AU'], DEFAULT_RANKING);
    expect(entries.map((entry) => entry.combined)).toEqual([2 + DEFAULT_RANKING.rerank.origin, 2]);
    // Asked of Germany, or of no country, the fund is the earlier start.
    for (const countries of [['DE'], []]) {
      const again = entries.map((entry) => ({ ...entry, combined: 2 }));
      originBonus(again, [], countries, DEFAULT_RANKING);
      expect(again.map((entry) => entry.combined)).toEqual([2, 2 + DEFAULT_RANKING.rerank.origin]);
    }
  });

  it('is not asked by a clause that sets when ("After the controls started, when did MOFCOM approve the first licences")', () => {
    expect(index.parse('After the Ga/Ge controls started, when did MOFCOM approve the first export licences?').origin).toBe(false);
    expect(index.parse('since when do gallium exports need a licence').origin).toBe(true);
    expect(index.parse('when did the gallium controls start').origin).toBe(true);
  });

  it('asks no fact to hold the words of a phrase that asks it ("effective date", "take effect"); a single word stays', () => {
    const query = index.parse('antimony export controls china effective date');
    expect(query.origin).toBe(true);
    expect(query.terms).not.toContain(stem('effective'));
    expect(query.terms).not.toContain(stem('date'));
    expect(index.parse('when did the gallium licensing take effect').terms).not.toContain(stem('effect'));
    expect(index.parse('when does production start at stillwater').terms).toContain(stem('start'));
  });

  it('is read from the words that ask it, and not from a plain "when"', () => {
    expect(index.parse('when did the gallium licensing take effect').origin).toBe(true);
    expect(index.parse('antimony export controls start date?').origin).toBe(true);
    expect(index.parse('since when does china control antimony exports').origin).toBe(true);
    expect(index.parse('what is project vault').origin).toBe(true);
    expect(index.parse('when did china and the us meet in geneva').origin).toBe(false);
  });
});

describe('a second question after a question mark', () => {
  it('counts the words of a clause after "?" that opens with a question word, as the first question’s', () => {
    const query = index.parse('how did south korea respond to the curbs? do they have stockpiles');
    expect(query.terms).toContain('stockpil');
    expect(query.aside.has('stockpil')).toBe(false);
  });

  it('still sets aside a remark after the question mark', () => {
    const query = index.parse('what did beijing add to the rare earth list in october 2025? i heard it was 5 more elements');
    expect(query.aside.has('element')).toBe(true);
  });
});
