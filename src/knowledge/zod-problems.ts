import type { z } from 'zod';
import { didYouMean } from './closest.ts';
import type { PathSegment, Position } from './yaml-document.ts';

/**
 * zod says what is wrong in its own terms; a moderator needs the field, the place and the fix.
 * Each issue becomes one message located at the offending value, or at the key for an unknown
 * field, or at the entry itself for a missing one.
 */
export interface LocatedMessage {
  readonly position: Position;
  readonly message: string;
}

export interface Locator {
  positionOf(path: readonly PathSegment[]): Position;
  positionOfKey(path: readonly PathSegment[], key: string): Position;
}

export function describeZodIssues(issues: readonly z.core.$ZodIssue[], entryPath: readonly PathSegment[], entry: unknown, locate: Locator): LocatedMessage[] {
  const messages: LocatedMessage[] = [];
  // A misspelled field shows up twice: as unknown, and its real name as missing. Pair them.
  const missing = issues.filter((issue) => issue.code === 'invalid_type' && valueAt(entry, pathOf(issue)) === undefined).map((issue) => String(pathOf(issue).at(-1)));
  for (const issue of issues) {
    const path = pathOf(issue);
    const field = path.length > 0 ? path.join('.') : undefined;
    const fullPath = [...entryPath, ...path];

    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        messages.push({
          position: locate.positionOfKey(fullPath, key),
          message: `unknown field '${field ? `${field}.` : ''}${key}'${didYouMean(key, missing)}`,
        });
      }
      continue;
    }

    const value = valueAt(entry, path);
    if (issue.code === 'invalid_type' && value === undefined) {
      messages.push({
        position: locate.positionOf(fullPath.slice(0, -1)),
        message: missingMessage(field ?? 'value'),
      });
      continue;
    }

    let detail: string;
    if (issue.code === 'invalid_type') {
      detail = `must be ${article(issue.expected)}, not ${kindOf(value)}`;
    } else if (issue.code === 'invalid_value') {
      detail = `must be one of ${issue.values.map(String).join(', ')} (found '${String(value)}')`;
    } else {
      detail = issue.message;
    }
    messages.push({ position: locate.positionOf(fullPath), message: field ? `${field} ${detail}` : detail });
  }
  return messages;
}

function pathOf(issue: z.core.$ZodIssue): PathSegment[] {
  return issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
}

function missingMessage(field: string): string {
  if (field === 'citations') return 'a fact must cite at least one source (missing citations)';
  return `missing required field '${field}'`;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

function kindOf(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${article(typeof value)} (${JSON.stringify(value)})`;
}

function article(type: string): string {
  const names: Record<string, string> = {
    array: 'a list',
    object: 'a mapping',
    string: 'text',
    number: 'a number',
    boolean: 'true or false',
  };
  return names[type] ?? type;
}
