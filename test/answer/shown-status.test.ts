import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask.ts';
import { country } from '../../src/answer/country.ts';
import { restrictions } from '../../src/answer/restrictions.ts';
import { shownStatus, type StatusDates } from '../../src/answer/shown-status.ts';
import { source } from '../../src/answer/source.ts';
import { planChart } from '../../src/charts/charts.ts';
import { restrictionsChart } from '../../src/charts/restrictions-chart.ts';
import { THEME } from '../../src/charts/theme.ts';
import { composeDigest } from '../../src/digest/compose.ts';
import { NO_FILTERS } from '../../src/digest/digest.ts';
import { latestDay } from '../../src/knowledge/dates.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { Snapshot } from '../../src/knowledge/snapshot.ts';
import { renderDigest } from '../../src/render/discord/digest-messages.ts';
import { renderText } from '../../src/render/text.ts';
import { SearchIndex } from '../../src/search/search-index.ts';
import { variant } from '../digest/knowledge-variants.ts';

/**
 * The status an answer shows follows the day it is asked. China's Announcement No. 70 suspended the
 * October 2025 controls until 2026-11-10: asked on 2026-11-01 they are suspended; asked on
 * 2026-11-15, no answer path may still call them suspended.
 */
const BEFORE = new Date('2026-11-01T12:00:00Z');
const AFTER = new Date('2026-11-15T12:00:00Z');
const NO70 = 'cn-no70-suspension';

let snapshot: Snapshot;
let index: SearchIndex;
beforeAll(async () => {
  const result = await loadKnowledge(path.resolve(import.meta.dirname, '../../knowledge'), BEFORE);
  if (!result.ok) throw new Error('shipped knowledge must load');
  // These tests follow suspensions that end by their own terms; one the sources give no end for
  // stays "suspended, as of" its source's date (tested above), whatever the day.
  snapshot = variant(result.snapshot, 'dated-suspensions', (facts) =>
    facts.filter((fact) => !(fact.kind === 'restriction' && fact.status === 'suspended' && fact.statusUntil === undefined)),
  );
  index = new SearchIndex(snapshot);
});

const suspension: StatusDates = { status: 'suspended', statusAsOf: '2026-06', statusUntil: '2026-11-10' };

describe('the shown status', () => {
  it('keeps a suspension through its last day and ends it the day after, saying nothing is known since', () => {
    expect(shownStatus(suspension, '2026-11-10')).toMatchObject({ key: 'suspended', label: 'suspended', text: 'suspended (as of 2026-06) until 2026-11-10' });
    const after = shownStatus(suspension, '2026-11-11');
    expect(after).toMatchObject({ key: 'ended', recorded: 'suspended', label: 'suspension ended 2026-11-10', passed: '2026-11-10' });
    expect(after.text).toBe('suspension ended 2026-11-10 (last confirmed 2026-06); no source yet on what followed');
  });

  it('keeps a status a source confirmed after its end date, and points to a newer fact that supersedes it', () => {
    expect(shownStatus({ ...suspension, statusAsOf: '2026-11-20' }, '2026-12-03').key).toBe('suspended');
    expect(shownStatus({ ...suspension, supersededBy: 'cn-newer' }, '2026-12-03').text).toMatch(/see cn-newer for what followed$/);
  });

  it('reads a partial end date as its last possible day', () => {
    const window: StatusDates = { status: 'in-force', statusAsOf: '2026-01', statusUntil: '2026-07' };
    expect(shownStatus(window, '2026-07-31').key).toBe('in-force');
    expect(shownStatus(window, '2026-08-01')).toMatchObject({ key: 'ended', label: 'in force until 2026-07, since passed' });
  });

  it('shows a measure past its expiry as expired, whatever its status but lifted', () => {
    expect(shownStatus({ status: 'in-force', expires: '2026-06-30' }, '2026-07-01')).toMatchObject({ key: 'expired', label: 'expired 2026-06-30' });
    expect(shownStatus({ status: 'suspended', statusUntil: '2026-11-10', expires: '2026-09-01' }, '2026-12-01').key).toBe('expired');
    expect(shownStatus({ status: 'lifted', expires: '2026-06-30' }, '2026-07-01').key).toBe('lifted');
  });

  it('shows an announced measure past its effective date as due but unconfirmed, until a later source confirms it', () => {
    const announced: StatusDates = { status: 'announced', statusAsOf: '2025-12-12', effective: '2026-01' };
    expect(shownStatus(announced, '2026-01-31').key).toBe('announced');
    expect(shownStatus(announced, '2026-02-01')).toMatchObject({
      key: 'unconfirmed',
      text: 'announced, due to take effect 2026-01 (last confirmed 2025-12-12); not confirmed since',
    });
    expect(shownStatus({ ...announced, statusAsOf: '2026-02-10' }, '2026-03-01').key).toBe('announced');
    expect(shownStatus({ status: 'in-force', effective: '2026-01' }, '2026-03-01').key).toBe('in-force');
  });
});

describe('every answer path shows the 2026-11-10 suspension as suspended before and ended after', () => {
  it('/restrictions: items, text, counts and the status filter', () => {
    const before = restrictions(snapshot, { country: 'CN' }, BEFORE);
    const item = (answer: typeof before) => answer.answers.find((candidate) => candidate.factId === NO70);
    expect(item(before)).toMatchObject({ status: 'suspended', statusLabel: 'suspended' });
    expect(item(before)?.text).toMatch(/status: suspended \(as of 2026-06\) until 2026-11-10\./);

    const after = restrictions(snapshot, { country: 'CN' }, AFTER);
    expect(item(after)).toMatchObject({ status: 'ended', statusLabel: 'suspension ended 2026-11-10' });
    expect(item(after)?.text).toMatch(/status: suspension ended 2026-11-10 \(last confirmed 2026-06\); no source yet on what followed\./);
    expect(after.message).toMatch(/\d+ ended \(no source since\)/);
    // Still suspended on 2026-11-15: only No. 72's suspensions, which run to 2026-11-27.
    const stillSuspended = after.answers.filter((entry) => entry.status === 'suspended').map((entry) => snapshot.factById.get(entry.factId));
    expect(stillSuspended.length).toBeGreaterThan(0);
    for (const fact of stillSuspended) expect(fact?.kind === 'restriction' && fact.statusUntil).toBe('2026-11-27');
    expect(after.message).toContain(`${stillSuspended.length} suspended`);

    expect(restrictions(snapshot, { status: 'suspended' }, BEFORE).answers.map((entry) => entry.factId)).toContain(NO70);
    const suspendedAfter = restrictions(snapshot, { status: 'suspended' }, AFTER);
    expect(suspendedAfter.answers.map((entry) => entry.factId)).not.toContain(NO70);
    expect(suspendedAfter.message).toMatch(/Not counted: \d+ recorded as suspended whose end date has passed \([^)]*2026-11-10\)/);
    expect(suspendedAfter.suggestions[0]).toBe('/restrictions status:ended');
    const ended = restrictions(snapshot, { status: 'ended' }, AFTER);
    expect(ended.answers.map((entry) => entry.factId)).toContain(NO70);
    expect(ended.answers.every((entry) => entry.status === 'ended')).toBe(true);
    expect(restrictions(snapshot, { status: 'ended' }, BEFORE).answers.map((entry) => entry.factId)).not.toContain(NO70);
  });

  it('/ask: the status, and a line before a summary that still reads "until 2026-11-10"', () => {
    const question = 'China Announcement No. 70 suspension of October controls';
    const before = ask(index, question, BEFORE).answers.find((item) => item.factId === NO70);
    const after = ask(index, question, AFTER).answers.find((item) => item.factId === NO70);
    expect(before?.status).toBe('suspended');
    expect(before?.text).not.toMatch(/^Status today/);
    expect(after?.status).toBe('ended');
    expect(after?.text).toMatch(/^Status today: suspension ended 2026-11-10 \(last confirmed 2026-06\); no source yet on what followed\.\n/);
    expect(renderText(ask(index, question, AFTER))).toMatch(/\(2025-11-07 · suspension ended 2026-11-10\)/);
  });

  it('/country: restrictions it imposes and faces, and the end as the latest change', () => {
    const faced = (now: Date) => country(snapshot, 'US', now).answers.filter((item) => item.section === 'Restrictions it faces');
    expect(faced(BEFORE).find((item) => item.factId === NO70)?.status).toBe('suspended');
    expect(faced(AFTER).find((item) => item.factId === NO70)).toMatchObject({ status: 'ended', text: expect.stringMatching(/status: suspension ended 2026-11-10/) });
    // After No. 72's end too, nothing the US faces is shown as suspended.
    expect(faced(new Date('2026-11-30T12:00:00Z')).filter((item) => item.status === 'suspended')).toEqual([]);
    const imposes = country(snapshot, 'CN', new Date('2026-11-30T12:00:00Z')).answers.filter((item) => item.section === 'Restrictions it imposes');
    expect(imposes.filter((item) => item.status === 'suspended')).toEqual([]);

    // The knowledge as it stood before November 2026 (later additions must not hide the end behind a newer fact).
    const known = variant(snapshot, 'before-november', (facts) => facts.filter((fact) => latestDay(fact.date) < '2026-11-01'));
    expect(country(known, 'CN', BEFORE).message).not.toMatch(/Since then/);
    expect(country(known, 'CN', AFTER).message).toMatch(
      /Most recent: .+\)\. Since then: .+: suspension ended 2026-11-10 \(last confirmed [\d-]+\); no source yet on what followed \(and \d+ other measure\(s\) whose end date passed\)\./,
    );
  });

  it('/source: the fact with its shown status', () => {
    expect(source(index, NO70, BEFORE).answers[0]?.status).toBe('suspended');
    expect(source(index, NO70, AFTER).answers[0]).toMatchObject({ status: 'ended', statusLabel: 'suspension ended 2026-11-10' });
  });

  it('digests: the in-force count, coming up, and the end mentioned in the digest whose period holds it', () => {
    const digest = (from: Date, to: Date) => composeDigest({ snapshot, changes: [], filters: NO_FILTERS, from, to, timezone: 'UTC' });
    const week = digest(new Date('2026-10-30T09:00:00Z'), BEFORE);
    expect(week.comingUp.filter((entry) => entry.factId === NO70)).toEqual([expect.objectContaining({ date: '2026-11-10', what: 'suspension ends' })]);
    expect(week.ended).toEqual([]);

    const next = digest(new Date('2026-11-08T09:00:00Z'), AFTER);
    expect(next.comingUp.some((entry) => entry.factId === NO70)).toBe(false);
    expect(next.ended.find((entry) => entry.factId === NO70)).toMatchObject({
      date: '2026-11-10',
      what: 'suspension ended',
      text: expect.stringMatching(/no source yet on what followed$/),
    });
    expect(next.empty).toBe(false);
    const text = renderDigest(next)
      .flatMap((message) => message.embeds.flatMap((embed) => (embed.fields ?? []).map((field) => `${field.name}\n${field.value}`)))
      .join('\n');
    expect(text).toMatch(/Ended in this period \(by its own dates\)\n[\s\S]*`2026-11-10` suspension ended: China suspends its October 2025 controls/);

    // A later digest does not announce the same end again.
    expect(digest(AFTER, new Date('2026-11-22T09:00:00Z')).ended.some((entry) => entry.factId === NO70)).toBe(false);
    // The in-force count follows the shown status: Proclamation 11001's talks ran to 2026-07.
    const usInForce = (to: Date) => digest(new Date(to.getTime() - 86_400_000), to).inForce.find((row) => row.country === 'US')?.count ?? 0;
    expect(usInForce(new Date('2026-07-15T09:00:00Z')) - usInForce(new Date('2026-08-15T09:00:00Z'))).toBe(1);
  });

  it('the restrictions chart: row status, colour, date and legend', () => {
    // Rare earths only: the chart keeps its 20 most recent rows, and China's since October 2025 (with the tariffs on it) outgrew that.
    const row = (now: Date) =>
      restrictionsChart(restrictions(snapshot, { country: 'CN', since: '2025-10', material: 'REE' }, now), snapshot)?.entries.find((entry) =>
        entry.label.includes('(Announcement No. 70)'),
      );
    expect(row(BEFORE)).toMatchObject({ status: 'suspended', statusLabel: 'suspended', statusAsOf: '2026-06' });
    expect(row(AFTER)).toMatchObject({ status: 'ended', statusLabel: 'suspension ended', statusNote: 'on 2026-11-10' });
    const plan = planChart(restrictions(snapshot, { country: 'CN', since: '2025-10', material: 'REE' }, AFTER), { snapshot, now: AFTER });
    expect(plan?.data.kind === 'restrictions' ? plan.data.legend : []).toContainEqual({ label: 'ended (no source since)', color: THEME.status.ended });
    expect(plan?.data.kind === 'restrictions' ? plan.data.legend.map((entry) => entry.label) : []).not.toContain('suspended');
  });
});
