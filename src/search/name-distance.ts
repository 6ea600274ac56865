/**
 * How far a typed name may be from a whole known name and still be taken for it. A misspelling of
 * "Kazakhstan" is one or two keystrokes off the whole word; "Mali" is not a misspelling of
 * "Australia" however much of it shares, nor "helium" of "thulium". Distances count a swap of two
 * neighbouring letters as one edit ("vietman").
 */
export function nameTolerance(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), giving up past `limit`. */
export function nameDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((rows[i - 1]?.[j] as number) + 1, (row[j - 1] as number) + 1, (rows[i - 1]?.[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (rows[i - 2]?.[j - 2] as number) + 1);
      row.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    rows.push(row);
  }
  return rows[a.length]?.[b.length] as number;
}

/**
 * The one label within tolerance of `typed`, or none: when two different things are equally close
 * ("malt": Mali or Malta), guessing would be as likely wrong as right.
 */
export function closestName<T>(typed: string, labels: Iterable<{ readonly label: string; readonly value: T }>): T | undefined {
  const tolerance = nameTolerance(typed.length);
  if (tolerance === 0) return undefined;
  let best: T | undefined;
  let bestDistance = tolerance + 1;
  let tied = false;
  for (const { label, value } of labels) {
    const distance = nameDistance(typed, label, bestDistance);
    if (distance < bestDistance) {
      best = value;
      bestDistance = distance;
      tied = false;
    } else if (distance === bestDistance && value !== best) {
      tied = true;
    }
  }
  return bestDistance <= tolerance && !tied ? best : undefined;
}
