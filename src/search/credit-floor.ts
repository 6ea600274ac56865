/**
 * Bounding the facts a search reaches through entities alone: in a large corpus a country or
 * material reaches thousands, and only the best-placed few hundred can end among the answers.
 */
/** The entity credit of the `cap`-th best document: a counting sort on credit rounded to tenths. */
export function creditFloor(docs: readonly number[], credit: Float64Array, cap: number): number {
  const counts = new Map<number, number>();
  for (const doc of docs) {
    const key = Math.round((credit[doc] as number) * 10);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let taken = 0;
  for (const key of [...counts.keys()].sort((a, b) => b - a)) {
    taken += counts.get(key) as number;
    if (taken >= cap) return key / 10 - 0.05;
  }
  return -Infinity;
}
