import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cut, cutMarkdown, ELLIPSIS } from '../../src/text/cut.ts';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Words, spaces, emoji (surrogate pairs) and fences, so that every branch of a cut is reached.
const text = fc.array(fc.constantFrom('rare', 'earth', ' ', '🦀', 'é', '```', '\n', 'x'), { maxLength: 80 }).map((parts) => parts.join(''));

describe('cut', () => {
  it('leaves text that fits alone', () => {
    expect(cut('dysprosium', 10)).toBe('dysprosium');
    expect(cut('', 0)).toBe('');
  });

  it('ends at a word when that keeps most of the room, and mid-word otherwise', () => {
    expect(cut('China added seven rare earths to its export licence list', 30)).toBe('China added seven rare earths…');
    expect(cut('China added seven rare earths to its export licence list', 31)).toBe('China added seven rare earths…');
    expect(cut('Dysprosium-terbium-samarium', 10)).toBe('Dysprosiu…');
    expect(cut('a verylongwordthatgoesonandon', 12)).toBe('a verylongw…');
  });

  it('drops a surrogate pair whole rather than splitting it', () => {
    expect(cut('ab🦀cd', 4)).toBe('ab…');
    expect(cut('ab🦀cd', 5)).toBe('ab🦀…');
  });

  it('gives nothing when not even the ellipsis fits', () => {
    expect(cut('anything', 0)).toBe('');
    expect(cut('anything', 1)).toBe(ELLIPSIS);
  });

  it('is at most max long, a prefix of the text plus an ellipsis, and never leaves half a character', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 90 }), (input, max) => {
        const result = cut(input, max);
        expect(result.length).toBeLessThanOrEqual(max);
        if (input.length <= max) {
          expect(result).toBe(input);
        } else if (max === 0) {
          expect(result).toBe('');
        } else {
          const kept = result.slice(0, -ELLIPSIS.length);
          expect(result.endsWith(ELLIPSIS)).toBe(true);
          expect(input.startsWith(kept)).toBe(true);
          expect(LONE_SURROGATE.test(kept)).toBe(false);
        }
      }),
    );
  });
});

describe('cutMarkdown', () => {
  it('closes a code block the cut falls inside', () => {
    const text = `Problems:\n\`\`\`\n${'line\n'.repeat(20)}\`\`\``;
    const result = cutMarkdown(text, 40);
    expect(result.length).toBeLessThanOrEqual(40);
    expect(result.endsWith('…\n```')).toBe(true);
    expect(result.split('```').length % 2).toBe(1);
  });

  it('adds no fence when the cut falls outside a block', () => {
    expect(cutMarkdown('```a``` and then a long tail of words', 21)).toBe('```a``` and then…');
  });

  it('keeps fences balanced within max when the text had them balanced', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 4, max: 90 }), (input, max) => {
        fc.pre(input.split('```').length % 2 === 1);
        const result = cutMarkdown(input, max);
        expect(result.length).toBeLessThanOrEqual(max);
        expect(result.split('```').length % 2).toBe(1);
      }),
    );
  });
});
