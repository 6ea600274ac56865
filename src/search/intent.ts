import type { FactKind, MarketStage } from '../knowledge/schema.ts';
import { stem } from './normalize.ts';

/**
 * What kind of fact a question is after, read from its words: "ban" wants restrictions,
 * "reserves" market shares at the reserves stage, "summit" meetings. These hints boost matching
 * facts; they never exclude others, because people word things loosely.
 */
export interface IntentHint {
  readonly kinds: readonly FactKind[];
  readonly stage?: MarketStage;
}

const HINTS: ReadonlyArray<[readonly string[], IntentHint]> = [
  [['ban', 'banned', 'bans', 'prohibit', 'prohibited', 'prohibition', 'embargo', 'halt', 'halted', 'block', 'blocked', 'curb', 'curbs', 'restrict', 'restricted', 'restriction', 'restrictions', 'control', 'controls', 'licence', 'license', 'licences', 'licenses', 'licensing', 'permit', 'permits', 'sanction', 'sanctions', 'entity', 'blacklist', 'stopped', 'cut', 'suspend', 'suspended', 'suspension', 'lifted'], { kinds: ['restriction'] }],
  [['tariff', 'tariffs', 'duty', 'duties'], { kinds: ['restriction', 'policy'] }],
  [['quota', 'quotas'], { kinds: ['restriction', 'market-share', 'policy'] }],
  [['share', 'shares', 'percent', 'percentage', 'dominate', 'dominates', 'dominance', 'biggest', 'largest', 'leading', 'top', 'rank', 'ranking', 'leader', 'leaders', 'most'], { kinds: ['market-share'] }],
  [['mine', 'mines', 'mined', 'mining', 'produce', 'produces', 'produced', 'producer', 'producers', 'production', 'output', 'extract', 'extraction', 'supply', 'supplies', 'supplier', 'suppliers'], { kinds: ['market-share'], stage: 'mining' }],
  [['reserve', 'reserves', 'deposit', 'deposits', 'resources', 'ground', 'underground'], { kinds: ['market-share', 'policy'], stage: 'reserves' }],
  [['refine', 'refines', 'refined', 'refining', 'refinery', 'process', 'processing', 'processed', 'separation', 'separate', 'smelting'], { kinds: ['market-share', 'policy'], stage: 'refining' }],
  [['magnet', 'magnets', 'mag', 'mags'], { kinds: ['market-share', 'restriction', 'policy'], stage: 'magnets' }],
  [['import', 'imports', 'imported', 'dependence', 'dependent', 'depend', 'depends', 'reliance', 'reliant', 'rely'], { kinds: ['market-share'], stage: 'imports' }],
  [['export', 'exports', 'exported', 'shipments', 'shipped'], { kinds: ['restriction', 'market-share'] }],
  [['summit', 'meeting', 'meetings', 'meet', 'met', 'meets', 'talks', 'talk', 'dialogue', 'forum', 'visit', 'visited', 'call', 'ministerial', 'ministers', 'minister', 'leaders', 'agreement', 'agreements', 'agree', 'agreed', 'deal', 'deals', 'mou', 'pact', 'framework', 'partnership', 'signed', 'sign', 'signs', 'cooperation', 'cooperate', 'joint', 'truce', 'negotiation', 'negotiations'], { kinds: ['meeting'] }],
  [['policy', 'policies', 'plan', 'plans', 'scheme', 'strategy', 'stockpile', 'stockpiles', 'stockpiling', 'subsidy', 'subsidies', 'incentive', 'incentives', 'law', 'laws', 'mission', 'act', 'fund', 'funding', 'investment', 'invest', 'loan', 'programme', 'program', 'target', 'targets', 'recycling', 'recycle'], { kinds: ['policy'] }],
];

const BY_STEM = new Map<string, IntentHint>();
for (const [words, hint] of HINTS) {
  for (const word of words) {
    const key = stem(word);
    const existing = BY_STEM.get(key);
    const stage = existing?.stage ?? hint.stage;
    BY_STEM.set(key, {
      kinds: [...new Set([...(existing?.kinds ?? []), ...hint.kinds])],
      ...(stage ? { stage } : {}),
    });
  }
}

export function intentOf(term: string): IntentHint | undefined {
  return BY_STEM.get(term);
}

/**
 * "Magnet exports" and "shipments" as plural nouns ask for quantities traded; "export controls"
 * uses the word as a modifier. Only the written plural hints at the exports stage.
 */
export function stageOfWrittenWord(word: string): MarketStage | undefined {
  return word === 'exports' || word === 'shipments' ? 'exports' : word === 'imports' ? 'imports' : undefined;
}
