import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { formatProblem } from '../../src/knowledge/problems.ts';
import { summarize } from '../../src/knowledge/summary.ts';

const BASE = path.resolve(import.meta.dirname, '../fixtures/knowledge/base');
const SHIPPED = path.resolve(import.meta.dirname, '../../knowledge');

const dirs: string[] = [];
function tempKnowledge(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-'));
  dirs.push(dir);
  cpSync(BASE, dir, { recursive: true });
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadKnowledge on a folder', () => {
  it('reads nested folders and ignores editor temp files and non-YAML files', async () => {
    const dir = tempKnowledge();
    writeFileSync(path.join(dir, '.#facts.yaml'), 'not: [valid');
    writeFileSync(path.join(dir, 'facts.yaml~'), 'not: [valid');
    writeFileSync(path.join(dir, 'README.md'), '# notes');
    const result = await loadKnowledge(dir);
    expect(result.ok).toBe(true);
  });

  it('refuses a 20 MB file without reading it, naming the file', async () => {
    const dir = tempKnowledge();
    const big = path.join(dir, 'huge.yaml');
    writeFileSync(big, Buffer.alloc(20 * 1024 * 1024, 0x61));
    const result = await loadKnowledge(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatProblem)).toEqual([`${big}:1:1 file is 20.0 MB; a knowledge file may be at most 2 MB (split it by topic)`]);
  });

  it('says so when the folder does not exist', async () => {
    const result = await loadKnowledge('/nonexistent/knowledge');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatProblem)).toEqual(['/nonexistent/knowledge:1:1 knowledge folder not found']);
  });

  it('names files as the folder was given', async () => {
    const dir = tempKnowledge();
    writeFileSync(path.join(dir, 'broken.yaml'), 'facts: [');
    const result = await loadKnowledge(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.file).toBe(path.join(dir, 'broken.yaml'));
  });
});

describe('arbitrary text in a knowledge file', () => {
  it('never throws: it yields a snapshot or problems with positions', async () => {
    const dir = tempKnowledge();
    const target = path.join(dir, 'fuzz.yaml');
    const yamlish = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc
        .array(
          fc.constantFrom('facts:', 'sources:', '- ', '  ', 'id: ', 'kind: policy', '&a ', '*a', '[', ']', '{', '}', ':', '\n', '"', '2025-02-30', '!!binary', '? ', '|', '#'),
          { maxLength: 60 },
        )
        .map((parts) => parts.join('')),
    );
    await fc.assert(
      fc.asyncProperty(yamlish, async (text) => {
        writeFileSync(target, text);
        const result = await loadKnowledge(dir);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const problem of result.errors) {
            expect(problem.line).toBeGreaterThanOrEqual(1);
            expect(problem.col).toBeGreaterThanOrEqual(1);
            expect(problem.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('the shipped knowledge', () => {
  it('loads with no errors and meets the coverage the project promises', async () => {
    const result = await loadKnowledge(SHIPPED);
    if (!result.ok) throw new Error(result.errors.slice(0, 10).map(formatProblem).join('\n'));
    const summary = summarize(result.snapshot);
    expect(summary.facts).toBeGreaterThanOrEqual(150);
    expect(summary.countriesCovered).toBeGreaterThanOrEqual(25);
    for (const code of ['CN', 'IN', 'US', 'EU', 'JP', 'AU', 'MM', 'VN', 'BR', 'RU', 'MY', 'KZ', 'KG', 'TJ', 'TM', 'UZ']) {
      expect(summary.countryCodes).toContain(code);
    }
    for (const kind of ['market-share', 'restriction', 'policy', 'meeting', 'background'] as const) {
      expect(summary.factsByKind[kind]).toBeGreaterThan(0);
    }
  });

  it('cites a dated http(s) source with publisher and title for every fact', async () => {
    const result = await loadKnowledge(SHIPPED);
    if (!result.ok) throw new Error('shipped knowledge must load');
    const { snapshot } = result;
    for (const fact of snapshot.facts) {
      const sources = fact.citations.map((citation) => snapshot.sourceById.get(citation.source));
      expect(sources.every((source) => source && /^https?:\/\//.test(source.url) && source.publisher && source.title)).toBe(true);
      expect(
        sources.some((source) => source?.published !== 'undated'),
        `${fact.id} has a dated source`,
      ).toBe(true);
    }
  });

  it('has market shares for mining, reserves, refining and magnets, each with a year and source', async () => {
    const result = await loadKnowledge(SHIPPED);
    if (!result.ok) throw new Error('shipped knowledge must load');
    const stages = new Set(result.snapshot.facts.flatMap((fact) => (fact.kind === 'market-share' ? [fact.stage] : [])));
    for (const stage of ['mining', 'reserves', 'refining', 'magnets']) expect(stages).toContain(stage);
  });
});
