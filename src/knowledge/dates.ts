/**
 * Partial dates ("2024", "2024-05", "2024-05-01") are how sources state time: a quota year, a month
 * of exports, a day a rule took effect. They compare as strings once padded to the earliest day.
 */

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function isValidPartialDate(value: string): boolean {
  const match = PARTIAL_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  if (year < 1900 || year > 2100) return false;
  if (match[2] === undefined) return true;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return false;
  if (match[3] === undefined) return true;
  const day = Number(match[3]);
  return day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first day a partial date can mean: "2024-05" → "2024-05-01". */
export function earliestDay(value: string): string {
  if (value.length === 4) return `${value}-01-01`;
  if (value.length === 7) return `${value}-01`;
  return value;
}

/** The last day a partial date can mean: "2024-02" → "2024-02-29". */
export function latestDay(value: string): string {
  if (value.length === 4) return `${value}-12-31`;
  if (value.length === 7) {
    const [year, month] = value.split('-').map(Number) as [number, number];
    return `${value}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
  }
  return value;
}

/**
 * True when `later` certainly does not precede `earlier`. Two partial dates that overlap
 * ("2025-04" and "2025-04-04") are consistent, because a source may know only the month.
 */
export function mayFollow(earlier: string, later: string): boolean {
  return latestDay(later) >= earliestDay(earlier);
}

export function toIsoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
