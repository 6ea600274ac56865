/**
 * The stemmer facts and questions share, before the vocabulary's spellings are applied (see
 * normalize.ts `stem`). A light English stemmer: enough to meet "restrictions"/"restriction",
 * "quotas"/"quota", "magnets"/"magnet", "mining"/"mine", "refining"/"refine", without the surprises
 * of a full one. Short words and words with figures are left as they are.
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
 * stays "end", and a doubled consonant is undone ("banned" → "ban", "stopped" → "stop").
 */
function restoreE(word: string): string {
  if (/([^aeiouls])\1$/.test(word)) return word.slice(0, -1);
  return word.length === 3 && /^[^aeiou][aeiou][^aeiouwxy]$/.test(word) ? `${word}e` : word;
}
