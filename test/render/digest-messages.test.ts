import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { CitationRef } from '../../src/answer/answer.ts';
import type { Digest, DigestEntry } from '../../src/digest/digest.ts';
import { readDigestMark, renderDigest } from '../../src/render/discord/digest-messages.ts';
import { LIMITS } from '../../src/render/discord/limits.ts';

const CITATION: CitationRef = { sourceId: 's1', publisher: 'Reuters', title: 'A report', url: 'https://example.org/report', published: '2026-07-30' };

function entry(id: string, overrides: Partial<DigestEntry> = {}): DigestEntry {
  return {
    factId: id,
    kind: 'restriction',
    title: `Title ${id}`,
    text: `Text of ${id}. ${'Long words here. '.repeat(60)}`,
    date: '2026-07-30',
    citations: [CITATION, { ...CITATION, sourceId: 's2', publisher: 'MOFCOM' }],
    ...overrides,
  };
}

function digest(overrides: Partial<Digest> = {}): Digest {
  return {
    from: '2026-08-01T08:00:00.000Z',
    to: '2026-08-02T08:00:00.000Z',
    timezone: 'Europe/Berlin',
    scope: 'China · restrictions',
    added: [],
    updated: [],
    removed: [],
    omitted: { added: 0, updated: 0, removed: 0 },
    comingUp: [],
    ended: [],
    inForce: [{ country: 'CN', countryName: 'China', count: 7 }],
    kbVersion: 'abc123',
    empty: false,
    ...overrides,
  };
}

function embedSize(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

describe('digest messages', () => {
  it('splits a long digest across messages in reading order, each within Discord’s limits', () => {
    const long = digest({
      added: Array.from({ length: 60 }, (_, i) => entry(`new-${i}`)),
      updated: Array.from({ length: 10 }, (_, i) => entry(`upd-${i}`, { changes: ['status: in force → suspended', 'summary reworded'] })),
      removed: Array.from({ length: 5 }, (_, i) => entry(`gone-${i}`)),
      comingUp: Array.from({ length: 40 }, (_, i) => ({
        date: `2026-08-${String(3 + (i % 10)).padStart(2, '0')}`,
        what: 'meeting' as const,
        factId: `m-${i}`,
        title: `Meeting ${i} ${'x'.repeat(80)}`,
        citations: [CITATION],
      })),
    });
    const messages = renderDigest(long, { mark: { subscriptionId: 3, deliveryId: 42 } });
    expect(messages.length).toBeGreaterThan(3);
    const sections: string[] = [];
    messages.forEach((message, index) => {
      expect(message.allowed_mentions).toEqual({ parse: [] });
      expect(message.embeds).toHaveLength(1);
      const embed = message.embeds[0] as APIEmbed;
      expect(embedSize(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
      expect((embed.title ?? '').length).toBeLessThanOrEqual(LIMITS.embedTitle);
      expect((embed.description ?? '').length).toBeLessThanOrEqual(LIMITS.embedDescription);
      expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFields);
      for (const field of embed.fields ?? []) {
        expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
        expect(field.value.length).toBeGreaterThan(0);
        expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
        sections.push(field.name.split(/[:(]/)[0]?.trim() ?? '');
      }
      expect(embed.footer?.text).toMatch(new RegExp(`^digest #3 · post 42 · part ${index + 1}/${messages.length} · `));
      expect(readDigestMark(embed.footer?.text)).toEqual({ subscriptionId: 3, deliveryId: 42, part: index, parts: messages.length });
    });
    // Reading order: every section after the one before, none interleaved.
    const order = ['New', 'Updated', 'Removed', 'Coming up', 'In force'];
    const seen = sections.map((name) => order.indexOf(name));
    expect(seen.every((rank) => rank >= 0)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // Every entry exactly once, each with its sources.
    const all = messages.flatMap((message) => message.embeds[0]?.fields ?? []);
    for (const id of [...long.added, ...long.updated, ...long.removed].map((item) => item.factId)) {
      const fields = all.filter((field) => field.name.includes(`Title ${id} `));
      expect(fields).toHaveLength(1);
      expect(fields[0]?.value).toContain('](https://example.org/report)');
    }
    const comingUp = all
      .filter((field) => field.name.startsWith('Coming up'))
      .map((field) => field.value)
      .join('\n');
    for (let i = 0; i < 40; i += 1) expect(comingUp).toContain(`Meeting ${i} `);
    expect(all.at(-1)).toEqual({ name: 'In force', value: '7 restriction(s) in force: China 7' });
  });

  it('says so when nothing changed, and marks a preview as a preview', () => {
    const [message, ...rest] = renderDigest(digest({ empty: true, inForce: [] }));
    expect(rest).toEqual([]);
    const embed = message?.embeds[0] as APIEmbed;
    expect(embed.description).toContain('0 new · 0 updated · 0 removed · 0 coming up');
    expect(embed.description).toContain(`<t:${Date.parse('2026-08-01T08:00:00.000Z') / 1000}:f>`);
    expect(embed.description).toContain('Nothing in this digest’s scope changed');
    expect(embed.fields).toEqual([{ name: 'In force', value: 'No restrictions in force in this digest’s scope.' }]);
    expect(embed.footer?.text).toMatch(/^preview · part 1\/1 · knowledge abc123 · times in Europe\/Berlin$/);
    expect(readDigestMark(embed.footer?.text)).toBeUndefined();
  });

  it('counts the changes a full section leaves out, in the header and after the section', () => {
    const [message] = renderDigest(digest({ added: [entry('a')], omitted: { added: 45, updated: 0, removed: 0 } }), { mark: { subscriptionId: 1, deliveryId: 1 } });
    const embed = message?.embeds[0] as APIEmbed;
    expect(embed.description).toContain('46 new · 0 updated');
    expect(embed.fields?.map((field) => field.name)).toEqual(['New: Title a (2026-07-30)', 'New: 45 more', 'In force']);
  });

  it('shows what changed in an updated fact and that a removed fact is gone', () => {
    const [message] = renderDigest(digest({ updated: [entry('u', { changes: ['status: in force → suspended'] })], removed: [entry('r')] }), {
      mark: { subscriptionId: 1, deliveryId: 1 },
    });
    const fields = message?.embeds[0]?.fields ?? [];
    expect(fields[0]?.name).toBe('Updated: Title u (2026-07-30)');
    expect(fields[0]?.value).toMatch(/^Changed: status: in force → suspended\n/);
    expect(fields[1]?.name).toBe('Removed: Title r (2026-07-30)');
    expect(fields[1]?.value).toMatch(/^No longer in the knowledge base\. It said:/);
  });
});
