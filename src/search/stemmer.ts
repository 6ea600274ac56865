/**
 * The stemmer facts and questions share, before the vocabulary's spellings are applied (see
 * normalize.ts `stem`). A light English stemmer: enough to meet "restrictions"/"restriction",
 * "quotas"/"quota", "magnets"/"magnet", "mining"/"mine", "refining"/"refine", without the surprises
 * of a full one. Short words and words with figures are left as they are.
 *
 * Porter2 (the `porter2` package, 1.1.0) was tried behind this function and measured worse: on the
 * phrasing report 319/320 rows instead of 320/320, on the benchmark's planted questions top-1 28/30
 * instead of 29/30, and one development question lost its answer from the top three, with the
 * vocabulary checker flagging eleven spellings it made redundant. So the light stemmer stays.
 */
export function baseStem(token: string): string {
  if (token.length <= 3 || /\d/.test(token)) return token;
  let word = token;
  if (word.endsWith('ies') && word.length > 4) word = `${word.slice(0, -3)}y`;
  else if (word.endsWith('sses')) word = word.slice(0, -2);
  else if (word.endsWith('ses') && word.length > 5) word = word.slice(0, -1);
  else if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) word = word.slice(0, -1);
  if (word.endsWith('ing') && word.length > 5) word = restoreE(word.slice(0, -3));
  else if (word.endsWith('ed') && word.length > 4 && !word.endsWith('eed')) word = restoreE(word.slice(0, -2));
  if (word.endsWith('e') && word.length > 4) word = word.slice(0, -1);
  return word;
}

/**
 * After "-ing" or "-ed" comes off: "mining" → "min" → "mine" (meets "mine" and "mined"), "ended"
 * stays "end", and a doubled consonant is undone ("banned" → "ban", "stopped" → "stop") but for
 * a base of three letters ("added" → "add", as "adds").
 */
function restoreE(word: string): string {
  // "Added" keeps its "add": a base of two letters would be no word.
  if (word.length > 3 && /([^aeiouls])\1$/.test(word)) return word.slice(0, -1);
  return word.length === 3 && /^[^aeiou][aeiou][^aeiouwxy]$/.test(word) ? `${word}e` : word;
}
