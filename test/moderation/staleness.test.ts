import { beforeAll, describe, expect, it } from 'vitest';
import type { MeetingFact, Source } from '../../src/knowledge/schema.ts';
import { createSnapshot, type Snapshot } from '../../src/knowledge/snapshot.ts';
import { staleAnswer, staleLines } from '../../src/moderation/stale-answer.ts';
import { findStale, mirrorReason, MIRROR_HOSTS } from '../../src/moderation/staleness.ts';
import { renderAnswer } from '../../src/render/discord/answer-message.ts';
import { factOf, meetingLike, restrictionLike, shippedSnapshot, variant } from '../digest/knowledge-variants.ts';

let base: Snapshot;
beforeAll(async () => {
  base = await shippedSnapshot();
});

const options = (today: string, staleAfterDays = 180) => ({ today, staleAfterDays });
const ids = (rows: readonly { factId: string }[]) => rows.map((row) => row.factId);

describe('facts whose end date passed without a follow-up', () => {
  it('lists the 2026-11-10 suspension from the day after it ended, with where to edit it', () => {
    expect(ids(findStale(base, options('2026-11-10')).endPassed)).not.toContain('cn-no70-suspension');
    const after = findStale(base, options('2026-11-15')).endPassed.find((row) => row.factId === 'cn-no70-suspension');
    expect(after).toMatchObject({ what: 'suspension ended', date: '2026-11-10', lastConfirmed: '2026-06' });
    expect(after?.origin?.file).toMatch(/knowledge[\\/]restrictions[\\/]china-2025\.yaml$/);
    // The US-specific No. 72 suspension runs to 2026-11-27.
    expect(ids(findStale(base, options('2026-11-15')).endPassed)).not.toContain('cn-no72-us-suspension');
    expect(ids(findStale(base, options('2026-11-28')).endPassed)).toContain('cn-no72-us-suspension');
  });

  it('counts a newer fact that supersedes it, or a later statusAsOf, as the follow-up', () => {
    const model = factOf(base, 'cn-no70-suspension', 'restriction');
    const newer = restrictionLike(model, { id: 'test-no70-extended', supersedes: model.id, statusAsOf: '2026-11-11', statusUntil: '2027-11-10', date: '2026-11-11' });
    const superseded = variant(base, 'v1', (facts) => [...facts, newer]);
    const stale = ids(findStale(superseded, options('2026-12-03')).endPassed);
    expect(stale).not.toContain(model.id);
    expect(stale).not.toContain(newer.id);
    const confirmed = variant(base, 'v2', (facts) => facts.map((fact) => (fact.id === model.id ? { ...model, statusAsOf: '2026-11-20' } : fact)));
    expect(ids(findStale(confirmed, options('2026-12-03')).endPassed)).not.toContain(model.id);
  });

  it('lists a meeting whose next date passed, unless a meeting of the same participants followed', () => {
    const model = factOf(base, 'g7-fm-washington-jan-2026', 'meeting');
    const announced: MeetingFact = meetingLike(model, {
      id: 'test-announces-next',
      date: '2026-03-01',
      participants: ['US', 'JP'],
      nextMeeting: { date: '2026-09-15', place: 'Tokyo' },
    });
    const lonely = variant(base, 'v3', (facts) => [...facts, announced]);
    expect(findStale(lonely, options('2026-09-15')).endPassed.some((row) => row.factId === announced.id)).toBe(false);
    expect(findStale(lonely, options('2026-09-16')).endPassed.find((row) => row.factId === announced.id)).toMatchObject({ what: 'next meeting date passed', date: '2026-09-15' });
    const held = meetingLike(model, { id: 'test-held', date: '2026-09-15', participants: ['JP', 'US'] });
    const followed = variant(base, 'v4', (facts) => [...facts, announced, held]);
    expect(ids(findStale(followed, options('2026-09-16')).endPassed)).not.toContain(announced.id);
    // A meeting of other participants is not the follow-up.
    const other = meetingLike(model, { id: 'test-other', date: '2026-09-15', participants: ['US', 'JP', 'IN'] });
    expect(
      ids(
        findStale(
          variant(base, 'v5', (facts) => [...facts, announced, other]),
          options('2026-09-16'),
        ).endPassed,
      ),
    ).toContain(announced.id);
  });
});

describe('restrictions not confirmed for a configurable age', () => {
  it('lists restrictions last confirmed longer ago than the limit, oldest first, never lifted ones or those already ended', () => {
    const report = findStale(base, options('2026-12-03', 180));
    expect(report.old.length).toBeGreaterThan(0);
    expect(report.old.map((row) => row.ageDays)).toEqual([...report.old.map((row) => row.ageDays)].sort((a, b) => b - a));
    for (const row of report.old) {
      const fact = base.factById.get(row.factId);
      expect(fact?.kind).toBe('restriction');
      expect(fact?.kind === 'restriction' && fact.status).not.toBe('lifted');
      expect(row.ageDays).toBeGreaterThan(180);
    }
    const ended = new Set(ids(report.endPassed));
    expect(report.old.some((row) => ended.has(row.factId))).toBe(false);
    // cn-april-2025-seven-ree was last confirmed 2025-12-04: 364 days before 2026-12-03.
    expect(report.old.find((row) => row.factId === 'cn-april-2025-seven-ree')).toMatchObject({ confirmed: '2025-12-04', ageDays: 364 });
    expect(ids(findStale(base, options('2026-12-03', 365)).old)).not.toContain('cn-april-2025-seven-ree');
    expect(findStale(base, options('2026-12-03', 3650)).old).toEqual([]);
  });
});

describe('mirror sources', () => {
  const source = (publisher: string, url: string): Pick<Source, 'publisher' | 'url'> => ({ publisher, url });

  it('recognises a mirror by its publisher or its host, subdomains included', () => {
    expect(mirrorReason(source('RT (mirror)', 'https://ghgalkhalt.xyz/a'))).toBe('publisher marked as a mirror');
    expect(mirrorReason(source('CNBC (via Daily8)', 'https://example.org/a'))).toBe('publisher marked "via" another site');
    expect(mirrorReason(source('The Economic Times', 'https://0r29re5dd7qx2qj3.salvatore.rest/story'))).toBe('host salvatore.rest is a known mirror');
    expect(mirrorReason(source('Particle News', 'https://www.particle.news/story/x'))).toBe('host particle.news is a known mirror');
    expect(mirrorReason(source('Reuters', 'https://www.reuters.com/world/'))).toBeUndefined();
    expect(mirrorReason(source('Reviawesome', 'https://notparticle.news/x'))).toBeUndefined();
    for (const host of ['salvatore.rest', 'koala-by.com', 'daily8.com', 'particle.news']) expect(MIRROR_HOSTS).toContain(host);
  });

  it('lists the shipped mirrors, most cited first', () => {
    const mirrors = findStale(base, options('2026-12-03')).mirrors;
    expect(mirrors.map((row) => row.sourceId)).toContain('koala-china-seeks-india-assurance-2025');
    expect(mirrors.map((row) => row.citedBy)).toEqual([...mirrors.map((row) => row.citedBy)].sort((a, b) => b - a));
  });
});

describe('/kb stale as a reply', () => {
  it('sums up, lists each kind in a closed block within the reply, and counts what did not fit', () => {
    const report = findStale(base, options('2026-11-15'));
    const answer = staleAnswer(base, report);
    const text = renderAnswer(answer).embeds[0]?.description ?? '';
    expect(text.length).toBeLessThanOrEqual(2000);
    expect((text.match(/```/g) ?? []).length % 2).toBe(0);
    expect(text).toMatch(
      new RegExp(
        `^As of 2026-11-15: ${report.endPassed.length} fact\\(s\\) whose end date passed with no follow-up, ${report.old.length} restriction\\(s\\) not confirmed for over 180 days, ${report.mirrors.length} mirror source\\(s\\)\\.`,
      ),
    );
    expect(text).toMatch(/End date passed, no follow-up[\s\S]*2026-11-10 {2}suspension ended: cn-/);
    expect(text).toMatch(/Restrictions not confirmed for over 180 days:\n```/);
    expect(text).toMatch(/Mirror sources \(cite the original publisher if you can\):\n```/);
    const lines = staleLines(report);
    const shown = text
      .split('```')
      .filter((_, index) => index % 2 === 1)
      .map((block) => block.split('\n').filter(Boolean).length);
    const more = [...text.matchAll(/… and (\d+) more/g)].map((match) => Number(match[1]));
    expect(shown.reduce((a, b) => a + b, 0) + more.reduce((a, b) => a + b, 0)).toBe(lines.endPassed.length + lines.old.length + lines.mirrors.length);
  });

  it('says when nothing is stale', () => {
    const empty = createSnapshot({ ...base, loadedAt: new Date(base.loadedAt), facts: [], sources: [] });
    expect(staleAnswer(empty, findStale(empty, options('2026-12-03'))).message).toBe('Nothing stale as of 2026-12-03 (restrictions older than 180 days count as old).');
  });
});
