import type { DocList } from './growing-array.ts';

/**
 * Candidates ordered by a bound on how much of the question their words cover (`key`, at most
 * `maxKey`), most first, in buckets: a counting sort, linear, where a full sort of tens of
 * thousands would cost as much as scoring them. Scored in this order, the best candidates fill the top few early; once they do, a
 * bucket whose best could not reach the worst of them, and every bucket after it, is skipped.
 */
export interface CandidateOrder {
  /** The candidates, bucket by bucket, best bucket first (a reused buffer: read up to the last bucket's end). */
  readonly docs: Int32Array;
  /** Where each bucket starts in `docs` (one entry more than buckets). */
  readonly starts: Int32Array;
  /** The highest key a candidate of each bucket can have. */
  readonly upper: Float64Array;
}

const BUCKETS = 64;

/** `into` receives the ordered candidates (at least as long as `touched`), reused between searches. */
export function orderByWords(touched: DocList, key: (doc: number) => number, maxKey: number, into: Int32Array): CandidateOrder {
  const buckets = maxKey > 0 ? BUCKETS : 1;
  const bucketOf = (doc: number) => (buckets === 1 ? 0 : Math.min(buckets - 1, Math.max(0, buckets - 1 - Math.floor((key(doc) * buckets) / maxKey))));
  const counts = new Int32Array(buckets + 1);
  for (let i = 0; i < touched.length; i++) {
    const b = bucketOf(touched.at(i)) + 1;
    counts[b] = (counts[b] as number) + 1;
  }
  for (let b = 0; b < buckets; b++) counts[b + 1] = (counts[b + 1] as number) + (counts[b] as number);
  const starts = counts.slice();
  const fill = counts.slice(0, buckets);
  const docs = into;
  for (let i = 0; i < touched.length; i++) {
    const doc = touched.at(i);
    const b = bucketOf(doc);
    docs[fill[b] as number] = doc;
    fill[b] = (fill[b] as number) + 1;
  }
  // Bucket b (best first) holds keys below (buckets - b) / buckets of the most; the
  // first holds up to the most itself. The margin covers rounding in the bucketing.
  const upper = Float64Array.from({ length: buckets }, (_, b) => (b === 0 ? maxKey : ((buckets - b) * maxKey) / buckets) + 1e-9);
  return { docs, starts, upper };
}
