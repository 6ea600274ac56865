import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { crossCheck } from './cross-check.ts';
import { ProblemList } from './problem-list.ts';
import type { Problem } from './problems.ts';
import { sortProblems } from './problems.ts';
import { countrySchema, FACT_KINDS, factSchema, knowledgeFileSchema, materialSchema, sourceSchema, type Country, type Fact, type Material, type Source } from './schema.ts';
import { createSnapshot, type Snapshot } from './snapshot.ts';
import { decodeKnowledgeText, positionOfByte, tooLargeMessage } from './text-file.ts';
import { parseYaml, type ParsedYaml, type PathSegment } from './yaml-document.ts';
import { describeZodIssues } from './zod-problems.ts';

export interface KnowledgeFile {
  /** The path shown in problems, e.g. `knowledge/market/china.yaml`. */
  readonly path: string;
  readonly bytes: Uint8Array;
  /** Set instead of bytes when the file was too large to read. */
  readonly unreadSize?: number;
  /** Set instead of bytes when reading failed. */
  readonly unreadable?: string;
}

export type LoadResult =
  { readonly ok: true; readonly snapshot: Snapshot; readonly warnings: Problem[] } | { readonly ok: false; readonly errors: Problem[]; readonly warnings: Problem[] };

/** An entry that passed its schema, with what is needed to report later problems at its place. */
export interface Located<T> {
  readonly value: T;
  readonly file: string;
  readonly parsed: ParsedYaml;
  readonly path: readonly PathSegment[];
}

export interface Entries {
  readonly facts: Located<Fact>[];
  readonly sources: Located<Source>[];
  readonly countries: Located<Country>[];
  readonly materials: Located<Material>[];
}

const SECTION_NAMES = ['sources', 'facts', 'countries', 'materials'] as const;

/**
 * Validates a complete set of knowledge files into a Snapshot, or returns every problem found.
 * Pure: the caller reads the files (from disk, or a moderator's attachment) and picks the time.
 */
export function buildSnapshot(files: readonly KnowledgeFile[], loadedAt: Date): LoadResult {
  const problems = new ProblemList();
  const entries: Entries = { facts: [], sources: [], countries: [], materials: [] };

  for (const file of files) readFile(file, entries, problems);

  if (!problems.hasErrors) crossCheck(entries, problems);
  if (!problems.hasErrors && entries.facts.length === 0) {
    problems.error(files[0]?.path ?? 'knowledge', { line: 1, col: 1 }, 'the knowledge base has no facts');
  }

  const warnings = sortProblems(problems.warnings);
  if (problems.hasErrors) return { ok: false, errors: sortProblems(problems.errors), warnings };

  const origins = new Map<string, { file: string; line: number }>();
  for (const entry of [...entries.facts, ...entries.sources]) {
    origins.set(entry.value.id, { file: entry.file, line: entry.parsed.positionOf(entry.path).line });
  }
  const snapshot = createSnapshot({
    version: versionOf(files),
    loadedAt,
    facts: entries.facts.map((entry) => entry.value),
    sources: entries.sources.map((entry) => entry.value),
    countries: entries.countries.map((entry) => entry.value),
    materials: entries.materials.map((entry) => entry.value),
    origins,
  });
  return { ok: true, snapshot, warnings };
}

/** Reads one file's entries and the problems found in it alone (the reload worker caches them per file). */
export function readFile(file: KnowledgeFile, entries: Entries, problems: ProblemList): void {
  if (file.unreadable !== undefined || file.unreadSize !== undefined) {
    problems.error(file.path, { line: 1, col: 1 }, file.unreadable ?? tooLargeMessage(file.unreadSize ?? 0));
    return;
  }
  const decoded = decodeKnowledgeText(file.bytes);
  if (!decoded.ok) {
    problems.error(file.path, positionOfByte(file.bytes, decoded.offset), decoded.message);
    return;
  }
  if (decoded.text.trim() === '') {
    problems.error(file.path, { line: 1, col: 1 }, `file is empty; it needs at least one of: ${SECTION_NAMES.join(', ')}`);
    return;
  }

  const result = parseYaml(decoded.text);
  if (!result.ok) {
    for (const error of result.errors) problems.error(file.path, error.position, error.message);
    return;
  }
  const { parsed } = result;

  const top = knowledgeFileSchema.safeParse(parsed.value);
  if (!top.success) {
    if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      problems.error(file.path, { line: 1, col: 1 }, `a knowledge file must be a mapping with any of: ${SECTION_NAMES.join(', ')}`);
      return;
    }
    for (const message of describeZodIssues(top.error.issues, [], parsed.value, parsed)) {
      problems.error(file.path, message.position, `${message.message}; top-level keys are ${SECTION_NAMES.join(', ')}`);
    }
    return;
  }

  const sections = top.data;
  collect(file.path, parsed, 'countries', sections.countries, countrySchema, entries.countries, problems);
  collect(file.path, parsed, 'materials', sections.materials, materialSchema, entries.materials, problems);
  collect(file.path, parsed, 'sources', sections.sources, sourceSchema, entries.sources, problems);
  collectFacts(file.path, parsed, sections.facts, entries.facts, problems);
}

function collect<T>(
  file: string,
  parsed: ParsedYaml,
  section: string,
  list: readonly unknown[] | undefined,
  schema: z.ZodType<T>,
  into: Located<T>[],
  problems: ProblemList,
): void {
  list?.forEach((raw, index) => {
    const path = [section, index];
    const result = schema.safeParse(raw);
    if (result.success) {
      into.push({ value: result.data, file, parsed, path });
      return;
    }
    for (const message of describeZodIssues(result.error.issues, path, raw, parsed)) {
      problems.error(file, message.position, `${labelOf(section, raw)}: ${message.message}`);
    }
  });
}

function collectFacts(file: string, parsed: ParsedYaml, list: readonly unknown[] | undefined, into: Located<Fact>[], problems: ProblemList): void {
  list?.forEach((raw, index) => {
    const path = ['facts', index];
    const kind = raw !== null && typeof raw === 'object' ? (raw as { kind?: unknown }).kind : undefined;
    if (typeof kind !== 'string' || !(FACT_KINDS as readonly string[]).includes(kind)) {
      const where = kind === undefined ? parsed.positionOf(path) : parsed.positionOf([...path, 'kind']);
      const found = kind === undefined ? 'missing' : `'${typeof kind === 'string' ? kind : JSON.stringify(kind)}'`;
      problems.error(file, where, `${labelOf('facts', raw)}: kind must be one of ${FACT_KINDS.join(', ')} (found ${found})`);
      return;
    }
    const result = factSchema.safeParse(raw);
    if (result.success) {
      into.push({ value: result.data, file, parsed, path });
      return;
    }
    for (const message of describeZodIssues(result.error.issues, path, raw, parsed)) {
      problems.error(file, message.position, `${labelOf('facts', raw)}: ${message.message}`);
    }
  });
}

/** "fact 'cn-dy-ban'" when the entry has a usable id, else "fact #3", so every message names its entry. */
function labelOf(section: string, raw: unknown): string {
  const singular = section.replace(/ies$/, 'y').replace(/s$/, '');
  const record = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const key = record['id'] ?? record['code'];
  return typeof key === 'string' && key.length > 0 && key.length <= 80 ? `${singular} '${key}'` : singular;
}

/**
 * A hash of the files' contents and their paths inside the knowledge folder, so the same
 * knowledge has the same version whether the folder was named `knowledge` or `/srv/bot/knowledge`.
 */
export function versionOf(files: readonly KnowledgeFile[]): string {
  const prefix = commonFolder(files.map((file) => file.path));
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    hash.update(file.path.slice(prefix.length)).update('\0').update(file.bytes).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

function commonFolder(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  let prefix = (paths[0] as string).slice(0, (paths[0] as string).lastIndexOf('/') + 1);
  for (const candidate of paths) while (!candidate.startsWith(prefix)) prefix = prefix.slice(0, prefix.slice(0, -1).lastIndexOf('/') + 1);
  return prefix;
}
