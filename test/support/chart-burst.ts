import type { ChatInputSpec } from './fake-discord.ts';

/**
 * The chart commands a burst sends, round-robin: each kind of chart (a country profile, a ranking,
 * a timeline) in a small and a large variant. Shared by the burst e2e test and `npm run bench`.
 */
export type BurstCommand = Omit<ChatInputSpec, 'user'>;

export const CHART_COMMANDS: readonly BurstCommand[] = [
  { name: 'country', options: { name: 'China' } },
  { name: 'market-share', options: { stage: 'mining' } },
  { name: 'restrictions', options: {} },
  { name: 'country', options: { name: 'India' } },
  { name: 'market-share', options: { stage: 'refining' } },
  { name: 'restrictions', options: { country: 'China', material: 'Dy' } },
];

/** The `i`-th interaction of a burst, from a user of its own so that no cooldown applies. */
export function burstInteraction(commands: readonly BurstCommand[], i: number, firstUserId: bigint): ChatInputSpec {
  return { ...(commands[i % commands.length] as BurstCommand), user: { id: String(firstUserId + BigInt(i)), username: `burst${i}` } };
}
