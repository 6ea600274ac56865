import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Answer, AnswerItem, AnswerStatus, ShareRow } from '../../src/answer/answer.ts';
import { parseQuestionSet, type EvalQuestion } from '../../scripts/eval/set-file.ts';
import { renderText } from '../../scripts/eval/report.ts';
import { rankedFacts, scoreQuestion, summarize } from '../../scripts/eval/scoring.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function item(factId: string, score: number): AnswerItem {
  return { factId, title: factId, text: '', date: '2025-01-01', countries: [], citations: [], score };
}

function answer(status: AnswerStatus, items: Array<[string, number]> = [], shares?: ShareRow[]): Answer {
  return {
    query: 'q',
    command: 'ask',
    status,
    answers: items.map(([id, score]) => item(id, score)),
    suggestions: [],
    kbVersion: 'test',
    ...(shares ? { shares } : {}),
  };
}

function share(rank: number, factId: string): ShareRow {
  return { rank, country: 'CN', countryName: 'China', value: 70, unit: 'percent', year: 2024, sourceId: 's', publisher: 'p', factId };
}

const facts = (id: string, ...ids: string[]): EvalQuestion => ({ id, question: `question ${id}`, class: 'answerable', expect: { facts: ids } });

describe('eval set file', () => {
  it('reads now and the questions of a well-formed set', () => {
    const result = parseQuestionSet(
      [
        'now: 2026-03-02',
        'questions:',
        '  - id: q-1',
        '    question: "who mines the most rare earths"',
        '    page: https://example.org/a',
        '    claim: China, 70% in 2024',
        '    class: answerable',
        '    expect: { facts: [cn-mining-2024] }',
        '  - id: q-2',
        '    question: |',
        '      two lines',
        '      of question',
        '    page: null',
        '    class: off-topic',
      ].join('\n'),
      'set.yaml',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.set.now).toBe('2026-03-02');
    expect(result.set.questions.map((entry) => entry.id)).toEqual(['q-1', 'q-2']);
    expect(result.set.questions[0]?.expect).toEqual({ facts: ['cn-mining-2024'] });
  });

  it('pins each problem to the line of the bad entry, a missing key to its entry', () => {
    const text = [
      'now: 2026-03-02', // 1
      'questions:', // 2
      '  - id: ok-1', // 3
      '    question: fine', // 4
      '    class: answerable', // 5
      '  - id: bad-class', // 6
      '    question: fine', // 7
      '    class: maybe', // 8
      '  - id: no-question', // 9
      '    class: answerable', // 10
      '  - id: topic', // 11
      '    question: price of gold', // 12
      '    class: off-topic', // 13
      '    expect: { refuse: true }', // 14
    ].join('\n');
    const result = parseQuestionSet(text, 'set.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const where = result.problems.map((problem) => `${problem.file}:${problem.line} ${problem.message}`);
    expect(where).toContainEqual(expect.stringMatching(/^set\.yaml:8 questions\.1\.class: must be answerable or off-topic/));
    expect(where).toContainEqual(expect.stringMatching(/^set\.yaml:9 questions\.2\.question: is required/));
    expect(where).toContainEqual(expect.stringMatching(/^set\.yaml:14 questions\.3\.expect: an off-topic question has no expect/));
  });

  it('reports duplicate ids, impossible days and YAML syntax errors with their lines', () => {
    const duplicate = parseQuestionSet('now: 2026-03-02\nquestions:\n  - { id: a, question: x, class: answerable }\n  - { id: a, question: y, class: answerable }\n', 's.yaml');
    expect(duplicate.ok).toBe(false);
    if (!duplicate.ok) expect(duplicate.problems[0]).toMatchObject({ line: 4, message: expect.stringContaining('duplicate id a') });

    const day = parseQuestionSet('now: 2026-02-30\nquestions:\n  - { id: a, question: x, class: answerable }\n', 's.yaml');
    expect(day.ok).toBe(false);
    if (!day.ok) expect(day.problems[0]).toMatchObject({ line: 1, message: expect.stringContaining('real day') });

    const syntax = parseQuestionSet('now: 2026-03-02\nquestions:\n  - id: [a\n', 's.yaml');
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) expect(syntax.problems[0]?.line).toBeGreaterThanOrEqual(3);
  });
});

describe('eval scoring', () => {
  it('counts a hit at rank 1 as top-1, at rank 2-3 as top-3 only, lower as a miss', () => {
    const top1 = scoreQuestion(
      facts('a', 'f1', 'f9'),
      answer('answered', [
        ['f9', 0.9],
        ['f2', 0.5],
      ]),
    );
    const top3 = scoreQuestion(
      facts('b', 'f3'),
      answer('answered', [
        ['f1', 0.9],
        ['f2', 0.8],
        ['f3', 0.7],
      ]),
    );
    const miss = scoreQuestion(
      facts('c', 'f4'),
      answer('answered', [
        ['f1', 0.9],
        ['f2', 0.8],
        ['f3', 0.7],
        ['f4', 0.6],
      ]),
    );
    expect([top1.outcome, top3.outcome, miss.outcome]).toEqual(['top1', 'top3', 'miss']);
    expect([top1.missed, top3.missed, miss.missed]).toEqual([false, true, true]);
    expect(miss.top).toEqual([
      { factId: 'f1', score: 0.9 },
      { factId: 'f2', score: 0.8 },
      { factId: 'f3', score: 0.7 },
    ]);
  });

  it('treats a no-answer as a refusal when facts were expected, and as right when none exist', () => {
    expect(scoreQuestion(facts('a', 'f1'), answer('no-answer')).outcome).toBe('refused');
    const noFact: EvalQuestion = { id: 'b', question: 'q', class: 'answerable', expect: { refuse: true } };
    expect(scoreQuestion(noFact, answer('no-answer')).outcome).toBe('refusal-ok');
    expect(scoreQuestion(noFact, answer('answered', [['f1', 0.4]])).outcome).toBe('answered-not-refused');
  });

  it('wants off-topic questions declined and leaves unmapped ones unscored', () => {
    const offTopic: EvalQuestion = { id: 'o', question: 'melting point of terbium', class: 'off-topic' };
    expect(scoreQuestion(offTopic, answer('no-answer')).outcome).toBe('declined');
    expect(scoreQuestion(offTopic, answer('answered', [['f1', 0.3]])).outcome).toBe('not-declined');
    expect(scoreQuestion(offTopic, answer('error')).outcome).toBe('not-declined');
    const unmapped: EvalQuestion = { id: 'u', question: 'q', class: 'answerable' };
    const result = scoreQuestion(unmapped, answer('answered', [['f1', 0.3]]));
    expect(result).toMatchObject({ outcome: 'unmapped', missed: false });
  });

  it('ranks a share-only answer by its rows, after any items, without repeats', () => {
    expect(rankedFacts(answer('answered', [], [share(0, 'world'), share(2, 'us'), share(1, 'cn')])).map((fact) => fact.factId)).toEqual(['cn', 'us']);
    expect(rankedFacts(answer('answered', [['cn', 1]], [share(1, 'cn'), share(2, 'us')])).map((fact) => fact.factId)).toEqual(['cn', 'us']);
    expect(scoreQuestion(facts('s', 'cn'), answer('answered', [], [share(1, 'cn')])).outcome).toBe('top1');
  });

  it('summarizes each kind apart and lists the misses in the text report', () => {
    const results = [
      scoreQuestion(facts('hit', 'f1'), answer('answered', [['f1', 0.9]])),
      scoreQuestion(
        facts('near', 'f2'),
        answer('answered', [
          ['f1', 0.9],
          ['f2', 0.5],
        ]),
      ),
      scoreQuestion(facts('gone', 'f3'), answer('no-answer')),
      scoreQuestion({ id: 'none', question: 'q', class: 'answerable', expect: { refuse: true } }, answer('no-answer')),
      scoreQuestion({ id: 'gold', question: 'price of gold', class: 'off-topic' }, answer('answered', [['f7', 0.2]])),
      scoreQuestion({ id: 'new', question: 'q', class: 'answerable' }, answer('no-answer')),
    ];
    const summary = summarize(results);
    expect(summary).toEqual({
      total: 6,
      mapped: { n: 3, top1: 1, top3: 2, refused: 1 },
      refusals: { n: 1, correct: 1, answered: 0 },
      offTopic: { n: 1, declined: 0 },
      unmapped: { n: 1, answered: 0, noAnswer: 1 },
      errors: 0,
    });
    const text = renderText({ set: 's.yaml', now: '2026-03-02', kbVersion: 'test' }, results, summary);
    expect(text).toContain('near [top-3 only] question near');
    expect(text).toContain('f1 (0.90), f2 (0.50)');
    expect(text).toContain('gold [NOT DECLINED] price of gold');
    expect(text).toContain('expected: decline');
    expect(text).not.toContain('hit [');
    expect(text).toMatch(/top-1 1\/3 \(33%\), top-3 2\/3 \(67%\), refused 1/);
  });
});

describe('npm run eval (as a process)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'eval-set-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: readonly string[]) =>
    spawnSync(TSX, ['scripts/eval.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DISCORD_TOKEN: '', KNOWLEDGE_DIR: 'knowledge' }, timeout: 60_000 });

  it('exits 2 with file:line when the set is malformed, before asking anything', () => {
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, 'now: 2026-03-02\nquestions:\n  - id: x\n    question: hi\n    class: sometimes\n');
    const result = run(['--set', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/bad\.yaml:5:\d+ questions\.0\.class: must be answerable or off-topic/);
    expect(result.stdout).toBe('');
  });

  it('exits 2 on a bad --now', () => {
    const result = run(['--now', '2026-13-01']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--now must be a real day');
  });

  it('asks every question of a set and prints one JSON report', () => {
    const file = path.join(dir, 'tiny.yaml');
    writeFileSync(
      file,
      'now: 2026-03-02\nquestions:\n  - id: t-1\n    question: "who makes magnets?"\n    class: answerable\n  - id: t-2\n    question: "banana bread recipe"\n    class: off-topic\n',
    );
    const result = run(['--set', file, '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as {
      now: string;
      summary: { total: number; offTopic: { n: number }; unmapped: { n: number } };
      results: Array<{ id: string; outcome: string }>;
    };
    expect(report.now).toBe('2026-03-02');
    expect(report.summary).toMatchObject({ total: 2, offTopic: { n: 1 }, unmapped: { n: 1 } });
    expect(report.results.map((entry) => entry.id)).toEqual(['t-1', 't-2']);
    expect(['declined', 'not-declined']).toContain(report.results[1]?.outcome);
  });
});
