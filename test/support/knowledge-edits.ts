import type { Snapshot } from '../../src/knowledge/snapshot.ts';

/** A knowledge file holding one valid background fact, as a moderator would add one while the bot runs. */
export function oneFactFile(id: string, title = 'Lynas cracking plant in Kalgoorlie'): string {
  return `facts:
  - id: ${id}
    kind: background
    title: ${title}
    summary: A fact added while the bot runs, about the Kalgoorlie plant.
    date: 2024
    countries: [AU]
    citations:
      - source: usgs-mcs-2025
`;
}

/** A snapshot with its maps spread into arrays, so two loads compare by content. */
export function comparable(snapshot: Snapshot) {
  return { ...snapshot, factById: [...snapshot.factById], sourceById: [...snapshot.sourceById], origins: [...snapshot.origins] };
}
