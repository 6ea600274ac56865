import type { FactKind, MarketStage } from '../knowledge/schema.ts';
import { intentOf } from './intent.ts';
import type { EntityRef, Lexicon } from './lexicon.ts';
import { MAX_QUERY_CHARS, rawTokens, STOP_WORDS, stem } from './normalize.ts';

/** A question taken apart: the entities, kinds and years it names, and the rest as search terms. */
export interface ParsedQuery {
  /** The question as answered (trimmed, and cut at MAX_QUERY_CHARS). */
  readonly text: string;
  readonly truncated: boolean;
  readonly countries: readonly EntityRef[];
  readonly materials: readonly EntityRef[];
  readonly kinds: readonly FactKind[];
  readonly stages: readonly MarketStage[];
  readonly years: readonly number[];
  /** Stemmed words left once entities, years and stop words are taken out. */
  readonly terms: readonly string[];
  readonly corrections: ReadonlyArray<{ readonly from: string; readonly to: EntityRef }>;
}

const MAX_TOKENS = 40;
const YEAR = /^(?:19|20)\d{2}$/;

export function parseQuery(input: string, lexicon: Lexicon, isKnownWord: (token: string) => boolean): ParsedQuery {
  const trimmed = input.trim();
  const truncated = trimmed.length > MAX_QUERY_CHARS;
  const text = truncated ? trimmed.slice(0, MAX_QUERY_CHARS) : trimmed;
  const raw = rawTokens(text).slice(0, MAX_TOKENS);

  const recognized = lexicon.recognize(raw, (token) => isKnownWord(stem(token)));
  const consumed = new Set<number>();
  const countries = new Map<string, EntityRef>();
  const materials = new Map<string, EntityRef>();
  const corrections: Array<{ from: string; to: EntityRef }> = [];
  for (const match of recognized) {
    for (let i = match.start; i < match.end; i++) consumed.add(i);
    (match.entity.type === 'country' ? countries : materials).set(match.entity.code, match.entity);
    if (match.correctedFrom) corrections.push({ from: match.correctedFrom, to: match.entity });
  }

  const kinds = new Set<FactKind>();
  const stages = new Set<MarketStage>();
  const years: number[] = [];
  const terms: string[] = [];
  raw.forEach((token, index) => {
    const lower = token.toLowerCase();
    if (YEAR.test(lower)) {
      years.push(Number(lower));
      return;
    }
    if (consumed.has(index) || STOP_WORDS.has(lower)) return;
    const term = stem(lower);
    const hint = intentOf(term);
    if (hint) {
      for (const kind of hint.kinds) kinds.add(kind);
      if (hint.stage) stages.add(hint.stage);
    }
    if (!terms.includes(term)) terms.push(term);
  });
  // "magnets" names a material as well as a stage.
  if (stages.has('magnets') && !materials.has('REPM')) {
    const magnets = lexicon.byCode('material', 'REPM');
    if (magnets) materials.set(magnets.code, magnets);
  }

  return {
    text,
    truncated,
    countries: [...countries.values()],
    materials: [...materials.values()],
    kinds: [...kinds],
    stages: [...stages],
    years,
    terms,
    corrections,
  };
}
