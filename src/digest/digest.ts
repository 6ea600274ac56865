import type { CitationRef } from '../answer/answer.ts';
import type { EndedWhat } from '../answer/shown-status.ts';
import type { FactKind } from '../knowledge/schema.ts';

/**
 * What a digest says, as plain data: what changed in its period (new, updated with what changed,
 * removed), what is coming up in the next days, and what is in force. Renderers turn it into
 * Discord messages; nothing here knows about Discord.
 */
export interface DigestFilters {
  /** Country codes; a fact matches when it concerns any of them. Empty: all. */
  readonly countries: readonly string[];
  /** Material codes (groups included: HREE holds Dy). Empty: all. */
  readonly materials: readonly string[];
  readonly kinds: readonly FactKind[];
}

export interface DigestEntry {
  readonly factId: string;
  readonly kind: FactKind;
  readonly title: string;
  readonly text: string;
  readonly date: string;
  readonly citations: readonly CitationRef[];
  /** For updated facts: one line per changed field ("status: in force → suspended"). */
  readonly changes?: readonly string[];
}

export type ComingUpWhat = 'meeting' | 'next meeting' | 'takes effect' | 'suspension ends' | 'status ends' | 'expires';

export interface ComingUpEntry {
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly what: ComingUpWhat;
  readonly factId: string;
  readonly title: string;
  readonly citations: readonly CitationRef[];
}

/** A restriction whose end date (status end, expiry, due date) passed during the digest's period. */
export interface EndedEntry {
  /** The date that passed, as the knowledge gives it (YYYY, YYYY-MM or YYYY-MM-DD). */
  readonly date: string;
  readonly what: EndedWhat;
  readonly factId: string;
  readonly title: string;
  /** What may be said now: "suspension ended 2026-11-10 (last confirmed 2026-06); no source yet on what followed". */
  readonly text: string;
  readonly citations: readonly CitationRef[];
}

export interface InForceCount {
  readonly country: string;
  readonly countryName: string;
  readonly count: number;
}

export interface Digest {
  /** ISO times: changes after `from` and up to `to`. */
  readonly from: string;
  readonly to: string;
  readonly timezone: string;
  /** "China, Japan · Dy, Tb · restrictions", or "everything". */
  readonly scope: string;
  readonly added: readonly DigestEntry[];
  readonly updated: readonly DigestEntry[];
  readonly removed: readonly DigestEntry[];
  /** Changes not listed because a section was full (newest are listed first). */
  readonly omitted: { readonly added: number; readonly updated: number; readonly removed: number };
  readonly comingUp: readonly ComingUpEntry[];
  /** Measures whose end date passed in the period (once, in the digest that covers the date). */
  readonly ended: readonly EndedEntry[];
  /** In force on the period's last day, as shown (a term that passed is not in force). */
  readonly inForce: readonly InForceCount[];
  readonly kbVersion: string;
  /** Nothing changed within the filters, nothing ended and nothing is coming up. */
  readonly empty: boolean;
}

export const NO_FILTERS: DigestFilters = { countries: [], materials: [], kinds: [] };
