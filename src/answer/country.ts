import { latestDay, toIsoDay } from '../knowledge/dates.ts';
import type { Fact, MarketShareFact, MarketStage } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { answered, itemOf, type Answer, type AnswerItem, type ShareRow } from './answer.ts';
import { byDateDescending, countryName, describeMeeting, describeRestriction } from './describe.ts';
import { factsAbout } from './facts-by-country.ts';
import { rankShares } from './market-share.ts';
import { shownStatusOf, type ShownStatus } from './shown-status.ts';

/** Items shown per section; the rest is one command away (/restrictions, /meetings). */
export const SECTION_LIMIT = 6;
const PROFILE_STAGES: readonly MarketStage[] = ['mining', 'reserves', 'refining', 'magnets'];
const MAX_SHARE_ROWS = 40;

/**
 * A country's profile: its shares at each stage of the supply chain (with year and source), the
 * restrictions it imposes and faces, its policies, meetings and agreements, and what changed last.
 * Restrictions carry their status as shown on `now`'s day; an end date passed since the newest
 * fact is the latest change.
 */
export function country(snapshot: Snapshot, code: string, now: Date): Answer {
  const today = toIsoDay(now);
  const name = countryName(snapshot, code);
  const about = [...factsAbout(snapshot, code)].sort(byDateDescending);
  if (about.length === 0) {
    return answered('country', name, snapshot, [], {
      message: `No sourced facts about ${name} yet.`,
      suggestions: ['/restrictions', '/market-share stage:mining'],
    });
  }

  const shares = sharesOf(snapshot, code, about);
  const sections: Array<[string, Fact[]]> = [
    ['Market shares', about.filter((fact) => fact.kind === 'market-share')],
    ['Restrictions it imposes', about.filter((fact) => fact.kind === 'restriction' && fact.imposedBy === code)],
    ['Restrictions it faces', about.filter((fact) => fact.kind === 'restriction' && fact.imposedBy !== code)],
    ['Policies', about.filter((fact) => fact.kind === 'policy')],
    ['Meetings and agreements', about.filter((fact) => fact.kind === 'meeting')],
    ['Background', about.filter((fact) => fact.kind === 'background')],
  ];
  const items: AnswerItem[] = [];
  const more: string[] = [];
  for (const [section, facts] of sections) {
    for (const fact of facts.slice(0, SECTION_LIMIT)) {
      const shown = shownStatusOf(fact, today);
      items.push(itemOf(fact, snapshot, { section, text: textOf(fact, snapshot, shown), ...(shown ? { shown } : {}) }));
    }
    if (facts.length > SECTION_LIMIT) more.push(`${facts.length - SECTION_LIMIT} more in ${section.toLowerCase()}`);
  }

  // A fact dated ahead (a measure recorded by the day it takes effect) is not yet the latest change.
  const upToToday = about.findIndex((fact) => fact.date.slice(0, 10) <= today);
  const latest = about[Math.max(0, upToToday)] as Fact;
  const message = [
    `${name}: ${about.length} sourced fact(s).`,
    roleOf(shares),
    `Most recent: ${latest.title} (${latest.date}).`,
    endedSince(about, latest, today),
    more.length > 0 ? `Not shown: ${more.join('; ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return answered('country', name, snapshot, items, {
    message,
    shares,
    suggestions: [`/restrictions country:${name}`, `/meetings country:${name}`],
  });
}

/** The country's own figure at each stage, latest year first; every source's figure kept. */
function sharesOf(snapshot: Snapshot, code: string, facts: readonly Fact[]): ShareRow[] {
  // `facts` is newest first and the profile shows at most MAX_SHARE_ROWS rows: the newest few share
  // facts of each stage are enough, so a country with thousands of figures costs no more than one with fifty.
  const perStage = new Map<MarketStage, number>();
  const shareFacts = facts.filter((fact): fact is MarketShareFact => {
    if (fact.kind !== 'market-share' || !PROFILE_STAGES.includes(fact.stage)) return false;
    const seen = perStage.get(fact.stage) ?? 0;
    perStage.set(fact.stage, seen + 1);
    return seen < MAX_SHARE_ROWS / 2;
  });
  const stageOrder = new Map(shareFacts.map((fact) => [fact.id, PROFILE_STAGES.indexOf(fact.stage)]));
  return rankShares(snapshot, shareFacts)
    .filter((row) => row.country === code)
    .sort((a, b) => (stageOrder.get(a.factId) ?? 0) - (stageOrder.get(b.factId) ?? 0) || b.year - a.year)
    .slice(0, MAX_SHARE_ROWS);
}

function roleOf(shares: readonly ShareRow[]): string {
  const percent = shares.filter((row) => row.unit === 'percent');
  if (percent.length === 0) return '';
  const top = percent.slice(0, 4).map((row) => `${row.value}% (${row.year}, ${row.publisher})`);
  return `Shares on record: ${top.join('; ')}.`;
}

/**
 * The latest change can be a date passing rather than a new fact: a suspension that ended after
 * the newest fact was recorded is news the profile must not hide behind "Most recent".
 */
function endedSince(about: readonly Fact[], latest: Fact, today: string): string {
  const ended = about
    .map((fact) => ({ fact, shown: shownStatusOf(fact, today) }))
    .filter(
      (entry): entry is { fact: Fact; shown: ShownStatus & { passed: string } } => entry.shown?.passed !== undefined && latestDay(entry.shown.passed) > latestDay(latest.date),
    )
    .sort((a, b) => latestDay(b.shown.passed).localeCompare(latestDay(a.shown.passed)) || a.fact.id.localeCompare(b.fact.id));
  const newest = ended[0];
  if (!newest) return '';
  const others = ended.length > 1 ? ` (and ${ended.length - 1} other measure(s) whose end date passed)` : '';
  return `Since then: ${newest.fact.title}: ${newest.shown.text}${others}.`;
}

function textOf(fact: Fact, snapshot: Snapshot, shown: ShownStatus | undefined): string {
  if (fact.kind === 'restriction' && shown) return describeRestriction(fact, snapshot, shown);
  if (fact.kind === 'meeting') return describeMeeting(fact, snapshot);
  return fact.summary;
}
