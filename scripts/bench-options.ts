/**
 * The flags of `npm run bench`, read with node:util parseArgs: an unknown flag or a bad value is an
 * error (exit 2) with the usage, never silently ignored.
 */
import { parseArgs } from 'node:util';

export const DEFAULT_SIZES = [1_000, 10_000, 100_000, 300_000] as const;
/**
 * The rivals and live sections run at the sizes up to this by default: beyond it FlexSearch alone
 * takes minutes to build (about 2 at 300k) and a reload of the YAML folder about as long.
 */
export const SECTION_SIZE_LIMIT = 100_000;
export const PARTS = ['ours', 'rivals', 'live'] as const;
export type Part = (typeof PARTS)[number];

export interface BenchOptions {
  readonly json: boolean;
  readonly sizes: readonly number[];
  readonly rivalSizes: readonly number[];
  readonly liveSizes: readonly number[];
  readonly queries: number | undefined;
  readonly budgetSeconds: number;
  readonly seed: number;
  readonly concurrency: number;
  readonly sections: { readonly rivals: boolean; readonly live: boolean; readonly discord: boolean; readonly charts: boolean; readonly digests: boolean };
  /** Internal: measure one part at one size in this process and print its row as one JSON line. */
  readonly one: { readonly n: number; readonly part: Part } | undefined;
}

export const USAGE = `usage: npm run bench -- [options]
  --json                 one JSON document with every section on stdout (progress on stderr; use npm run -s)
  --sizes 1000,10000     corpus sizes (default ${DEFAULT_SIZES.join(',')})
  --rival-sizes 10000    sizes for FlexSearch and MiniSearch (default: the sizes up to ${SECTION_SIZE_LIMIT.toLocaleString('en-US')})
  --live-sizes 10000     sizes for the event-loop section (default: the sizes up to ${SECTION_SIZE_LIMIT.toLocaleString('en-US')})
  --concurrency 50       concurrent /ask interactions in the event-loop section
  --queries N            time at most N queries per kind (quick runs)
  --budget SECONDS       timing per kind before sampling (default 20)
  --seed N               another corpus and query set
  --no-rivals            skip FlexSearch and MiniSearch
  --no-live              skip the event loop during reloads and bursts
  --no-discord           skip the Discord path on the shipped knowledge
  --no-charts            skip the charts
  --no-digests           skip the digests`;

export class UsageError extends Error {}

function positive(flag: string, value: string | undefined): number {
  const n = Number(value?.replace(/_/g, ''));
  if (value === undefined || value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} needs a positive number, got ${value ?? 'nothing'}`);
  return n;
}

function sizeList(flag: string, value: string): number[] {
  const sizes = value
    .split(',')
    .filter(Boolean)
    .map((s) => Math.round(positive(flag, s)));
  if (sizes.length === 0) throw new UsageError(`${flag} needs a list such as 1000,10000`);
  return [...new Set(sizes)].sort((a, b) => a - b);
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        json: { type: 'boolean' },
        sizes: { type: 'string' },
        'rival-sizes': { type: 'string' },
        'live-sizes': { type: 'string' },
        concurrency: { type: 'string' },
        queries: { type: 'string' },
        budget: { type: 'string' },
        seed: { type: 'string' },
        one: { type: 'string' },
        part: { type: 'string' },
        'no-rivals': { type: 'boolean' },
        'no-live': { type: 'boolean' },
        'no-discord': { type: 'boolean' },
        'no-charts': { type: 'boolean' },
        'no-digests': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  const sizes = values.sizes !== undefined ? sizeList('--sizes', values.sizes) : [...DEFAULT_SIZES];
  const upToLimit = sizes.filter((n) => n <= SECTION_SIZE_LIMIT);
  const rivalSizes = values['rival-sizes'] !== undefined ? sizeList('--rival-sizes', values['rival-sizes']) : upToLimit;
  // The libraries are compared with the engine's own row at the same size.
  const unmatched = rivalSizes.filter((n) => !sizes.includes(n));
  if (unmatched.length > 0) throw new UsageError(`--rival-sizes must be among --sizes (${sizes.join(',')}); ${unmatched.join(',')} is not`);
  const liveSizes = values['live-sizes'] !== undefined ? sizeList('--live-sizes', values['live-sizes']) : upToLimit;
  let one: BenchOptions['one'];
  if (values.one !== undefined) {
    const part = values.part ?? 'ours';
    if (!(PARTS as readonly string[]).includes(part)) throw new UsageError(`--part must be one of ${PARTS.join(', ')}, got ${part}`);
    one = { n: Math.round(positive('--one', values.one)), part: part as Part };
  } else if (values.part !== undefined) {
    throw new UsageError('--part goes with --one');
  }
  return {
    json: values.json ?? false,
    sizes,
    rivalSizes,
    liveSizes,
    queries: values.queries !== undefined ? Math.round(positive('--queries', values.queries)) : undefined,
    budgetSeconds: values.budget !== undefined ? positive('--budget', values.budget) : 20,
    seed: values.seed !== undefined ? Math.round(positive('--seed', values.seed)) : 1,
    concurrency: values.concurrency !== undefined ? Math.round(positive('--concurrency', values.concurrency)) : 50,
    sections: {
      rivals: !values['no-rivals'],
      live: !values['no-live'],
      discord: !values['no-discord'],
      charts: !values['no-charts'],
      digests: !values['no-digests'],
    },
    one,
  };
}
