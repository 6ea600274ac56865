import { cpSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/knowledge/problems.ts';
import { KnowledgeLoadError, LiveKnowledge, type ReloadResult } from '../../src/reload/live-knowledge.ts';
import { oneFactFile } from '../support/knowledge-edits.ts';

const BASE = path.resolve(import.meta.dirname, '../fixtures/knowledge/base');
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function tempKnowledge(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'live-kb-'));
  cpSync(BASE, dir, { recursive: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The next reload the watcher finishes, or a failure after `ms` (the promise the feature makes). */
function nextReload(live: LiveKnowledge, ms = 2000): Promise<ReloadResult> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reload within ${ms} ms`)), ms);
    const stop = live.onReload((result) => {
      clearTimeout(timer);
      stop();
      resolve(result);
    });
  });
}

const NEW_FACT = oneFactFile('au-lynas-kalgoorlie-test');

describe('LiveKnowledge', () => {
  it('makes a fact written into the folder answerable within 2 s, keeps the old knowledge when a file breaks, and recovers', async () => {
    const dir = tempKnowledge();
    const live = await LiveKnowledge.load(dir);
    const stop = live.watch({ debounceMs: 100 });
    cleanups.push(stop);
    const before = live.index;
    expect(live.index.search('Kalgoorlie cracking plant').hits).toEqual([]);

    let reloaded = nextReload(live);
    writeFileSync(path.join(dir, 'added.yaml'), NEW_FACT);
    let result = await reloaded;
    expect(result.ok).toBe(true);
    expect(result.changed).toBe(true);
    expect(live.index.search('Kalgoorlie cracking plant').hits[0]?.fact.id).toBe('au-lynas-kalgoorlie-test');
    // An interaction that took the old index before the swap still reads the old knowledge.
    expect(before.snapshot.factById.has('au-lynas-kalgoorlie-test')).toBe(false);

    reloaded = nextReload(live);
    writeFileSync(path.join(dir, 'added.yaml'), NEW_FACT.replace('date: 2024', 'date: 2024-13'));
    result = await reloaded;
    expect(result.ok).toBe(false);
    expect(result.errors.map(formatProblem)).toEqual([
      `${path.join(dir, 'added.yaml')}:6:11 fact 'au-lynas-kalgoorlie-test': date must be a real date written YYYY, YYYY-MM or YYYY-MM-DD`,
    ]);
    expect(live.index.search('Kalgoorlie cracking plant').hits[0]?.fact.id).toBe('au-lynas-kalgoorlie-test');
    expect(live.lastReload.ok).toBe(false);

    reloaded = nextReload(live);
    writeFileSync(path.join(dir, 'added.yaml'), NEW_FACT);
    result = await reloaded;
    expect(result.ok).toBe(true);
    expect(live.lastReload.ok).toBe(true);
  });

  it('never serves a blank knowledge base: an emptied or deleted file is a problem, not an empty load', async () => {
    const dir = tempKnowledge();
    const live = await LiveKnowledge.load(dir);
    const version = live.index.snapshot.version;

    writeFileSync(path.join(dir, 'facts.yaml'), '');
    let result = await live.reload('command');
    expect(result.ok).toBe(false);
    expect(result.errors[0]?.message).toMatch(/file is empty/);
    expect(live.index.snapshot.version).toBe(version);
    expect(live.index.snapshot.facts.length).toBe(3);

    unlinkSync(path.join(dir, 'facts.yaml'));
    unlinkSync(path.join(dir, 'sources.yaml'));
    result = await live.reload('command');
    expect(result.ok).toBe(false);
    expect(live.index.snapshot.facts.length).toBe(3);
  });

  it('keeps the same index when a reload finds the same content', async () => {
    const live = await LiveKnowledge.load(tempKnowledge());
    const index = live.index;
    const result = await live.reload('command');
    expect(result).toMatchObject({ ok: true, changed: false });
    expect(live.index).toBe(index);
  });

  it('runs reloads one at a time and once more after a change made during one', async () => {
    const dir = tempKnowledge();
    const live = await LiveKnowledge.load(dir);
    const results: ReloadResult[] = [];
    live.onReload((result) => results.push(result));
    const first = live.reload('command');
    writeFileSync(path.join(dir, 'added.yaml'), NEW_FACT);
    const second = live.reload('command');
    await Promise.all([first, second]);
    await live.reload('command');
    expect(results.length).toBeGreaterThanOrEqual(2);
    expect(live.index.snapshot.factById.has('au-lynas-kalgoorlie-test')).toBe(true);
  });

  it('refuses to start on broken knowledge, listing the problems', async () => {
    const dir = tempKnowledge();
    writeFileSync(path.join(dir, 'facts.yaml'), 'facts: [');
    const error = await LiveKnowledge.load(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KnowledgeLoadError);
    expect((error as KnowledgeLoadError).problems.length).toBeGreaterThan(0);
  });

  describe('a valid edit that removes facts', () => {
    /** `count` background facts in one file, as a moderator's topic file would hold them. */
    function topicFile(count: number): string {
      const facts = Array.from({ length: count }, (_, i) =>
        [
          `  - id: topic-fact-${i + 1}`,
          '    kind: background',
          `    title: Topic fact number ${i + 1} about Kalgoorlie`,
          '    summary: One of several facts kept in one topic file.',
          '    date: 2024',
          '    countries: [AU]',
          '    citations:',
          '      - source: usgs-mcs-2025',
        ].join('\n'),
      );
      return `facts:\n${facts.join('\n\n')}\n`;
    }

    async function withTopic(count: number): Promise<{ dir: string; live: LiveKnowledge; results: ReloadResult[] }> {
      const dir = tempKnowledge();
      writeFileSync(path.join(dir, 'topic.yaml'), topicFile(count));
      const live = await LiveKnowledge.load(dir, { maxRemovals: 3 });
      const results: ReloadResult[] = [];
      live.onReload((result) => results.push(result));
      return { dir, live, results };
    }

    it('holds a reload after a file is deleted, says which facts would go, and serves the old knowledge', async () => {
      const { dir, live, results } = await withTopic(6);
      const version = live.index.snapshot.version;
      unlinkSync(path.join(dir, 'topic.yaml'));
      const result = await live.reload('watch');
      expect(result.ok).toBe(false);
      expect(result.errors).toEqual([]);
      expect(result.held?.removals.factIds).toHaveLength(6);
      expect(result.held?.removals.byFile).toEqual([{ file: path.join(dir, 'topic.yaml'), fileGone: true, factIds: [1, 2, 3, 4, 5, 6].map((n) => `topic-fact-${n}`) }]);
      expect(live.index.snapshot.version).toBe(version);
      expect(live.index.snapshot.factById.has('topic-fact-6')).toBe(true);
      expect(results.at(-1)?.held).toBeDefined();
    });

    it('holds a rename to .bak and a save cut at a fact boundary the same way', async () => {
      const renamed = await withTopic(5);
      renameSync(path.join(renamed.dir, 'topic.yaml'), path.join(renamed.dir, 'topic.yaml.bak'));
      expect((await renamed.live.reload('watch')).held?.removals.byFile[0]?.fileGone).toBe(true);

      const cut = await withTopic(8);
      writeFileSync(path.join(cut.dir, 'topic.yaml'), topicFile(3));
      const result = await cut.live.reload('watch');
      expect(result.held?.removals.factIds).toEqual([4, 5, 6, 7, 8].map((n) => `topic-fact-${n}`));
      expect(result.held?.removals.byFile[0]?.fileGone).toBe(false);
      expect(cut.live.index.snapshot.factById.has('topic-fact-8')).toBe(true);
    });

    it('clears the hold when the file is restored, and applies the removal when confirmed', async () => {
      const { dir, live } = await withTopic(6);
      const index = live.index;
      unlinkSync(path.join(dir, 'topic.yaml'));
      expect((await live.reload('watch')).held).toBeDefined();

      writeFileSync(path.join(dir, 'topic.yaml'), topicFile(6));
      const restored = await live.reload('watch');
      expect(restored).toMatchObject({ ok: true, changed: false });
      expect(restored.held).toBeUndefined();
      expect(live.index).toBe(index);

      unlinkSync(path.join(dir, 'topic.yaml'));
      const confirmed = await live.reload('command', { confirmRemovals: true });
      expect(confirmed).toMatchObject({ ok: true, changed: true });
      expect(confirmed.removed).toHaveLength(6);
      expect(live.index.snapshot.factById.has('topic-fact-1')).toBe(false);
    });

    it('applies an edit that removes no more than the allowance without asking', async () => {
      const { dir, live } = await withTopic(6);
      writeFileSync(path.join(dir, 'topic.yaml'), topicFile(3));
      const result = await live.reload('watch');
      expect(result).toMatchObject({ ok: true, changed: true, removed: ['topic-fact-4', 'topic-fact-5', 'topic-fact-6'] });
      expect(live.index.snapshot.facts).toHaveLength(6);
    });
  });
});
