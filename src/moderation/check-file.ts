import path from 'node:path';
import { readKnowledgeFiles } from '../knowledge/load.ts';
import type { Problem } from '../knowledge/problems.ts';
import { buildSnapshot } from '../knowledge/validate.ts';

/**
 * Validates a moderator's file against the current knowledge without applying it: the file takes
 * the place of the knowledge file of the same name (an edit), or is added beside them (a new
 * file), and the whole set is checked as a reload would check it.
 */
export interface FileCheck {
  readonly ok: boolean;
  /** The knowledge file the attachment would replace, if any. */
  readonly replaces?: string;
  /** Problems located in the attached file. */
  readonly problems: readonly Problem[];
  /** Problems it would cause in other files (say, a fact elsewhere citing a source it removes). */
  readonly elsewhere: readonly Problem[];
  readonly facts?: number;
}

export async function checkKnowledgeFile(dir: string, name: string, bytes: Uint8Array, now: Date): Promise<FileCheck> {
  const read = await readKnowledgeFiles(dir);
  if (!read.ok) return { ok: false, problems: [{ severity: 'error', file: name, line: 1, col: 1, message: read.message }], elsewhere: [] };
  const base = path.basename(name);
  const existing = read.files.find((file) => path.basename(file.path) === base);
  const shownAs = existing?.path ?? path.join(dir, base);
  const files = [...read.files.filter((file) => file !== existing), { path: shownAs, bytes }];
  const result = buildSnapshot(files, now);
  const all = result.ok ? result.warnings : [...result.errors, ...result.warnings];
  return {
    ok: result.ok,
    ...(existing ? { replaces: existing.path } : {}),
    problems: all.filter((problem) => problem.file === shownAs),
    elsewhere: all.filter((problem) => problem.file !== shownAs && problem.severity === 'error'),
    ...(result.ok ? { facts: result.snapshot.facts.length } : {}),
  };
}
