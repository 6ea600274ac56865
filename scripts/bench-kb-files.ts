/**
 * A generated corpus written out as a knowledge folder, the way moderators keep one: facts in
 * topic folders (`restrictions/`, `market/`, …), one file per main country, a file split in parts
 * before it reaches the loader's 2 MB limit; sources in `sources*.yaml`; the shipped countries and
 * materials copied beside them. `npm run bench` loads and reloads it through the real loader.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Fact, Source } from '../src/knowledge/schema.ts';
import { MAX_FILE_BYTES } from '../src/knowledge/text-file.ts';
import type { Corpus } from './bench-corpus.ts';

/** Parts stay well under the loader's limit, as a moderator splitting "by topic" would keep them. */
const PART_BYTES = Math.floor(MAX_FILE_BYTES * 0.6);
const FOLDER_BY_KIND: Readonly<Record<Fact['kind'], string>> = {
  restriction: 'restrictions',
  policy: 'policies',
  meeting: 'meetings',
  'market-share': 'market',
  background: 'background',
};

export interface KnowledgeFolder {
  readonly dir: string;
  readonly files: number;
  readonly bytes: number;
  readonly largestBytes: number;
  /** A moderator's edit: one fact's summary in one file changes; returns the file edited. */
  editOneFact(): string;
}

export function writeKnowledgeFolder(dir: string, corpus: Corpus, shippedKnowledge: string, partBytes = PART_BYTES): KnowledgeFolder {
  const groups = new Map<string, Fact[]>();
  for (const fact of corpus.facts) {
    const key = `${FOLDER_BY_KIND[fact.kind]}/${(fact.countries[0] ?? 'world').toLowerCase()}`;
    const group = groups.get(key) ?? [];
    group.push(fact);
    groups.set(key, group);
  }
  const written: Array<{ file: string; bytes: number }> = [];
  const factFiles = new Map<string, readonly Fact[]>();
  const write = (relative: string, text: string) => {
    const absolute = path.join(dir, relative);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
    written.push({ file: relative, bytes: Buffer.byteLength(text) });
  };
  for (const [key, facts] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    splitIntoParts(facts, (part) => stringify({ facts: part }, { lineWidth: 0 }), partBytes).forEach((part, i, parts) => {
      const relative = `${key}${parts.length > 1 ? `-${i + 1}` : ''}.yaml`;
      factFiles.set(relative, part.items);
      write(relative, part.text);
    });
  }
  splitIntoParts<Source>(corpus.sources, (part) => stringify({ sources: part }, { lineWidth: 0 }), partBytes).forEach((part, i) => {
    write(`sources${i === 0 ? '' : `-${i + 1}`}.yaml`, part.text);
  });
  // Every reference file the shipped knowledge has, since the corpus draws countries and materials from all of them.
  for (const reference of readdirSync(shippedKnowledge).filter((name) => /^(countries|materials)(-[a-z0-9-]+)?\.yaml$/.test(name))) {
    copyFileSync(path.join(shippedKnowledge, reference), path.join(dir, reference));
    written.push({ file: reference, bytes: readFileSync(path.join(dir, reference)).length });
  }

  let edits = 0;
  return {
    dir,
    files: written.length,
    bytes: written.reduce((sum, file) => sum + file.bytes, 0),
    largestBytes: Math.max(...written.map((file) => file.bytes)),
    editOneFact() {
      const [relative, facts] = [...factFiles].find(([, items]) => items.length > 1) ?? [...factFiles][0] ?? ['', []];
      edits++;
      const edited = facts.map((fact, i) => (i === 0 ? { ...fact, summary: `${fact.summary} (revised ${edits})` } : fact));
      writeFileSync(path.join(dir, relative), stringify({ facts: edited }, { lineWidth: 0 }));
      return relative;
    },
  };
}

/**
 * Consecutive runs of items whose YAML stays under `partBytes`: an oversized run is cut into as many
 * equal runs as its size asks for (plus one for slack), and any run still too big is cut again.
 */
function splitIntoParts<T>(items: readonly T[], render: (part: readonly T[]) => string, partBytes: number): Array<{ items: readonly T[]; text: string }> {
  const text = render(items);
  const bytes = Buffer.byteLength(text);
  if (bytes <= partBytes || items.length < 2) return [{ items, text }];
  const parts = Math.min(items.length, Math.ceil(bytes / partBytes) + 1);
  const size = Math.ceil(items.length / parts);
  const runs: Array<{ items: readonly T[]; text: string }> = [];
  for (let start = 0; start < items.length; start += size) runs.push(...splitIntoParts(items.slice(start, start + size), render, partBytes));
  return runs;
}
