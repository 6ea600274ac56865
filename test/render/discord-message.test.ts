import path from 'node:path';
import type { APIEmbed } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer, AnswerItem } from '../../src/answer/answer.ts';
import { country } from '../../src/answer/country.ts';
import { restrictions } from '../../src/answer/restrictions.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { Snapshot } from '../../src/knowledge/snapshot.ts';
import { renderAnswer, type MessagePayload } from '../../src/render/discord/answer-message.ts';
import { LIMITS } from '../../src/render/discord/limits.ts';

/** The day answers are asked on: statuses are shown as of it (shown-status.ts). */
const ASKED = new Date('2026-12-03T12:00:00Z');

function embedTotal(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

function expectWithinLimits(payload: MessagePayload): void {
  expect(payload.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
  expect(payload.embeds.reduce((sum, embed) => sum + embedTotal(embed), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
  for (const embed of payload.embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFields);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footerText);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  }
  expect(payload.components.length).toBeLessThanOrEqual(LIMITS.actionRows);
  const ids = payload.components.flatMap((row) => row.components.map((button) => ('custom_id' in button ? button.custom_id : '')));
  expect(new Set(ids).size).toBe(ids.length);
  for (const row of payload.components) {
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const button of row.components) {
      if ('custom_id' in button) expect(button.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
      expect('label' in button ? (button.label?.length ?? 0) : 0).toBeLessThanOrEqual(LIMITS.buttonLabel);
    }
  }
}

function hugeItem(index: number): AnswerItem {
  return {
    factId: `fact-${index}`,
    title: `A very long title ${index} `.repeat(20),
    text: `Long text ${index} `.repeat(400),
    date: '2025-04-04',
    countries: ['CN'],
    citations: Array.from({ length: 3 }, (_, n) => ({
      sourceId: `source-${index}-${n}`,
      publisher: 'A publisher with a remarkably long name indeed'.repeat(2),
      title: 'T',
      url: `https://example.org/${'x'.repeat(120)}/${index}/${n}`,
      published: '2025',
    })),
    score: 1,
  };
}

const huge: Answer = {
  query: '@everyone **bold** '.repeat(30),
  command: 'ask',
  status: 'answered',
  answers: Array.from({ length: 40 }, (_, index) => hugeItem(index)),
  suggestions: [],
  kbVersion: 'abcdef123456',
  message: 'm'.repeat(5000),
};

describe('renderAnswer keeps every Discord limit', () => {
  it('splits a huge answer into pages, each within limits, with working navigation', () => {
    const first = renderAnswer(huge, { pageButtonId: (page) => `pg|${page}` });
    const pageCount = Number(/page \d+\/(\d+)/.exec(first.embeds[0]?.footer?.text ?? '')?.[1]);
    expect(pageCount).toBeGreaterThan(1);
    const seen = new Set<string>();
    for (let page = 0; page < pageCount; page++) {
      const payload = renderAnswer(huge, { page, pageButtonId: (target) => `pg|${target}` });
      expectWithinLimits(payload);
      for (const field of payload.embeds[0]?.fields ?? []) {
        seen.add(field.name.split('.')[0] as string);
        expect(field.value).toMatch(/Sources: \[\[\d+\] .+\]\(https:\/\/example\.org\//);
      }
      const buttons = payload.components[0]?.components ?? [];
      const previous = buttons[0];
      const next = buttons[2];
      expect(previous && 'disabled' in previous && previous.disabled).toBe(page === 0);
      expect(next && 'disabled' in next && next.disabled).toBe(page === pageCount - 1);
    }
    expect(seen.size).toBe(40);
  });

  it('escapes user text so @everyone and markdown neither ping nor restyle', () => {
    const title = renderAnswer(huge).embeds[0]?.title ?? '';
    expect(title).not.toMatch(/@everyone/);
    expect(title).toContain('@\u200beveryone');
    expect(title).toContain('\\*\\*bold\\*\\*');
  });

  it('offers suggestions of a no-answer as buttons with short custom ids', () => {
    const noAnswer: Answer = {
      query: 'kazakstan',
      command: 'ask',
      status: 'no-answer',
      answers: [],
      suggestions: ['kazakhstan', '/country name:Kazakhstan', 'x'.repeat(200), 'a', 'b', 'c', 'd'],
      kbVersion: 'v1',
      message: 'No sourced answer to that question in the knowledge base.',
    };
    const payload = renderAnswer(noAnswer, { suggestionButtonId: (text) => `sg|${text}` });
    expectWithinLimits(payload);
    expect(payload.embeds[0]?.title).toMatch(/^No sourced answer/);
    const labels = payload.components[0]?.components.map((button) => ('label' in button ? button.label : ''));
    expect(labels?.slice(0, 2)).toEqual(['kazakhstan', '/country name:Kazakhstan']);
    expect(labels).toHaveLength(5);
  });

  it('colours errors red and keeps the knowledge version in the footer', () => {
    const payload = renderAnswer({ ...huge, status: 'error', answers: [], message: 'Unknown country' }, { loadedAt: '2026-11-23T10:00:00Z' });
    expect(payload.embeds[0]?.color).toBe(0xdc2626);
    expect(payload.embeds[0]?.footer?.text).toBe('knowledge abcdef123456 · loaded 2026-11-23');
  });
});

describe('renderAnswer on real answers', () => {
  let snapshot: Snapshot;
  beforeAll(async () => {
    const result = await loadKnowledge(path.resolve(import.meta.dirname, '../../knowledge'));
    if (!result.ok) throw new Error('shipped knowledge must load');
    snapshot = result.snapshot;
  });

  it('renders every page of the largest answers within limits', () => {
    for (const answer of [restrictions(snapshot, {}, ASKED), country(snapshot, 'CN', ASKED), country(snapshot, 'US', ASKED)]) {
      const first = renderAnswer(answer, { pageButtonId: (page) => `pg|${page}` });
      const pageCount = Number(/page \d+\/(\d+)/.exec(first.embeds[0]?.footer?.text ?? '')?.[1] ?? 1);
      for (let page = 0; page < pageCount; page++) expectWithinLimits(renderAnswer(answer, { page, pageButtonId: (p) => `pg|${p}` }));
    }
  });
});
