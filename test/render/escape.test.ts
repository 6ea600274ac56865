import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.ts';
import { renderAnswer } from '../../src/render/discord/answer-message.ts';
import { escapeMessage, escapeUserText } from '../../src/render/discord/escape.ts';

/** What a user typed comes back without the invisible characters that could hide or reverse text. */
const HIDDEN = /(?![\t\n])[\p{Cc}\p{Bidi_Control}]/u;

const hostile: Answer = {
  query: 'who\u0000 mines \u202Egpj.exe\u2066 terbium\u2069 \u001b[31mred\u0007\r',
  command: 'ask',
  status: 'no-answer',
  answers: [],
  suggestions: [],
  kbVersion: 'abcdef123456',
  message: 'Asked most:\n```\n3  \u202Eevil\u202C question\u0000\n```\nand \u200Fmore',
};

describe('user text in embeds', () => {
  it('loses control and bidirectional characters in the title, keeping the visible text', () => {
    const title = renderAnswer(hostile).embeds[0]?.title ?? '';
    expect(title).not.toMatch(HIDDEN);
    expect(title).toContain('who mines gpj.exe terbium \\[31mred');
  });

  it("loses them inside code blocks too (moderators' lists quote users' questions verbatim)", () => {
    const description = renderAnswer(hostile).embeds[0]?.description ?? '';
    expect(description).not.toMatch(HIDDEN);
    expect(description).toContain('```\n3  evil question\n```');
  });

  it('keeps line feeds and tabs, which are layout rather than hidden', () => {
    expect(escapeUserText('a\tb\nc')).toBe('a\tb\nc');
    expect(escapeMessage('x\n```\na\tb\n```')).toBe('x\n```\na\tb\n```');
  });
});
