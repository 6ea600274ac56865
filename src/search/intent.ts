import type { FactKind, MarketStage } from '../knowledge/schema.ts';
import { VOCABULARY, type IntentHint } from './vocabulary.ts';

/**
 * What kind of fact a question is after, read from its words (vocabulary.yaml `concepts`): "ban"
 * wants restrictions, "reserves" market shares at the reserves stage, "summit" meetings. These
 * hints boost matching facts; they never exclude others, because people word things loosely.
 */
export type { IntentHint };

export function intentOf(term: string): IntentHint | undefined {
  return VOCABULARY.hints.get(term);
}

/**
 * "Magnet exports" and "shipments" as plural nouns ask for quantities traded; "export controls"
 * uses the word as a modifier. Only the written plural hints at the exports stage.
 */
export function stageOfWrittenWord(word: string): MarketStage | undefined {
  return word === 'exports' || word === 'shipments' ? 'exports' : word === 'imports' ? 'imports' : undefined;
}

/**
 * How strongly a question asks for each kind, from the votes its words cast (1 for the kind asked
 * most): a kind voted without limit ("what did X do", a definition) is asked in full, the rest by half.
 */
export function kindShares(votes: ReadonlyMap<FactKind, number>): Map<FactKind, number> {
  const most = Math.max(0, ...votes.values());
  return new Map([...votes].map(([kind, count]) => [kind, most === Infinity ? (count === Infinity ? 1 : 0.5) : count / most]));
}
