import type { Fact, Source } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import type { Digest } from '../digest/digest.ts';
import type { ShownStatus } from './shown-status.ts';

/**
 * What every command returns and `--json` prints: the answer contract of docs/ARCHITECTURE.md. Optional
 * fields carry the structure some commands add (sections of a country profile, a share ranking)
 * without changing the shape every renderer relies on.
 */
export type AnswerStatus = 'answered' | 'no-answer' | 'error';

export interface CitationRef {
  readonly sourceId: string;
  readonly publisher: string;
  readonly title: string;
  readonly url: string;
  readonly published: string;
  readonly quote?: string;
  readonly locator?: string;
}

export interface AnswerItem {
  readonly factId: string;
  readonly title: string;
  readonly text: string;
  readonly date: string;
  readonly countries: readonly string[];
  readonly citations: readonly CitationRef[];
  readonly score: number;
  /** The heading this item belongs under (a country profile's "Restrictions it imposes"). */
  readonly section?: string;
  /** A restriction's status as shown today (shown-status.ts): `suspended`, or `ended` once its end passed. */
  readonly status?: string;
  /** That status in words for a title or a chart: "in force", "suspension ended 2026-11-10". */
  readonly statusLabel?: string;
}

export interface ShareRow {
  /** 1 for the largest; 0 for the world total, shown for scale. */
  readonly rank: number;
  readonly country: string;
  readonly countryName: string;
  readonly value: number;
  readonly unit: 'percent' | 'tonnes' | 'usd';
  readonly qualifier?: string;
  readonly year: number;
  readonly sourceId: string;
  readonly publisher: string;
  readonly factId: string;
  /**
   * The material scope of the table the row is ranked in (/market-share): rows of one scope and
   * unit are one table, ranked apart from the others. Absent where rows are not ranked by scope.
   */
  readonly scope?: string;
}

export interface Answer {
  readonly query: string;
  readonly command: string;
  readonly status: AnswerStatus;
  readonly answers: readonly AnswerItem[];
  readonly suggestions: readonly string[];
  readonly kbVersion: string;
  /** One line said before the items: what was understood, or why there is no answer. */
  readonly message?: string;
  /** Ranked shares, for /market-share and the shares part of /country. */
  readonly shares?: readonly ShareRow[];
  /** A digest as it would be posted (/digest preview), rendered as the digest messages. */
  readonly digest?: Digest;
}

export function citationsOf(fact: Fact, snapshot: Snapshot): CitationRef[] {
  return fact.citations.flatMap((citation) => {
    const source = snapshot.sourceById.get(citation.source);
    if (!source) return [];
    return [{ ...sourceCitation(source), ...(citation.quote ? { quote: citation.quote } : {}), ...(citation.locator ? { locator: citation.locator } : {}) }];
  });
}

export function sourceCitation(source: Source): CitationRef {
  return { sourceId: source.id, publisher: source.publisher, title: source.title, url: source.url, published: source.published };
}

/** `shown` is the restriction's status as shown today; without it a restriction carries its recorded status. */
export function itemOf(fact: Fact, snapshot: Snapshot, extra: { score?: number; section?: string; text?: string; shown?: ShownStatus } = {}): AnswerItem {
  return {
    factId: fact.id,
    title: fact.title,
    text: extra.text ?? fact.summary,
    date: fact.date,
    countries: fact.countries,
    citations: citationsOf(fact, snapshot),
    score: extra.score ?? 1,
    ...(extra.section ? { section: extra.section } : {}),
    ...(fact.kind === 'restriction' ? { status: extra.shown?.key ?? fact.status, ...(extra.shown ? { statusLabel: extra.shown.label } : {}) } : {}),
  };
}

export function answered(
  command: string,
  query: string,
  snapshot: Snapshot,
  items: readonly AnswerItem[],
  extra: Partial<Pick<Answer, 'message' | 'shares' | 'suggestions'>> = {},
): Answer {
  return {
    query,
    command,
    status: items.length > 0 || (extra.shares?.length ?? 0) > 0 ? 'answered' : 'no-answer',
    answers: items,
    suggestions: extra.suggestions ?? [],
    kbVersion: snapshot.version,
    ...(extra.message ? { message: extra.message } : {}),
    ...(extra.shares ? { shares: extra.shares } : {}),
  };
}

export function noAnswer(command: string, query: string, snapshot: Snapshot, message: string, suggestions: readonly string[] = []): Answer {
  return messageAnswer(command, query, snapshot, message, { status: 'no-answer', suggestions });
}

export function errorAnswer(command: string, query: string, snapshot: Snapshot, message: string, suggestions: readonly string[] = []): Answer {
  return messageAnswer(command, query, snapshot, message, { status: 'error', suggestions });
}

/** An answer that is only a message: help, about, moderators' reports. */
export function messageAnswer(
  command: string,
  query: string,
  snapshot: Snapshot,
  message: string,
  options: { status?: AnswerStatus; suggestions?: readonly string[] } = {},
): Answer {
  return { query, command, status: options.status ?? 'answered', answers: [], suggestions: options.suggestions ?? [], kbVersion: snapshot.version, message };
}
