import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CachedBuilder } from '../../src/knowledge/cached-build.ts';
import { createSnapshot, SnapshotAssembler } from '../../src/knowledge/snapshot.ts';
import { buildSnapshot, type KnowledgeFile } from '../../src/knowledge/validate.ts';
import { comparable, oneFactFile } from '../support/knowledge-edits.ts';

const BASE = path.resolve(import.meta.dirname, '../fixtures/knowledge/base');
const NAMES = ['countries.yaml', 'facts.yaml', 'materials.yaml', 'sources.yaml'];
const AT = new Date('2026-03-01T00:00:00Z');

function baseFiles(): KnowledgeFile[] {
  return NAMES.map((name) => ({ path: `knowledge/${name}`, bytes: readFileSync(path.join(BASE, name)) }));
}

const text = (value: string) => new TextEncoder().encode(value);

const EXTRA = oneFactFile('au-extra-test-fact', 'An extra fact');

describe('CachedBuilder', () => {
  it('gives what buildSnapshot gives, and parses again only the files whose bytes changed', () => {
    const builder = new CachedBuilder();
    const files = baseFiles();
    const first = builder.build(files, AT);
    const expected = buildSnapshot(files, AT);
    expect(first.ok && expected.ok).toBe(true);
    if (!first.ok || !expected.ok) return;
    expect(comparable(first.snapshot)).toEqual(comparable(expected.snapshot));
    expect(builder.parsedLastTime).toHaveLength(4);

    const more = [...files, { path: 'knowledge/extra.yaml', bytes: text(EXTRA) }];
    const second = builder.build(more, AT);
    expect(builder.parsedLastTime).toEqual(['knowledge/extra.yaml']);
    const expectedMore = buildSnapshot(more, AT);
    expect(second.ok && expectedMore.ok).toBe(true);
    if (!second.ok || !expectedMore.ok) return;
    expect(comparable(second.snapshot)).toEqual(comparable(expectedMore.snapshot));
    expect(second.snapshot.origins.get('au-extra-test-fact')).toEqual({ file: 'knowledge/extra.yaml', line: 2 });

    builder.build(more, AT);
    expect(builder.parsedLastTime).toEqual([]);
  });

  it('places a problem found across files in a file it did not parse again, at the right line', () => {
    const builder = new CachedBuilder();
    const files = baseFiles();
    builder.build(files, AT);
    // The new file repeats an id of facts.yaml: the duplicate is reported where buildSnapshot reports it.
    const duplicate = EXTRA.replace('au-extra-test-fact', 'cn-mining-share-2024');
    const withDuplicate = [...files, { path: 'knowledge/extra.yaml', bytes: text(duplicate) }];
    const cached = builder.build(withDuplicate, AT);
    expect(builder.parsedLastTime).toEqual(['knowledge/extra.yaml']);
    const fresh = buildSnapshot(withDuplicate, AT);
    expect(cached.ok).toBe(false);
    if (cached.ok || fresh.ok) return;
    expect(cached.errors).toEqual(fresh.errors);
    expect(cached.errors.some((problem) => problem.file.endsWith('.yaml') && problem.line > 1)).toBe(true);
  });

  it('keeps reporting a broken file, naming file and line, until it is fixed', () => {
    const builder = new CachedBuilder();
    const files = baseFiles();
    builder.build(files, AT);
    const broken = [...files, { path: 'knowledge/extra.yaml', bytes: text('facts:\n  - id: x\n    title: [unclosed\n') }];
    const first = builder.build(broken, AT);
    const again = builder.build(broken, AT);
    expect(first.ok || again.ok).toBe(false);
    if (first.ok || again.ok) return;
    expect(first.errors[0]?.file).toBe('knowledge/extra.yaml');
    expect(first.errors[0]?.line).toBeGreaterThan(1);
    expect(again.errors).toEqual(first.errors);
    expect(builder.build([...files, { path: 'knowledge/extra.yaml', bytes: text(EXTRA) }], AT).ok).toBe(true);
  });
});

describe('SnapshotAssembler', () => {
  it('puts together, chunk by chunk, the snapshot createSnapshot makes, frozen', () => {
    const loaded = buildSnapshot(baseFiles(), AT);
    if (!loaded.ok) throw new Error('the base fixture does not load');
    const s = loaded.snapshot;
    const thaw = <T>(value: T): T => structuredClone(value);
    const assembler = new SnapshotAssembler(s.version, s.loadedAt);
    const origin = (id: string) => thaw(s.origins.get(id) ?? { file: '?', line: 0 });
    for (const fact of s.facts) assembler.addFacts([thaw(fact)], [origin(fact.id)]);
    assembler.addSources(
      s.sources.map(thaw),
      s.sources.map((source) => origin(source.id)),
    );
    assembler.addReference(s.countries.map(thaw), s.materials.map(thaw));
    const assembled = assembler.finish();
    const made = createSnapshot({ ...s, loadedAt: new Date(s.loadedAt) });
    expect(comparable(assembled)).toEqual(comparable(made));
    expect([...assembled.origins.keys()]).toEqual([...made.origins.keys()]);
    expect(Object.isFrozen(assembled.facts[0]?.citations[0])).toBe(true);
    expect(Object.isFrozen(assembled.facts)).toBe(true);
  });
});
