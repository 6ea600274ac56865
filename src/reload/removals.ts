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
  const steps = removalSteps(served, loaded);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** `removalsBetween` a slice per turn (awaiting `pause` between slices), for the bot's event loop at 100k facts. */
export async function removalsInTurns(served: Snapshot, loaded: Snapshot, pause: () => Promise<void>): Promise<Removals> {
  const steps = removalSteps(served, loaded);
  let step = steps.next();
  while (!step.done) {
    await pause();
    step = steps.next();
  }
  return step.value;
}

const SLICE = 10_000;

function* removalSteps(served: Snapshot, loaded: Snapshot): Generator<void, Removals> {
  const factIds: string[] = [];
  for (let start = 0; start < served.facts.length; start += SLICE) {
    for (const fact of served.facts.slice(start, start + SLICE)) if (!loaded.factById.has(fact.id)) factIds.push(fact.id);
    yield;
  }
  if (factIds.length === 0) return { factIds, byFile: [] };
  const byFile = new Map<string, string[]>();
  for (const id of factIds) {
    const file = served.origins.get(id)?.file ?? '(unknown file)';
    const ids = byFile.get(file);
    if (ids) ids.push(id);
    else byFile.set(file, [id]);
  }
  // Only the files that lost facts need telling apart: gone, or still holding some.
  const stillHolding = new Set<string>();
  for (let start = 0; start < loaded.facts.length; start += SLICE) {
    for (const fact of loaded.facts.slice(start, start + SLICE)) {
      const file = loaded.origins.get(fact.id)?.file;
      if (file !== undefined && byFile.has(file)) stillHolding.add(file);
    }
    yield;
  }
  return {
    factIds,
    byFile: [...byFile].map(([file, ids]) => ({ file, factIds: ids, fileGone: !stillHolding.has(file) })),
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
