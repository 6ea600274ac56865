import path from 'node:path';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { Fact, MeetingFact, RestrictionFact } from '../../src/knowledge/schema.ts';
import { createSnapshot, type Snapshot } from '../../src/knowledge/snapshot.ts';

/**
 * The shipped knowledge, and edited copies of it: what a moderator's edit would produce, built
 * without touching files so digest tests can change facts between "loads".
 */
let shipped: Promise<Snapshot> | undefined;

export function shippedSnapshot(): Promise<Snapshot> {
  shipped ??= loadKnowledge(path.resolve(import.meta.dirname, '../../knowledge'), new Date('2026-01-01T00:00:00Z')).then((result) => {
    if (!result.ok) throw new Error(`shipped knowledge does not load: ${result.errors[0]?.message}`);
    return result.snapshot;
  });
  return shipped;
}

/** A new snapshot with the facts `edit` returns, under a new version (as a reload would give). */
export function variant(base: Snapshot, version: string, edit: (facts: Fact[]) => Fact[]): Snapshot {
  return createSnapshot({
    version,
    loadedAt: new Date(base.loadedAt),
    facts: edit([...base.facts]),
    sources: base.sources,
    countries: base.countries,
    materials: base.materials,
    origins: base.origins,
  });
}

export function factOf<K extends Fact['kind']>(snapshot: Snapshot, id: string, kind: K): Extract<Fact, { kind: K }> {
  const fact = snapshot.factById.get(id);
  if (!fact || fact.kind !== kind) throw new Error(`no ${kind} fact ${id}`);
  return fact as Extract<Fact, { kind: K }>;
}

/** A restriction modelled on a shipped one, with its citations (so it cites real sources). */
export function restrictionLike(model: RestrictionFact, overrides: Partial<RestrictionFact> & { id: string }): RestrictionFact {
  return { ...model, aliases: [], ...overrides };
}

export function meetingLike(model: MeetingFact, overrides: Partial<MeetingFact> & { id: string }): MeetingFact {
  return { ...model, aliases: [], ...overrides };
}
