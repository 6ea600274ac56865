import { describe, expect, it } from 'vitest';
import { codeLine, escapedLength, fencedList, listBudget, REPLY_CHARS } from '../../src/moderation/fenced-list.ts';

describe('fencedList', () => {
  it('shows as many lines as fit with the count of the rest, and every line when they all fit', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${String(i).padStart(2, '0')} ${'x'.repeat(30)}`);
    const block = fencedList(lines, 400);
    expect(block.length).toBeLessThanOrEqual(400);
    const shown = block.split('```')[1]?.split('\n').filter(Boolean) ?? [];
    expect(shown).toEqual(lines.slice(0, shown.length));
    expect(block.endsWith(`\n… and ${50 - shown.length} more`)).toBe(true);
    // One more line would not have fitted.
    const oneMore = `\`\`\`\n${lines.slice(0, shown.length + 1).join('\n')}\n\`\`\`\n… and ${50 - shown.length - 1} more`;
    expect(oneMore.length).toBeGreaterThan(400);
    expect(fencedList(lines.slice(0, 3), 400)).toBe(`\`\`\`\n${lines.slice(0, 3).join('\n')}\n\`\`\``);
    expect(fencedList([], 400)).toBe('');
  });

  it('cuts a single line too long for the room inside the fence', () => {
    const block = fencedList(['x'.repeat(500), 'second'], 120);
    expect(block.length).toBeLessThanOrEqual(120);
    expect(block).toMatch(/^```\nx+…\n```\n… and 1 more$/);
  });

  it('makes a line safe for a code block', () => {
    expect(codeLine('a\u202Eb`c\nd\u0000e')).toBe("a b'c d e");
    expect(codeLine('hi @here and <@!42>')).toBe('hi @\u200bhere and <@!\u200b42>');
  });

  it('counts the room prose takes once the renderer escapes it', () => {
    expect(escapedLength('plain words')).toBe(11);
    expect(escapedLength('a_b *c* [d]')).toBe(11 + 5);
    expect(escapedLength('- item\n# head @everyone')).toBe(23 + 3);
    expect(listBudget(['x'.repeat(100)])).toBe(REPLY_CHARS - 101 - 1);
    expect(listBudget(['x'.repeat(100)], 2)).toBe(Math.floor((REPLY_CHARS - 101 - 2) / 2));
  });
});
