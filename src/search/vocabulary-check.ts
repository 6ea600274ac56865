import type { Position } from '../knowledge/yaml-document.ts';
import type { Locator } from '../knowledge/zod-problems.ts';
import { baseStem } from './stemmer.ts';
import { tokenize } from './tokens.ts';
import type { VocabularyFile } from './vocabulary.ts';

/**
 * The checks a vocabulary passes beyond its shape: each word has one role, and every entry can be
 * reached by search. Search drops stop words first, applies one spelling, follows one synonym and
 * treats only words of up to three letters as possible noise; an entry that this order can never
 * reach, or that gives a word a second meaning, is an error rather than a silent no-op.
 */
export interface RoleProblem {
  readonly position: Position;
  readonly message: string;
}

interface Claim {
  readonly role: string;
  readonly word: string;
  readonly position: Position;
}

const SHORT_WORD_LETTERS = 3;

export function checkRoles(data: VocabularyFile, locate: Locator): RoleProblem[] {
  const problems: RoleProblem[] = [];
  const report = (position: Position, message: string) => problems.push({ position, message });
  const tokensOf = (word: string) => tokenize(word);
  const single = (word: string, position: Position): string | undefined => {
    const tokens = tokensOf(word);
    if (tokens.length === 1) return tokens[0];
    report(position, tokens.length === 0 ? `'${word}' has no letters or figures` : `'${word}' must be one word (it reads as ${tokens.length})`);
    return undefined;
  };

  const stopWords = new Set<string>();
  data.stopWords.forEach((word, i) => {
    const position = locate.positionOf(['stopWords', i]);
    const token = single(word, position);
    if (token === undefined) return;
    if (stopWords.has(token)) report(position, `stop word '${word}' is listed twice`);
    stopWords.add(token);
  });

  const spellings = new Map<string, string>();
  for (const [variant, target] of Object.entries(data.spellings)) {
    const from = single(variant, locate.positionOfKey(['spellings'], variant));
    const to = single(target, locate.positionOf(['spellings', variant]));
    if (from !== undefined && to !== undefined) spellings.set(baseStem(from), baseStem(to));
  }
  const stemOf = (token: string) => {
    const base = baseStem(token);
    return spellings.get(base) ?? base;
  };

  const claims = new Map<string, Claim>();
  const claim = (key: string, role: string, word: string, position: Position) => {
    const first = claims.get(key);
    if (first && first.role !== role) {
      report(position, `'${word}' has two roles: ${role} here and ${first.role} ('${first.word}') at line ${first.position.line}; a word has one role`);
    } else if (!first) {
      claims.set(key, { role, word, position });
    }
  };
  const reachable = (token: string, word: string, position: Position, role: string): boolean => {
    if (!stopWords.has(token)) return true;
    report(position, `'${word}' is a stop word, dropped before ${role} are read: this entry is never reached`);
    return false;
  };

  for (const [variant, target] of Object.entries(data.spellings)) {
    const position = locate.positionOfKey(['spellings'], variant);
    const from = tokensOf(variant)[0];
    const to = tokensOf(target)[0];
    if (from === undefined || to === undefined || !reachable(from, variant, position, 'spellings')) continue;
    if (baseStem(from) === baseStem(to)) report(position, `spelling '${variant}: ${target}' has no effect: both already stem to '${baseStem(to)}'`);
    else if (data.spellings[target] !== undefined || (spellings.has(baseStem(to)) && spellings.get(baseStem(to)) !== baseStem(to))) {
      report(locate.positionOf(['spellings', variant]), `spelling target '${target}' is itself a variant; spellings are not followed twice`);
    }
    claim(`spelling:${baseStem(from)}`, 'a spelling', variant, position);
  }

  for (const [word, targets] of Object.entries(data.synonyms)) {
    const position = locate.positionOfKey(['synonyms'], word);
    const token = single(word, position);
    if (token === undefined || !reachable(token, word, position, 'synonyms')) continue;
    claim(stemOf(token), 'a synonym', word, position);
    targets.forEach((target, j) => {
      const targetPosition = locate.positionOf(['synonyms', word, j]);
      const targetToken = single(target, targetPosition);
      if (targetToken === undefined) return;
      if (stopWords.has(targetToken)) report(targetPosition, `synonym target '${target}' is a stop word, which no fact is indexed under`);
      else if (stemOf(targetToken) === stemOf(token)) report(targetPosition, `synonym target '${target}' is the word itself`);
    });
  }

  data.concepts.forEach((concept, c) => {
    const stems = new Set<string>();
    concept.words.forEach((word, w) => {
      const position = locate.positionOf(['concepts', c, 'words', w]);
      const token = single(word, position);
      if (token === undefined || !reachable(token, word, position, 'concepts')) return;
      stems.add(stemOf(token));
      claim(stemOf(token), `a word of concept ${c + 1}`, word, position);
    });
    if (concept.equivalent && stems.size < 2)
      report(locate.positionOf(['concepts', c]), `equivalent concept ${c + 1} has fewer than two distinct words after stemming, so it matches nothing new`);
    if (!concept.hint && !concept.equivalent) report(locate.positionOf(['concepts', c]), `concept ${c + 1} has neither a hint nor equivalent: true, so it does nothing`);
  });

  data.shortWordsThatMatter.forEach((word, i) => {
    const position = locate.positionOf(['shortWordsThatMatter', i]);
    const token = single(word, position);
    if (token === undefined || !reachable(token, word, position, 'short words')) return;
    if (token.length > SHORT_WORD_LETTERS)
      report(position, `'${word}' has more than ${SHORT_WORD_LETTERS} letters; only shorter words are ever taken for noise, so this entry is never reached`);
    claim(stemOf(token), 'a short word that matters', word, position);
  });

  for (const [name, list] of Object.entries(data.signals)) {
    list.forEach((word, i) => {
      if (tokensOf(word).length === 0) report(locate.positionOf(['signals', name, i]), `'${word}' has no letters or figures`);
    });
  }
  data.declines.forEach((decline, d) => {
    decline.phrases.forEach((phrase, p) => {
      const tokens = tokensOf(phrase);
      if (tokens.length === 0) report(locate.positionOf(['declines', d, 'phrases', p]), `'${phrase}' has no letters or figures`);
      else if (tokens.every((token) => stopWords.has(token)) && tokens.length === 1) {
        report(locate.positionOf(['declines', d, 'phrases', p]), `decline phrase '${phrase}' is a single stop word and would decline almost any question`);
      }
    });
    const declining = new Set(decline.phrases.map((phrase) => tokensOf(phrase).join(' ')));
    (decline.except ?? []).forEach((phrase, p) => {
      const tokens = tokensOf(phrase);
      if (tokens.length === 0) report(locate.positionOf(['declines', d, 'except', p]), `'${phrase}' has no letters or figures`);
      else if (declining.has(tokens.join(' '))) report(locate.positionOf(['declines', d, 'except', p]), `'${phrase}' both declines and exempts from '${decline.reason}'`);
    });
  });
  return problems;
}
