import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.ts';
import { country } from '../../src/answer/country.ts';
import { marketShare } from '../../src/answer/market-share.ts';
import { meetings } from '../../src/answer/meetings.ts';
import { restrictions } from '../../src/answer/restrictions.ts';
import { source } from '../../src/answer/source.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { Fact } from '../../src/knowledge/schema.ts';
import type { Snapshot } from '../../src/knowledge/snapshot.ts';
import { countriesOf } from '../../src/search/fact-text.ts';
import { SearchIndex } from '../../src/search/search-index.ts';
import { variant } from '../digest/knowledge-variants.ts';

/** The day answers are asked on: statuses are shown as of it (shown-status.ts). */
const ASKED = new Date('2026-12-03T12:00:00Z');

let snapshot: Snapshot;
let index: SearchIndex;
beforeAll(async () => {
  const result = await loadKnowledge(path.resolve(import.meta.dirname, '../../knowledge'));
  if (!result.ok) throw new Error('shipped knowledge must load');
  snapshot = result.snapshot;
  index = new SearchIndex(snapshot);
});

function expectCited(answer: Answer): void {
  for (const item of answer.answers) {
    expect(item.citations.length, `${item.factId} has citations`).toBeGreaterThan(0);
    for (const citation of item.citations) expect(citation.url).toMatch(/^https?:\/\//);
  }
}

describe('restrictions', () => {
  it('lists only restrictions concerning the country, oldest announcement first, each cited', () => {
    const answer = restrictions(snapshot, { country: 'CN' }, ASKED);
    expect(answer.status).toBe('answered');
    expect(answer.answers.length).toBeGreaterThan(10);
    const facts = answer.answers.map((item) => snapshot.factById.get(item.factId));
    for (const fact of facts) {
      expect(fact?.kind).toBe('restriction');
      expect(fact && countriesOf(fact).has('CN')).toBe(true);
    }
    const announced = facts.map((fact) => (fact?.kind === 'restriction' ? fact.announced : ''));
    expect(announced).toEqual([...announced].sort());
    expectCited(answer);
  });

  it('filters by material, counting a group (heavy rare earths) as covering its elements', () => {
    const answer = restrictions(snapshot, { material: 'Dy' }, ASKED);
    const ids = answer.answers.map((item) => item.factId);
    expect(ids).toContain('cn-april-2025-seven-ree');
    expect(ids).not.toContain('cn-ga-ge-controls-2023');
  });

  it('filters by status and by date, and shows the status on every item', () => {
    const suspended = restrictions(snapshot, { status: 'suspended' }, new Date('2026-11-01T12:00:00Z'));
    expect(suspended.answers.length).toBeGreaterThan(0);
    expect(suspended.answers.every((item) => item.status === 'suspended')).toBe(true);
    const since = restrictions(snapshot, { since: '2026' }, ASKED);
    for (const item of since.answers) {
      const fact = snapshot.factById.get(item.factId);
      expect(fact?.kind === 'restriction' && (fact.effective ?? fact.announced) >= '2026').toBe(true);
    }
  });

  it('says so, with wider searches, when nothing matches', () => {
    const answer = restrictions(snapshot, { country: 'CH', status: 'lifted' }, ASKED);
    expect(answer.status).toBe('no-answer');
    expect(answer.answers).toEqual([]);
    expect(answer.suggestions.length).toBeGreaterThan(0);
  });
});

describe('marketShare', () => {
  it('ranks countries by share, largest first, rows carrying year, source and fact', () => {
    const answer = marketShare(snapshot, { stage: 'mining', year: 2024 });
    expect(answer.status).toBe('answered');
    const tonnes = (answer.shares ?? []).filter((row) => row.unit === 'tonnes' && row.country !== 'XX');
    expect(tonnes[0]?.country).toBe('CN');
    expect(tonnes.map((row) => row.value)).toEqual([...tonnes.map((row) => row.value)].sort((a, b) => b - a));
    for (const row of answer.shares ?? []) {
      expect(row.year).toBe(2024);
      expect(snapshot.sourceById.has(row.sourceId)).toBe(true);
      expect(answer.answers.some((item) => item.factId === row.factId)).toBe(true);
    }
    expectCited(answer);
  });

  it('keeps every source figure where sources disagree, and says they differ', () => {
    const years = new Set(snapshot.facts.flatMap((fact) => (fact.kind === 'market-share' && fact.stage === 'mining' ? [fact.year] : [])));
    // Find a year in which two sources give China different mining percentages for rare earths as a
    // whole (figures for antimony or tungsten are other tables, where no disagreement is claimed).
    const disputed = [...years].find((year) => {
      const values = snapshot.facts.flatMap((fact) =>
        fact.kind === 'market-share' && fact.stage === 'mining' && fact.year === year && fact.materials.includes('REE')
          ? fact.shares.filter((share) => share.country === 'CN' && share.unit === 'percent').map((share) => share.value)
          : [],
      );
      return new Set(values).size > 1;
    });
    expect(disputed).toBeDefined();
    const answer = marketShare(snapshot, { stage: 'mining', year: disputed });
    const china = (answer.shares ?? []).filter((row) => row.country === 'CN' && row.unit === 'percent');
    expect(new Set(china.map((row) => row.value)).size).toBeGreaterThan(1);
    expect(new Set(china.map((row) => row.rank)).size).toBe(1);
    expect(answer.message).toMatch(/Sources differ on China/);
  });

  it('defaults to a year not in the future and names projections as such', () => {
    const answer = marketShare(snapshot, { stage: 'mining', asOfYear: 2026 });
    expect((answer.shares ?? [])[0]?.year).toBeLessThanOrEqual(2026);
    expect(answer.message).toMatch(/2030 \(projection\)/);
  });

  it('answers no-answer with the years that have data when a year has none', () => {
    const answer = marketShare(snapshot, { stage: 'magnets', year: 1999 });
    expect(answer.status).toBe('no-answer');
    expect(answer.suggestions[0]).toMatch(/^\/market-share stage:magnets year:\d{4}$/);
  });
});

describe('meetings', () => {
  const NOW = new Date('2025-06-01T00:00:00Z');

  it('lists meetings with a participant, newest first', () => {
    const answer = meetings(snapshot, { country: 'KZ' }, NOW);
    const dates = answer.answers.map((item) => item.date);
    expect(dates.length).toBeGreaterThan(2);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(answer.answers.map((item) => item.factId)).toContain('icad-4-new-delhi');
    expectCited(answer);
  });

  it('treats upcoming relative to the injected now, soonest first', () => {
    const before = meetings(snapshot, { country: 'IN', upcoming: true }, NOW);
    expect(before.answers.map((item) => item.factId)).toContain('icad-4-new-delhi');
    const after = meetings(snapshot, { country: 'IN', upcoming: true }, new Date('2025-06-10T00:00:00Z'));
    // The 4th Dialogue is over, but it set the next one for 2026, so it stays as "upcoming".
    expect(after.answers.map((item) => item.factId)).toContain('icad-4-new-delhi');
    const later = meetings(snapshot, { country: 'IN', upcoming: true }, new Date('2027-01-01T00:00:00Z'));
    expect(later.answers.map((item) => item.factId)).not.toContain('icad-4-new-delhi');
  });

  it('filters by a date range', () => {
    const answer = meetings(snapshot, { from: '2025-10', to: '2025-10' }, NOW);
    expect(answer.answers.length).toBeGreaterThan(0);
    for (const item of answer.answers) expect(item.date.startsWith('2025-10')).toBe(true);
  });
});

describe('country', () => {
  it('profiles a country in sections with shares, its restrictions and meetings', () => {
    const answer = country(snapshot, 'CN', ASKED);
    expect(answer.status).toBe('answered');
    const sections = new Set(answer.answers.map((item) => item.section));
    for (const section of ['Market shares', 'Restrictions it imposes', 'Meetings and agreements']) expect(sections).toContain(section);
    expect((answer.shares ?? []).every((row) => row.country === 'CN')).toBe(true);
    const imposed = answer.answers.filter((item) => item.section === 'Restrictions it imposes');
    for (const item of imposed) {
      const fact = snapshot.factById.get(item.factId);
      expect(fact?.kind === 'restriction' && fact.imposedBy).toBe('CN');
    }
    expect(answer.message).toMatch(/Most recent:/);
    expectCited(answer);
  });

  it('names as most recent the latest fact up to the day asked, not one dated ahead', () => {
    const ahead = {
      ...(snapshot.factById.get('cn-japan-dual-use-ban-2026') as Fact),
      id: 'test-dated-ahead',
      title: 'A measure recorded by the day it takes effect',
      date: '2099-01-01',
    };
    const known = variant(snapshot, 'dated-ahead', (facts) => [...facts, ahead]);
    const message = country(known, 'JP', ASKED).message ?? '';
    expect(message).toMatch(/Most recent: /);
    expect(message).not.toMatch(/Most recent: A measure recorded by the day it takes effect/);
  });

  it('shows what China restricts as faced by Japan', () => {
    const answer = country(snapshot, 'JP', ASKED);
    const faced = answer.answers.filter((item) => item.section === 'Restrictions it faces').map((item) => item.factId);
    expect(faced).toContain('cn-japan-dual-use-ban-2026');
  });
});

describe('source', () => {
  it('gives a fact with every citation, and where it is defined', () => {
    const answer = source(index, 'cn-april-2025-seven-ree', ASKED);
    expect(answer.status).toBe('answered');
    expect(answer.answers[0]?.citations.length).toBeGreaterThan(0);
    expect(answer.message).toMatch(/knowledge[\\/]restrictions[\\/].*\.yaml:\d+/);
  });

  it('gives a source with the facts that cite it', () => {
    const sourceId = snapshot.facts[0]?.citations[0]?.source as string;
    const answer = source(index, sourceId, ASKED);
    expect(answer.status).toBe('answered');
    expect(answer.message).toContain(snapshot.sourceById.get(sourceId)?.url);
    expect(answer.answers.every((item) => item.citations.some((citation) => citation.sourceId === sourceId))).toBe(true);
  });

  it('answers an unknown id with an error and close ids', () => {
    const answer = source(index, 'cn-april-2025-seven', ASKED);
    expect(answer.status).toBe('error');
    expect(answer.suggestions).toContain('/source id:cn-april-2025-seven-ree');
  });
});
