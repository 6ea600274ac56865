import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { MAX_FILE_BYTES } from '../../src/knowledge/text-file.ts';
import { generateCorpus } from '../../scripts/bench-corpus.ts';
import { writeKnowledgeFolder } from '../../scripts/bench-kb-files.ts';
import { underWatch } from '../../scripts/bench-loop.ts';
import { parseBenchOptions, UsageError, type BenchOptions } from '../../scripts/bench-options.ts';
import { loadShippedBase, SHIPPED_KNOWLEDGE } from '../../scripts/bench-setup.ts';
import { growth } from '../../scripts/bench-stats.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.yaml'));
}

describe('the generated corpus as a knowledge folder', () => {
  it('loads through the real loader with every fact, in files split below the size asked for', async () => {
    const base = await loadShippedBase();
    const corpus = generateCorpus(3_000, base, 1);
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-kb-test-'));
    dirs.push(dir);
    const partBytes = 64 * 1024;
    const folder = writeKnowledgeFolder(dir, corpus, SHIPPED_KNOWLEDGE, partBytes);

    const files = yamlFiles(dir);
    expect(files.length).toBe(folder.files);
    expect(files.some((name) => /-2\.yaml$/.test(name))).toBe(true);
    for (const name of files.filter((file) => !/^(countries|materials)/.test(file))) {
      expect(statSync(path.join(dir, name)).size, name).toBeLessThanOrEqual(partBytes);
    }
    expect(folder.largestBytes).toBeLessThan(MAX_FILE_BYTES);

    const loaded = await loadKnowledge(dir);
    if (!loaded.ok)
      throw new Error(
        loaded.errors
          .slice(0, 3)
          .map((e) => `${e.file}:${e.line} ${e.message}`)
          .join('\n'),
      );
    expect(loaded.snapshot.facts.map((fact) => fact.id).sort()).toEqual(corpus.facts.map((fact) => fact.id).sort());

    const edited = folder.editOneFact();
    const reloaded = await loadKnowledge(dir);
    if (!reloaded.ok) throw new Error(`the edit of ${edited} broke the folder`);
    expect(reloaded.snapshot.version).not.toBe(loaded.snapshot.version);
    expect(reloaded.snapshot.facts.filter((fact) => fact.summary.endsWith('(revised 1)'))).toHaveLength(1);
  });
});

describe('growth exponent', () => {
  it('is the slope of log latency on log facts, over all sizes and from 1k to 100k', () => {
    const sqrt = [1_000, 10_000, 100_000, 300_000].map((n) => ({ n, ms: 0.01 * Math.sqrt(n) }));
    expect(growth(sqrt).fitted).toBeCloseTo(0.5, 3);
    expect(growth(sqrt).from1kTo100k).toBeCloseTo(0.5, 3);
    const linear = [1_000, 100_000].map((n) => ({ n, ms: n / 1000 }));
    expect(growth(linear)).toMatchObject({ fitted: 1, from1kTo100k: 1 });
  });

  it('says nothing with one size, and no 1k→100k span without both ends', () => {
    expect(growth([{ n: 10_000, ms: 2 }])).toMatchObject({ fitted: null, from1kTo100k: null });
    expect(
      growth([
        { n: 10_000, ms: 2 },
        { n: 100_000, ms: 20 },
      ]).from1kTo100k,
    ).toBeNull();
  });
});

describe('bench options', () => {
  const parse = (...argv: string[]) => parseBenchOptions(argv) as BenchOptions;

  it('runs the rivals and the live section at the sizes up to 100k unless told otherwise', () => {
    const defaults = parse();
    expect(defaults.sizes).toEqual([1_000, 10_000, 100_000, 300_000]);
    expect(defaults.rivalSizes).toEqual([1_000, 10_000, 100_000]);
    expect(defaults.liveSizes).toEqual([1_000, 10_000, 100_000]);
    const quick = parse('--json', '--sizes', '10000', '--no-charts', '--no-digests');
    expect(quick).toMatchObject({ json: true, sizes: [10_000], rivalSizes: [10_000], liveSizes: [10_000] });
    expect(quick.sections).toEqual({ rivals: true, live: true, discord: true, charts: false, digests: false });
    expect(parse('--sizes=300000', '--rival-sizes', '300000').rivalSizes).toEqual([300_000]);
  });

  it('rejects unknown flags and bad values instead of ignoring them', () => {
    expect(() => parse('--size', '1000')).toThrow(UsageError);
    expect(() => parse('--sizes', 'ten')).toThrow(/--sizes needs a positive number/);
    expect(() => parse('--sizes', '10000', '--rival-sizes', '1000')).toThrow(/must be among --sizes/);
    expect(() => parse('--part', 'live')).toThrow(/--part goes with --one/);
    expect(() => parse('--one', '1000', '--part', 'fuse')).toThrow(/--part must be one of/);
  });
});

describe('event-loop watch', () => {
  it('records a block at the very end of the watched work, in the histogram and the probe', async () => {
    const { loop } = await underWatch(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const until = performance.now() + 60;
      while (performance.now() < until) {
        // a synchronous block, as a reload's parse is
      }
    });
    expect(loop.maxMs).toBeGreaterThanOrEqual(55);
    expect(loop.probeMaxMs).toBeGreaterThanOrEqual(55);
  });
});
