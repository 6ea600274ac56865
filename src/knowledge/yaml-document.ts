import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/**
 * A parsed knowledge file that still knows where everything came from, so that a problem found
 * later (by zod or a cross-check) can be reported at the exact key or value a moderator must edit.
 */
export interface Position {
  readonly line: number;
  readonly col: number;
}

export type PathSegment = string | number;

export interface ParsedYaml {
  readonly value: unknown;
  /** Where the value at `path` starts; falls back to its nearest ancestor that exists. */
  positionOf(path: readonly PathSegment[]): Position;
  /** Where the key `key` of the mapping at `path` starts (for unknown or misplaced fields). */
  positionOfKey(path: readonly PathSegment[], key: string): Position;
}

export interface YamlError {
  readonly position: Position;
  readonly message: string;
}

/** Far above any honest knowledge file, far below what an alias bomb needs to do harm. */
const MAX_ALIAS_COUNT = 200;

export function parseYaml(text: string): { ok: true; parsed: ParsedYaml } | { ok: false; errors: YamlError[] } {
  const lineCounter = new LineCounter();
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };

  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (error) {
    return { ok: false, errors: [{ position: { line: 1, col: 1 }, message: `YAML could not be read: ${describe(error)}` }] };
  }

  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((error) => ({
        position: toPosition(error.pos[0]),
        message: `YAML syntax: ${firstLine(error.message)}`,
      })),
    };
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = describe(error);
    return {
      ok: false,
      errors: [
        {
          position: { line: 1, col: 1 },
          message: /alias/i.test(message)
            ? `YAML uses too many aliases (more than ${MAX_ALIAS_COUNT} expansions); write the values out instead`
            : `YAML could not be read: ${message}`,
        },
      ],
    };
  }

  const nodeAt = (path: readonly PathSegment[]): Node | undefined => {
    let node: unknown = doc.contents;
    let found: Node | undefined = isNode(node) ? node : undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
        node = pair?.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        break;
      }
      if (!isNode(node)) break;
      found = node;
    }
    return found;
  };

  const startOf = (node: Node | undefined): Position => (node?.range ? toPosition(node.range[0]) : { line: 1, col: 1 });

  return {
    ok: true,
    parsed: {
      value,
      positionOf: (path) => startOf(nodeAt(path)),
      positionOfKey: (path, key) => {
        const container = nodeAt(path);
        if (isMap(container)) {
          const pair = container.items.find((item) => isScalar(item.key) && item.key.value === key);
          if (pair && isScalar(pair.key)) return startOf(pair.key);
        }
        return startOf(container);
      },
    },
  };
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function describe(error: unknown): string {
  return error instanceof Error ? firstLine(error.message) : String(error);
}
