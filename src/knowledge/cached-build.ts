import { createHash } from 'node:crypto';
import { crossCheck } from './cross-check.ts';
import { ProblemList } from './problem-list.ts';
import { sortProblems, type Problem } from './problems.ts';
import { createSnapshot } from './snapshot.ts';
import { decodeKnowledgeText } from './text-file.ts';
import { readFile, versionOf, type Entries, type KnowledgeFile, type LoadResult, type Located } from './validate.ts';
import { parseYaml, type ParsedYaml, type PathSegment, type Position } from './yaml-document.ts';

/**
 * `buildSnapshot` for a process that loads the same folder again and again (the reload worker):
 * each file's parse and schema checks are kept under the hash of its bytes, so a reload parses only
 * the files that changed; the checks across files run on every load, as they must. The result is
 * the one `buildSnapshot` gives for the same files.
 *
 * A kept file does not keep its YAML document (at 100k facts those trees dwarf the facts): its
 * entries locate problems through a locator that parses the file again the rare time a cross-file
 * problem has to be placed in it.
 */
interface CachedFile {
  readonly hash: string;
  readonly entries: Entries;
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
  /** Line of each fact and source entry, for the snapshot's origins. */
  readonly lines: ReadonlyMap<string, number>;
  readonly locator: FileLocator;
}

export class CachedBuilder {
  readonly #files = new Map<string, CachedFile>();
  #last: { version: string; result: LoadResult } | undefined;
  /** Files parsed by the last `build` (the rest came from the cache); for tests and the bench. */
  parsedLastTime: string[] = [];

  build(files: readonly KnowledgeFile[], loadedAt: Date): LoadResult {
    const version = versionOf(files);
    this.parsedLastTime = [];
    // The very same bytes as the last load: its result stands (only the load time would differ).
    if (this.#last?.version === version) return this.#last.result;

    const cached = files.map((file) => this.#fileOf(file));
    const present = new Set(files.map((file) => file.path));
    for (const path of [...this.#files.keys()]) if (!present.has(path)) this.#files.delete(path);

    const entries: Entries = { facts: [], sources: [], countries: [], materials: [] };
    const errors: Problem[] = [];
    const warnings: Problem[] = [];
    for (const file of cached) {
      entries.facts.push(...file.entries.facts);
      entries.sources.push(...file.entries.sources);
      entries.countries.push(...file.entries.countries);
      entries.materials.push(...file.entries.materials);
      errors.push(...file.errors);
      warnings.push(...file.warnings);
    }
    const across = new ProblemList();
    if (errors.length === 0) crossCheck(entries, across);
    if (errors.length === 0 && !across.hasErrors && entries.facts.length === 0) {
      across.error(files[0]?.path ?? 'knowledge', { line: 1, col: 1 }, 'the knowledge base has no facts');
    }
    for (const file of cached) file.locator.release();
    errors.push(...across.errors);
    warnings.push(...across.warnings);

    const sortedWarnings = sortProblems(warnings);
    if (errors.length > 0) return { ok: false, errors: sortProblems(errors), warnings: sortedWarnings };

    const origins = new Map<string, { file: string; line: number }>();
    for (const file of cached) {
      for (const entry of file.entries.facts) origins.set(entry.value.id, { file: entry.file, line: file.lines.get(`f:${entry.value.id}`) ?? 1 });
    }
    for (const file of cached) {
      for (const entry of file.entries.sources) origins.set(entry.value.id, { file: entry.file, line: file.lines.get(`s:${entry.value.id}`) ?? 1 });
    }
    const snapshot = createSnapshot({
      version,
      loadedAt,
      facts: entries.facts.map((entry) => entry.value),
      sources: entries.sources.map((entry) => entry.value),
      countries: entries.countries.map((entry) => entry.value),
      materials: entries.materials.map((entry) => entry.value),
      origins,
    });
    const result: LoadResult = { ok: true, snapshot, warnings: sortedWarnings };
    this.#last = { version, result };
    return result;
  }

  #fileOf(file: KnowledgeFile): CachedFile {
    const hash = hashOf(file);
    const known = this.#files.get(file.path);
    if (known?.hash === hash) return known;
    this.parsedLastTime.push(file.path);

    const entries: Entries = { facts: [], sources: [], countries: [], materials: [] };
    const problems = new ProblemList();
    readFile(file, entries, problems);
    const lines = new Map<string, number>();
    for (const entry of entries.facts) lines.set(`f:${entry.value.id}`, entry.parsed.positionOf(entry.path).line);
    for (const entry of entries.sources) lines.set(`s:${entry.value.id}`, entry.parsed.positionOf(entry.path).line);
    const first = entries.facts[0] ?? entries.sources[0] ?? entries.countries[0] ?? entries.materials[0];
    const locator = new FileLocator(file.bytes, first?.parsed);
    const relocate = <T>(list: Located<T>[]): Located<T>[] => list.map((entry) => ({ ...entry, parsed: locator }));
    const cachedFile: CachedFile = {
      hash,
      entries: {
        facts: relocate(entries.facts),
        sources: relocate(entries.sources),
        countries: relocate(entries.countries),
        materials: relocate(entries.materials),
      },
      errors: problems.errors,
      warnings: problems.warnings,
      lines,
      locator,
    };
    this.#files.set(file.path, cachedFile);
    return cachedFile;
  }
}

function hashOf(file: KnowledgeFile): string {
  const hash = createHash('sha256');
  hash.update(`${file.unreadSize ?? ''}\0${file.unreadable ?? ''}\0`).update(file.bytes);
  return hash.digest('hex');
}

/** Positions in one file: from its parsed document while it is at hand, else from parsing the bytes again. */
class FileLocator implements ParsedYaml {
  readonly #bytes: Uint8Array;
  #parsed: ParsedYaml | undefined;

  constructor(bytes: Uint8Array, parsed: ParsedYaml | undefined) {
    this.#bytes = bytes;
    this.#parsed = parsed;
  }

  get value(): unknown {
    return this.#document()?.value;
  }

  positionOf(path: readonly PathSegment[]): Position {
    return this.#document()?.positionOf(path) ?? { line: 1, col: 1 };
  }

  positionOfKey(path: readonly PathSegment[], key: string): Position {
    return this.#document()?.positionOfKey(path, key) ?? { line: 1, col: 1 };
  }

  /** Lets the document go once a load is done with it. */
  release(): void {
    this.#parsed = undefined;
  }

  #document(): ParsedYaml | undefined {
    if (this.#parsed) return this.#parsed;
    const decoded = decodeKnowledgeText(this.#bytes);
    if (!decoded.ok) return undefined;
    const result = parseYaml(decoded.text);
    this.#parsed = result.ok ? result.parsed : undefined;
    return this.#parsed;
  }
}
