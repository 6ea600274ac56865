/**
 * The known name nearest to a mistyped one, for "did you mean" hints in problem messages.
 * Reference lists are small (hundreds of codes), so a plain edit distance is enough here.
 */
export function closest(input: string, candidates: Iterable<string>, maxDistance = 2): string | undefined {
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  const needle = input.toLowerCase();
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

export function didYouMean(input: string, candidates: Iterable<string>): string {
  const suggestion = closest(input, candidates);
  return suggestion ? ` (did you mean '${suggestion}'?)` : '';
}

/** Levenshtein distance, giving up early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return previous[b.length] as number;
}
