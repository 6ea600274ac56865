import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_FILE_BYTES } from './text-file.ts';
import { buildSnapshot, type KnowledgeFile, type LoadResult } from './validate.ts';

const KNOWLEDGE_FILE = /\.ya?ml$/i;
/** Editors leave hidden temp files (`.#x.yaml`, `.x.yaml.swp`); they are never knowledge. */
const HIDDEN = /^[.#~]/;
const MAX_FILES = 5_000;

/**
 * Reads every `*.yaml` under `dir` and validates the set. Problems name files as `dir` was given,
 * so `knowledge/` yields `knowledge/market/china.yaml:12:7 …`.
 */
export async function loadKnowledge(dir: string, loadedAt: Date = new Date()): Promise<LoadResult> {
  const read = await readKnowledgeFiles(dir);
  if (!read.ok) {
    return { ok: false, errors: [{ severity: 'error', file: dir, line: 1, col: 1, message: read.message }], warnings: [] };
  }
  return buildSnapshot(read.files, loadedAt);
}

/** The knowledge files of a folder as bytes, for validation as they are or with one replaced. */
export async function readKnowledgeFiles(dir: string): Promise<{ ok: true; files: KnowledgeFile[] } | { ok: false; message: string }> {
  const listed = await listKnowledgeFiles(dir);
  if (!listed.ok) return listed;

  const files: KnowledgeFile[] = [];
  for (const relative of listed.files) {
    const display = path.join(dir, relative);
    const absolute = path.resolve(dir, relative);
    try {
      const info = await stat(absolute);
      // A file over the limit is not read at all: its size alone is the problem.
      files.push(info.size > MAX_FILE_BYTES ? { path: display, bytes: new Uint8Array(0), unreadSize: info.size } : { path: display, bytes: await readFile(absolute) });
    } catch (error) {
      // Deleted between listing and reading (an editor's save): report, never crash.
      const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
      files.push({ path: display, bytes: new Uint8Array(0), unreadable: `file could not be read (${reason})` });
    }
  }
  return { ok: true, files };
}

async function listKnowledgeFiles(dir: string): Promise<{ ok: true; files: string[] } | { ok: false; message: string }> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) return { ok: false, message: 'is not a folder' };
  } catch {
    return { ok: false, message: 'knowledge folder not found' };
  }
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && KNOWLEDGE_FILE.test(entry.name) && !HIDDEN.test(entry.name))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((relative) => !relative.split(path.sep).some((part) => HIDDEN.test(part)))
    .sort();
  if (files.length === 0) return { ok: false, message: 'no .yaml files found in the knowledge folder' };
  if (files.length > MAX_FILES) return { ok: false, message: `too many files (${files.length}); the limit is ${MAX_FILES}` };
  return { ok: true, files };
}
