import { MONTH_ABBREVIATIONS } from './tokens.ts';
import { VOCABULARY } from './vocabulary.ts';

/** Dates in a question's words: month names, and dates relative to the day it is asked. */
export const YEAR = /^(?:19|20)\d{2}$/;
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export function monthNumber(token: string): number | undefined {
  const index = MONTH_NAMES.indexOf(token);
  if (index >= 0) return index + 1;
  const short = MONTH_ABBREVIATIONS.indexOf(token === 'sept' ? 'sep' : token);
  return short >= 0 ? short + 1 : undefined;
}

const { past: RELATIVE_PAST, thisPeriod: RELATIVE_THIS, next: RELATIVE_NEXT } = VOCABULARY.signals;
const NUMBER_WORDS: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, four: 4, five: 5, a: 1 };

/**
 * "last year", "this month", "last october", "two years ago": dates relative to `now`, as years or
 * months. Without a clock the words are still read as dates (not as search terms), only unresolved.
 */
export function relativeDates(raw: readonly string[], now: Date | undefined, consumed: Set<number>, years: number[], months: string[]): void {
  const lower = raw.map((token) => token.toLowerCase());
  const year = now?.getUTCFullYear();
  const month = now === undefined ? undefined : now.getUTCMonth() + 1;
  const shift = (word: string): number | undefined => (RELATIVE_PAST.has(word) ? -1 : RELATIVE_THIS.has(word) ? 0 : RELATIVE_NEXT.has(word) ? 1 : undefined);
  // A month is matched within its year, so the year is asked for too.
  const pushMonth = (y: number, m: number) => {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    if (!years.includes(y)) years.push(y);
  };
  lower.forEach((word, index) => {
    const next = lower[index + 1];
    if (next === undefined) return;
    const direction = shift(word);
    if (direction !== undefined && (next === 'year' || next === 'yr')) {
      consumed.add(index).add(index + 1);
      if (year !== undefined) years.push(year + direction);
    } else if (direction !== undefined && next === 'month') {
      consumed.add(index).add(index + 1);
      if (year !== undefined && month !== undefined) {
        const total = year * 12 + (month - 1) + direction;
        pushMonth(Math.floor(total / 12), (total % 12) + 1);
      }
    } else if (direction !== undefined && monthNumber(next) !== undefined && !YEAR.test(lower[index + 2] ?? '')) {
      consumed.add(index).add(index + 1);
      const named = monthNumber(next) as number;
      if (year !== undefined && month !== undefined) {
        // "last October" in November 2026 is October 2026; "last December" is December 2025.
        const y = direction < 0 ? (named < month ? year : year - 1) : direction > 0 ? (named > month ? year : year + 1) : year;
        pushMonth(y, named);
      }
    } else if ((next === 'years' || next === 'yrs') && lower[index + 2] === 'ago') {
      const count = /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word];
      if (count === undefined) return;
      consumed
        .add(index)
        .add(index + 1)
        .add(index + 2);
      if (year !== undefined) years.push(year - count);
    }
  });
  if (year === undefined || month === undefined) return;
  // "the October export ban": a month without a year is a recent one, this year's or last year's.
  const written = [...new Set(lower.filter((word) => YEAR.test(word)).map(Number))];
  lower.forEach((word, index) => {
    const named = word === 'may' ? undefined : monthNumber(word);
    if (named === undefined || consumed.has(index)) return;
    // "October last year", "in March this year": the month of that year only.
    const direction = shift(lower[index + 1] ?? '');
    if (direction !== undefined && (lower[index + 2] === 'year' || lower[index + 2] === 'yr')) {
      const target = year + direction;
      months.push(`${target}-${String(named).padStart(2, '0')}`);
      return;
    }
    if ([lower[index - 2], lower[index - 1], lower[index + 1], lower[index + 2]].some((near) => near !== undefined && YEAR.test(near))) return;
    // "…the april 2025 controls or just the october ones": the year the question writes is the month's too.
    if (written.length > 0) {
      for (const y of written) pushMonth(y, named);
      return;
    }
    const latest = named <= month ? year : year - 1;
    pushMonth(latest, named);
    pushMonth(latest - 1, named);
  });
}
