import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { Problem } from '../../src/knowledge/problems.ts';
import type { Snapshot } from '../../src/knowledge/snapshot.ts';
import { checkAnswer, feedbackAnswer, gapsAnswer, statusAnswer } from '../../src/moderation/kb-answers.ts';
import { renderAnswer } from '../../src/render/discord/answer-message.ts';
import type { GapRow } from '../../src/store/store.ts';

/**
 * Moderators' views as Discord shows them (issue 13, item 6): a long list must not be cut by the
 * renderer's 2,000-character limit with its code fence left open, what users wrote must not render
 * as markdown, and what did not fit is counted.
 */
let snapshot: Snapshot;
beforeAll(async () => {
  const result = await loadKnowledge(path.resolve(import.meta.dirname, '../../knowledge'));
  if (!result.ok) throw new Error('shipped knowledge must load');
  snapshot = result.snapshot;
});

function description(answer: Answer): string {
  return renderAnswer(answer).embeds[0]?.description ?? '';
}

/** The parts outside code blocks (what Discord renders as markdown), and the lines inside them. */
function parts(text: string): { prose: string; code: string[] } {
  const pieces = text.split('```');
  return {
    prose: pieces.filter((_, index) => index % 2 === 0).join(''),
    code: pieces.filter((_, index) => index % 2 === 1).flatMap((block) => block.split('\n').filter(Boolean)),
  };
}

function expectClosedAndCounted(text: string, total: number, more: RegExp): string[] {
  expect(text.length).toBeLessThanOrEqual(2000);
  expect((text.match(/```/g) ?? []).length % 2).toBe(0);
  const { code } = parts(text);
  expect(code.length).toBeGreaterThan(3);
  expect(code.length).toBeLessThan(total);
  const counted = more.exec(text);
  expect(counted, 'says how many more').not.toBeNull();
  expect(Number(counted?.[1])).toBe(total - code.length);
  return code;
}

const HOSTILE = (i: number) => `[free nitro ${i}](https://evil.example/${i}) **now** \`code\` @everyone <@123456789012345678> ||spoiler|| ${'padding words '.repeat(3)}`;

describe('/kb gaps', () => {
  const rows: GapRow[] = Array.from({ length: 300 }, (_, i) => ({ query: `/ask question:${HOSTILE(i)}`, count: 300 - i, lastAsked: '2026-12-01T10:00:00.000Z' }));

  it('keeps 300 questions inside a closed code block, counts the rest, and lets no masked link render', () => {
    const text = description(gapsAnswer(snapshot, rows, 30));
    const code = expectClosedAndCounted(text, 300, /… and (\d+) more/);
    expect(code[0]).toMatch(/^ {1}300×\s+\/ask question:\[free nitro 0\]/);
    const { prose } = parts(text);
    expect(prose).not.toMatch(/\[free nitro/);
    expect(prose).not.toMatch(/@everyone/);
    // Inside the block: no backtick that could close it, no live mention.
    for (const line of code) {
      expect(line).not.toContain('`');
      expect(line).not.toMatch(/@everyone|<@\d/);
    }
  });

  it('says "at least" when the store stopped at its row limit', () => {
    expect(description(gapsAnswer(snapshot, rows, 30, true))).toMatch(/… and at least \d+ more$/);
  });

  it('shows a short list whole, with nothing counted', () => {
    const text = description(gapsAnswer(snapshot, rows.slice(0, 3), 7));
    expect(parts(text).code).toHaveLength(3);
    expect(text).not.toMatch(/more/);
  });
});

describe('/kb feedback, status and check', () => {
  const problems: Problem[] = Array.from({ length: 300 }, (_, i) => ({
    severity: 'error',
    file: `knowledge/restrictions/file-${i % 7}.yaml`,
    line: i + 1,
    col: 5,
    message: `fact 'fact-${i}': status must be one of proposed, announced, in-force, suspended, lifted (found '[x](https://evil.example)')`,
  }));

  it('lists unhelpful answers within the reply', () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ command: 'ask', query: `/ask question:${HOSTILE(i)}`, topFactId: `fact-${i}`, unhelpful: 300 - i, helpful: 0 }));
    expectClosedAndCounted(description(feedbackAnswer(snapshot, rows, 30)), 300, /… and (\d+) more/);
  });

  it('lists 300 reload problems within the reply and says how many more kb:check shows', () => {
    const answer = statusAnswer(snapshot, {
      ok: false,
      trigger: 'watch',
      at: '2026-12-03T10:00:00.000Z',
      version: snapshot.version,
      changed: false,
      errors: problems,
      warnings: [],
    });
    const text = description(answer);
    expectClosedAndCounted(text, 300, /… and (\d+) more \(npm run kb:check shows all\)/);
    expect(text).toMatch(/^Knowledge version [0-9a-f]{12}/);
  });

  it("fits the file's problems and those it causes elsewhere in one reply, each list closed", () => {
    const answer = checkAnswer(snapshot, 'big.yaml', { ok: false, problems, elsewhere: problems.slice(0, 200) });
    const text = description(answer);
    expect(text.length).toBeLessThanOrEqual(2000);
    expect((text.match(/```/g) ?? []).length).toBe(4);
    expect(text).toMatch(/… and \d+ more \(npm run kb:check shows all\)\nElsewhere:\n```[\s\S]+```\n… and \d+ more/);
  });
});
