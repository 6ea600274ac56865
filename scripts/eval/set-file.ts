/**
 * The eval set file: a YAML document with the day the questions are asked on (`now`) and the list of
 * questions. Validated with zod; every problem is pinned to its file:line:col, because a set is
 * edited by hand and a bad entry must be easy to find.
 */
import { readFile } from 'node:fs/promises';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { Problem } from '../../src/knowledge/problems.ts';

/** True for a real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isRealDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

const isoDay = z.string().refine(isRealDay, 'must be a real day written YYYY-MM-DD, e.g. 2026-03-02');

/** What a correct answer is: one of these facts ranked, or an honest no-answer (the knowledge has none). */
const expectSchema = z.union([z.strictObject({ facts: z.array(z.string().min(1)).min(1, 'needs at least one fact id') }), z.strictObject({ refuse: z.literal(true) })]);

/** Text that must be present: a missing key says "is required" rather than zod's type message. */
const requiredText = () => z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') });

const questionSchema = z
  .strictObject({
    id: requiredText().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes'),
    question: requiredText().trim().min(1, 'must not be empty'),
    page: z.url().nullable().optional(),
    claim: z.string().min(1).optional(),
    class: z.enum(['answerable', 'off-topic'], { error: (issue) => (issue.input === undefined ? 'is required' : 'must be answerable or off-topic') }),
    expect: expectSchema.optional(),
  })
  .refine((entry) => !(entry.class === 'off-topic' && entry.expect), {
    message: 'an off-topic question has no expect: it must be declined',
    path: ['expect'],
  });

const setSchema = z
  .strictObject({
    now: isoDay,
    questions: z.array(questionSchema).min(1, 'needs at least one question'),
  })
  .superRefine((set, context) => {
    const seen = new Set<string>();
    set.questions.forEach((entry, index) => {
      if (seen.has(entry.id)) context.addIssue({ code: 'custom', message: `duplicate id ${entry.id}`, path: ['questions', index, 'id'] });
      seen.add(entry.id);
    });
  });

export type Expect = z.infer<typeof expectSchema>;
export type EvalQuestion = z.infer<typeof questionSchema>;
export type QuestionSet = z.infer<typeof setSchema>;

export type SetResult = { readonly ok: true; readonly set: QuestionSet } | { readonly ok: false; readonly problems: readonly Problem[] };

/** Parses and validates set text; `file` only names the place in problems. */
export function parseQuestionSet(text: string, file: string): SetResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => problemAt(file, lineCounter, error.pos[0], firstLine(error.message))),
    };
  }
  const parsed = setSchema.safeParse(doc.toJS());
  if (parsed.success) return { ok: true, set: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const at = offsetOf(doc, issue.path);
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return problemAt(file, lineCounter, at, `${where}${issue.message}`);
    }),
  };
}

export async function readQuestionSet(file: string): Promise<SetResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ severity: 'error', file, line: 1, col: 1, message: `cannot read the set: ${reason}` }] };
  }
  return parseQuestionSet(text, file);
}

/**
 * The source offset of the node a zod path names; a missing key (the usual mistake) has no node
 * of its own, so the nearest existing parent is shown instead: the entry that lacks it.
 */
function offsetOf(doc: Document, path: readonly PropertyKey[]): number {
  for (let length = path.length; length > 0; length--) {
    const node = doc.getIn(
      path.slice(0, length).map((key) => (typeof key === 'symbol' ? String(key) : key)),
      true,
    );
    if (isNode(node) && node.range) return node.range[0];
  }
  return doc.contents?.range?.[0] ?? 0;
}

function problemAt(file: string, lineCounter: LineCounter, offset: number, message: string): Problem {
  const { line, col } = lineCounter.linePos(offset);
  return { severity: 'error', file, line, col, message };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}
