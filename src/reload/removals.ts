import type { Snapshot } from '../knowledge/snapshot.ts';

/**
 * What a reload would take away from the knowledge being served. A deleted or renamed file, or a
 * save cut short at a fact boundary, is valid YAML and passes every check, yet silently drops facts;
 * comparing with the served snapshot is the only way to tell it from a deliberate edit.
 */
/** A default that lets a moderator retire a fact or two without confirming, but not a whole file. */
export const DEFAULT_MAX_REMOVALS = 3;

export interface FileRemovals {
  /** The file as the served snapshot names it. */
  readonly file: string;
  readonly factIds: readonly string[];
  /** No fact of the new load comes from this file: it was deleted, renamed or emptied of facts. */
  readonly fileGone: boolean;
}

export interface Removals {
  readonly factIds: readonly string[];
  readonly byFile: readonly FileRemovals[];
}

export function removalsBetween(served: Snapshot, loaded: Snapshot): Removals {
  const factIds = served.facts.map((fact) => fact.id).filter((id) => !loaded.factById.has(id));
  const filesStillHolding = new Set(loaded.facts.map((fact) => loaded.origins.get(fact.id)?.file));
  const byFile = new Map<string, string[]>();
  for (const id of factIds) {
    const file = served.origins.get(id)?.file ?? '(unknown file)';
    byFile.set(file, [...(byFile.get(file) ?? []), id]);
  }
  return {
    factIds,
    byFile: [...byFile].map(([file, ids]) => ({ file, factIds: ids, fileGone: !filesStillHolding.has(file) })),
  };
}

const IDS_SHOWN = 5;

/** One line per file: "knowledge/market/china.yaml (deleted or renamed): 18 facts (cn-…, …)". */
export function describeRemovals(removals: Removals): string[] {
  return removals.byFile.map(({ file, factIds, fileGone }) => {
    const shown = factIds.slice(0, IDS_SHOWN).join(', ');
    const more = factIds.length > IDS_SHOWN ? `, … ${factIds.length - IDS_SHOWN} more` : '';
    return `${file}${fileGone ? ' (deleted, renamed or emptied)' : ''}: ${factIds.length} fact(s) (${shown}${more})`;
  });
}
