/**
 * Work on lists of fact positions (ascending), kept out of the index's hot path. Bounding the facts
 * a search reaches through entities alone: in a large corpus a country or material reaches
 * thousands, and only the best-placed few hundred can end among the answers.
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

/** Whether one position is in every list: each of the shortest list's positions is looked up in the others. */
export function listsShareAny(lists: ReadonlyArray<readonly number[]>): boolean {
  const [shortest, ...rest] = [...lists].sort((a, b) => a.length - b.length);
  if (!shortest) return false;
  return shortest.some((doc) => rest.every((list) => contains(list, doc)));
}

function contains(sorted: readonly number[], value: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return sorted[low] === value;
}
