import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask.ts';
import { stem } from '../../src/search/normalize.ts';
import { clauses, stripMarkup } from '../../src/search/tokens.ts';
import type { SearchIndex } from '../../src/search/search-index.ts';
import type { Candidate } from '../../src/search/fact-index.ts';
import { planQuery } from '../../src/search/query-plan.ts';
import { coversSubject, subjectOf } from '../../src/search/subject.ts';
import { coverageNeeded, DEFAULT_RANKING } from '../../src/search/ranking-params.ts';
import { ASKED_ON, rankingIndex } from './ranking-fixture.ts';

/**
 * What people wrap around a question on a chat server must not change its answer: for each kind of
 * noise, the wrapped question gives the same first fact as the bare one (on the frozen fixture).
 */
let index: SearchIndex;

beforeAll(async () => {
  index = await rankingIndex();
});

/**
 * Each says in the domain's words what it asks (a kind word such as "ban" or "reserves"): around a
 * question made only of names ("pentagon stake in MP Materials"), words the knowledge does not know
 * may be what it asks about, so they count in full (see the query-plan test in ranking.test.ts).
 */
const BARE = [
  'does china restrict gallium exports to the US',
  'how big are china rare earth reserves',
  'Malaysia ban on raw rare earth exports',
  'geneva trade truce may 2025',
  'china graphite export controls',
  'which rare earths did china add to export controls in october 2025',
];

type Wrap = (question: string) => string;
const NOISE: ReadonlyArray<readonly [string, Wrap]> = [
  ['greeting', (q) => `hey guys, quick q: ${q}? thanks!`],
  ['greeting and sign-off', (q) => `hi all 👋 ${q} ty in advance`],
  ['greeting without punctuation', (q) => `hey quick question ${q}`],
  ['markdown', (q) => `**${q}?** _asking for a friend_ \`urgent\``],
  ['markdown quote and link', (q) => `> ${q}\n[link](https://example.com/article?id=7)`],
  ['HTML', (q) => `<p><strong>${q}</strong></p><br/>&nbsp;`],
  ['mentions', (q) => `<@123456789012345678> <@&876543210987654321> @everyone ${q} <#112233445566778899>`],
  ['URL', (q) => `${q} https://www.reuters.com/markets/commodities/some-story-2025-06-01/`],
  ['multi-line', (q) => `hello\n\n${q.split(' ').slice(0, 3).join(' ')}\n${q.split(' ').slice(3).join(' ')}\n\nthx`],
  ['long chatty', (q) => `so my uncle keeps telling everyone at dinner about this and honestly I'm curious, ${q}, wondering what the sources say`],
  ['an apology in a sentence of its own', (q) => `Sorry for my english. ${q}?`],
  ['chat abbreviations', (q) => `tldr ${q} fwiw imho, lmk`],
  ['an introduction in sentences of their own', (q) => `Good morning everybody. I have followed these stories for many years. ${q}`],
  [
    'a long context about the asker before the question, past the words read',
    (q) =>
      `Context: I work in purchasing at a mid-sized supplier and our deliveries basically stopped for weeks last year. My boss wants a slide with hard numbers on all of this by Friday morning. ${q}?`,
  ],
];

describe('noise around a question', () => {
  for (const [kind, wrap] of NOISE) {
    it.each(BARE)(`${kind}: %s`, (question) => {
      const bare = ask(index, question, ASKED_ON);
      expect(bare.status, `bare "${question}" must be answered for this test to mean anything`).toBe('answered');
      const wrapped = ask(index, wrap(question), ASKED_ON);
      expect(wrapped.status, `"${wrap(question)}": ${wrapped.message ?? ''}`).toBe('answered');
      expect(wrapped.answers[0]?.factId).toBe(bare.answers[0]?.factId);
    });
  }

  it('still gives the honest no-answer when the wrapper holds nothing about the domain', () => {
    for (const text of ['hey guys, quick q: <@123456789012345678> how do I bake sourdough bread?', '**who won the world cup in 2022 lol**', '<p>tell me a joke</p>']) {
      expect(ask(index, text, ASKED_ON).status, text).toBe('no-answer');
    }
  });
});

describe('stripMarkup', () => {
  it('removes mentions, custom emoji, URLs, tags, entities and markdown, keeping link text and words, and marks line breaks as clause ends', () => {
    expect(stripMarkup('<@!42> hi <:rare:123456> **bold** __u__ ~~s~~ ||spoiler|| `code` [USGS](https://usgs.gov) &amp; <b>x</b>')).toBe('hi bold u s spoiler code USGS & x');
    expect(stripMarkup('# Heading\n- item one\n> quoted\n1. first')).toBe('Heading ; item one ; quoted ; first');
    expect(stripMarkup('see www.example.com/page and https://a.b/c?d=e')).toBe('see and');
  });

  it('keeps the question as typed in the answer, markup and all', () => {
    expect(ask(index, '**who restricts dysprosium exports**', ASKED_ON).query).toBe('**who restricts dysprosium exports**');
  });
});

describe('words around the question that are not its subject', () => {
  const importanceOf = (question: string, word: string) => {
    const query = index.parse(question, ASKED_ON);
    const plan = planQuery(query, index.facts, DEFAULT_RANKING, coverageNeeded(DEFAULT_RANKING, query.terms.length));
    const position = query.terms.indexOf(word);
    expect(position, `${word} in ${query.terms.join(' ')}`).toBeGreaterThanOrEqual(0);
    return plan.terms[position]?.importance ?? NaN;
  };

  it('weighs an unknown adverb of manner like noise, unless it is nearly the whole question', () => {
    expect(importanceOf('did the pentagon basically take a stake in MP Materials', 'basically')).toBe(DEFAULT_RANKING.shortUnknownImportance);
    expect(importanceOf('basically', 'basically')).toBe(index.facts.maxIdf);
  });

  it('keeps a rare known word of a topic clause ahead of the question, not of a clause after it', () => {
    const topic = index.parse('iluka eneabba - how much has australia lent for its rare earth refinery', ASKED_ON);
    expect([...topic.topic]).toEqual(expect.arrayContaining(['iluka', 'eneabba']));
    expect(importanceOf('iluka eneabba - how much has australia lent for its rare earth refinery', 'eneabba')).toBeGreaterThan(0);
    expect(index.parse('how much has australia lent for its rare earth refinery, iluka eneabba?', ASKED_ON).topic.size).toBe(0);
  });

  it('reads chat abbreviations as no words of the question, and "tl;dr" as one of them, not as DR Congo', () => {
    expect(index.parse('tldr of the us ukraine minerals deal fwiw', ASKED_ON).terms).toEqual([stem('minerals'), stem('deal')]);
    expect(index.parse('tl;dr us ukraine minerals deal', ASKED_ON).countries.map((country) => country.code)).toEqual(['US', 'UA']);
  });

  it('takes no topic from a clause introducing the asker or setting when', () => {
    const question = 'trader here. after the iluka deal, how much has australia lent for its rare earth refinery';
    expect(index.parse(question, ASKED_ON).topic.size).toBe(0);
    expect(index.parse('i work at iluka eneabba, how much has australia lent for its rare earth refinery', ASKED_ON).topic.size).toBe(0);
    expect([...index.parse('iluka eneabba - how much has australia lent for its rare earth refinery', ASKED_ON).topic]).toContain('eneabba');
  });

  it('never takes a signal word the facts do not use for a subject', () => {
    expect(index.parse('which is bigger, iluka eneabba or kazakhstan zhana?', ASKED_ON).terms).not.toContain('bigger');
    expect(index.parse('who refines rare earths besides china', ASKED_ON).terms).not.toContain('besid');
  });
});

describe('a near fact that has all the question is about (subject.ts)', () => {
  const covers = (question: string, id: string) => {
    const query = index.parse(question, ASKED_ON);
    const candidate = index.facts.search(query, { minCoverage: 0, limit: 60 }).find((entry) => entry.fact.id === id);
    expect(candidate, `${id} among the candidates of ${question}`).toBeDefined();
    return coversSubject(query, subjectOf(query, index.facts, DEFAULT_RANKING), candidate as Candidate, index.snapshot);
  };

  it('covers a question naming a place and a month when it is of that place and month', () => {
    expect(covers('the london talks in june 2025', 'london-framework-june-2025')).toBe(true);
    expect(covers('the london talks in june 2025', 'geneva-truce-may-2025')).toBe(false);
  });

  it('never covers a question that names nothing specific, or says what it asks in words no fact knows', () => {
    expect(covers('how much rare earth do magnets need', 'reuters-china-magnets-90')).toBe(false);
    expect(covers('did the blorfs sign anything at the london talks in june 2025', 'london-framework-june-2025')).toBe(false);
  });
});

describe('stop words inflected', () => {
  it('drops a stop word with a regular ending, but not a word the stemmer reads otherwise', () => {
    expect(index.parse('is the EU getting these general licences', ASKED_ON).terms).not.toContain('get');
    expect(index.parse('my supplier keeps saying licence pending', ASKED_ON).terms).not.toContain('say');
    expect(index.parse('export permits dated 2025', ASKED_ON).terms).toContain(stem('dated'));
    expect(index.parse('china noted the uses of gallium', ASKED_ON).terms).toEqual(expect.arrayContaining([stem('noted'), stem('uses')]));
  });
});

describe('a full stop', () => {
  it('ends a clause after a word or a number, so a sentence before the question is a clause of its own', () => {
    expect(clauses('Sorry for my english. Vietnam made a new law in december 2025. what is forbidden')).toEqual([
      'Sorry for my english',
      'Vietnam made a new law in december 2025',
      'what is forbidden',
    ]);
  });

  it('does not after an abbreviation, an initial or inside a figure', () => {
    expect(clauses('U.S. curbs under No. 61 and Mr. Xi on 2.5 t')).toEqual(['U.S. curbs under No. 61 and Mr. Xi on 2.5 t']);
    expect(clauses('all rare earths incl. tin by-products, approx. 5 t since Jan. 2025')).toEqual(['all rare earths incl. tin by-products', ' approx. 5 t since Jan. 2025']);
  });

  it('lets the question after a sentence of chatter find what the bare question finds', () => {
    const bare = ask(index, 'Malaysia ban on raw rare earth exports', ASKED_ON);
    const wrapped = ask(index, 'Sorry for my english, i am student. Malaysia ban on raw rare earth exports, from when it apply?', ASKED_ON);
    expect(wrapped.answers[0]?.factId).toBe(bare.answers[0]?.factId);
  });
});

describe('a remark with words no fact holds, beside a clause that asks', () => {
  it('does not sink the question: the same first fact, found as surely', () => {
    const bare = ask(index, 'china rare earth export controls of october 2025, which were added?', ASKED_ON);
    const remark = 'china rare earth export controls of october 2025 totally bamboozled me, which were added?';
    expect(index.parse(remark).remarkWords.has(stem('bamboozled'))).toBe(true);
    const wrapped = ask(index, remark, ASKED_ON);
    expect(wrapped.answers[0]?.factId).toBe(bare.answers[0]?.factId);
    expect(wrapped.answers[0]?.score).toBe(bare.answers[0]?.score);
  });

  it('only when another clause asks: the words of the clause that asks are never a remark', () => {
    expect(index.parse('which rare earths did china add in october 2025, totally bamboozled').remarkWords.size).toBe(0);
    expect(index.parse('china rare earth export controls bamboozled me').remarkWords.size).toBe(0);
  });
});
