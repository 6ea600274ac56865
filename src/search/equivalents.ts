import type { Postings } from './query-plan.ts';

/**
 * A word's postings joined with those of its equivalents (VOCABULARY.equivalents): a fact with any
 * of them matches, weighted as its best. Joined once per index and word, by merging the sorted
 * lists: joining them afresh for every question cost more, at 100k facts, than scoring it.
 */
const joined = new WeakMap<object, Map<string, Postings>>();

export function withEquivalents(term: string, own: Postings, equivalents: readonly string[], source: { postings(term: string): Postings | undefined }): Postings {
  const others = equivalents.flatMap((other) => {
    const postings = source.postings(other);
    return postings ? [postings] : [];
  });
  if (others.length === 0) return own;
  let cache = joined.get(source);
  if (!cache) {
    cache = new Map();
    joined.set(source, cache);
  }
  const cached = cache.get(term);
  if (cached) return cached;
  const result = others.reduce(merge, own);
  cache.set(term, result);
  return result;
}

function merge(a: Postings, b: Postings): Postings {
  const docs = new Int32Array(a.docs.length + b.docs.length);
  const weights = new Float32Array(docs.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.docs.length || j < b.docs.length) {
    const left = i < a.docs.length ? (a.docs[i] as number) : Infinity;
    const right = j < b.docs.length ? (b.docs[j] as number) : Infinity;
    if (left < right) {
      docs[k] = left;
      weights[k++] = a.weights[i++] as number;
    } else if (right < left) {
      docs[k] = right;
      weights[k++] = b.weights[j++] as number;
    } else {
      docs[k] = left;
      weights[k++] = Math.max(a.weights[i++] as number, b.weights[j++] as number);
    }
  }
  return { docs: docs.slice(0, k), weights: weights.slice(0, k) };
}
