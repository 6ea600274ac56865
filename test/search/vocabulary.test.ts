import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/knowledge/problems.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { loadVocabulary, VOCABULARY, VOCABULARY_FILE } from '../../src/search/vocabulary.ts';

const KNOWLEDGE_DIR = new URL('../../knowledge', import.meta.url).pathname;

const SHIPPED = readFileSync(VOCABULARY_FILE, 'utf8');

/** A minimal valid vocabulary, with `extra` lines replacing the section they name. */
function vocabulary(sections: Record<string, string>): string {
  const base: Record<string, string> = {
    stopWords: 'stopWords: [the, of, most]',
    spellings: 'spellings:\n  licence: license',
    synonyms: 'synonyms:\n  chip: [semiconductor]',
    concepts: 'concepts:\n  - hint: { kinds: [restriction] }\n    words: [ban, embargo]',
    shortWordsThatMatter: 'shortWordsThatMatter: [ceo]',
    signals:
      'signals:\n  recent: [latest]\n  comparison: [vs]\n  moreOrLess: [more]\n  ranking: [most]\n  askers: [who]\n  questionOpeners: [who]\n  past: [last]\n  thisPeriod: [this]\n  next: [next]\n  definition: [what is]\n  excluding: [outside]\n  pronounUsAfter: [tell]\n  origin: [start]\n  after: [after]\n  share: [how much of]\n  amount: [how big]\n  recentPhrases: [right now]\n  sourcing: [get]',
    declines: 'declines:\n  - reason: personal\n    message: no personal details.\n    phrases: [how old]',
  };
  return Object.entries({ ...base, ...sections })
    .map(([, text]) => text)
    .join('\n');
}

const problems = (text: string) => {
  const result = loadVocabulary(text, 'vocabulary.yaml');
  return result.ok ? [] : result.problems.map(formatProblem);
};

describe('the search vocabulary', () => {
  it('ships valid, with every role compiled', () => {
    const result = loadVocabulary(SHIPPED, 'src/search/vocabulary.yaml');
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
    if (!result.ok) return;
    const { vocabulary } = result;
    expect(vocabulary.stopWords.has('the')).toBe(true);
    expect(vocabulary.hints.get('embargo')?.kinds).toEqual(['restriction']);
    expect(vocabulary.equivalents.get('money')).toContain('fund');
    expect(vocabulary.declines.map((decline) => decline.reason)).toEqual([
      'advice',
      'personal',
      'element-property',
      'market-price',
      'shopping',
      'medical',
      'practical',
      'entertainment',
      'earth-science',
    ]);
    expect(vocabulary.regions.get('african')).toBe(vocabulary.regions.get('africa'));
  });

  it('names regions only by countries the reference lists know', async () => {
    const loaded = await loadKnowledge(KNOWLEDGE_DIR);
    if (!loaded.ok) throw new Error('the shipped knowledge does not load');
    const known = new Set(loaded.snapshot.countries.map((country) => country.code));
    const unknown = [...new Set([...VOCABULARY.regions.values()].flatMap((region) => region.members.filter((code) => !known.has(code))))];
    expect(unknown).toEqual([]);
  });

  it('accepts the minimal file the other tests start from', () => {
    expect(problems(vocabulary({}))).toEqual([]);
  });

  it('reports a malformed entry at its line', () => {
    expect(problems(vocabulary({ concepts: 'concepts:\n  - hint: { kinds: [rumour] }\n    words: [ban]' }))).toEqual([
      expect.stringMatching(/^vocabulary\.yaml:\d+:\d+ .*kinds.*must be one of market-share, restriction/),
    ]);
    expect(problems(vocabulary({ stopWords: 'stopWords: the' }))[0]).toMatch(/^vocabulary\.yaml:1:\d+ stopWords must be a list/);
  });

  it('rejects a word given two roles, naming both places', () => {
    const found = problems(vocabulary({ synonyms: 'synonyms:\n  ban: [prohibit]' }));
    expect(found).toEqual([expect.stringMatching(/^vocabulary\.yaml:\d+:\d+ 'ban' has two roles: a word of concept 1 .* and a synonym \('ban'\) at line \d+/)]);
    const twoConcepts = problems(vocabulary({ concepts: 'concepts:\n  - hint: { kinds: [restriction] }\n    words: [ban]\n  - hint: { kinds: [policy] }\n    words: [bans]' }));
    expect(twoConcepts).toEqual([expect.stringMatching(/'bans' has two roles: a word of concept 2 here and a word of concept 1 \('ban'\)/)]);
  });

  it('rejects entries search can never reach', () => {
    // A stop word is dropped before concepts are read.
    expect(problems(vocabulary({ concepts: 'concepts:\n  - hint: { kinds: [market-share] }\n    words: [most, share]' }))).toEqual([
      expect.stringMatching(/:\d+:\d+ 'most' is a stop word, dropped before concepts are read: this entry is never reached/),
    ]);
    // Only words of up to three letters are ever taken for noise.
    expect(problems(vocabulary({ shortWordsThatMatter: 'shortWordsThatMatter: [wife]' }))).toEqual([expect.stringMatching(/'wife' has more than 3 letters/)]);
    // A spelling that changes nothing, and one whose target is itself rewritten.
    expect(problems(vocabulary({ spellings: 'spellings:\n  bans: ban' }))).toEqual([expect.stringMatching(/spelling 'bans: ban' has no effect/)]);
    expect(problems(vocabulary({ spellings: 'spellings:\n  licence: license\n  permit: licence' }))).toEqual([
      expect.stringMatching(/spelling target 'licence' is itself a variant; spellings are not followed twice/),
    ]);
    // A synonym pointing at a stop word, which no fact is indexed under.
    expect(problems(vocabulary({ synonyms: 'synonyms:\n  chip: [the]' }))).toEqual([expect.stringMatching(/synonym target 'the' is a stop word/)]);
    // A phrase that both declines and exempts from the same reason.
    expect(problems(vocabulary({ declines: 'declines:\n  - reason: market-price\n    message: not market prices.\n    phrases: [per kg]\n    except: [per kg]' }))).toEqual([
      expect.stringMatching(/'per kg' both declines and exempts from 'market-price'/),
    ]);
    // An equivalence of one word matches nothing new.
    expect(problems(vocabulary({ concepts: 'concepts:\n  - equivalent: true\n    words: [ban, bans]' }))).toEqual([expect.stringMatching(/fewer than two distinct words/)]);
  });

  it('lists every problem at once, each at its own line', () => {
    const found = problems(vocabulary({ stopWords: 'stopWords: [the, the, of]', shortWordsThatMatter: 'shortWordsThatMatter: [wife]' }));
    expect(found).toHaveLength(2);
    expect(new Set(found.map((line) => line.split(' ')[0])).size).toBe(2);
  });
});
