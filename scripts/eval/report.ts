/** The eval report as text (one line per miss, then the summary) and as one JSON document. */
import type { QuestionResult, RankedFact, Summary } from './scoring.ts';

export interface RunInfo {
  readonly set: string;
  readonly now: string;
  readonly kbVersion: string;
}

const LABEL: Record<QuestionResult['outcome'], string> = {
  top1: 'top-1',
  top3: 'top-3 only',
  miss: 'MISS',
  refused: 'REFUSED',
  'refusal-ok': 'refused as expected',
  'answered-not-refused': 'ANSWERED (expected no-answer)',
  declined: 'declined',
  'not-declined': 'NOT DECLINED',
  unmapped: 'unmapped',
};

export function renderText(info: RunInfo, results: readonly QuestionResult[], summary: Summary): string {
  const lines: string[] = [`eval: ${info.set} (now ${info.now}, knowledge ${info.kbVersion})`, ''];
  const misses = results.filter((result) => result.missed);
  if (misses.length > 0) {
    lines.push(`Misses (${misses.length}):`);
    for (const miss of misses) lines.push(...renderMiss(miss));
    lines.push('');
  }
  lines.push(...renderSummary(summary));
  return `${lines.join('\n')}\n`;
}

function renderMiss(result: QuestionResult): string[] {
  const lines = [
    `${result.id} [${LABEL[result.outcome]}] ${oneLine(result.question, 110)}`,
    `    expected: ${result.expected}`,
    `    got:      ${result.status}${result.top.length > 0 ? `; ${result.top.map(renderFact).join(', ')}` : ''}`,
  ];
  if (result.status !== 'answered' && result.message) lines.push(`    message:  ${oneLine(result.message, 110)}`);
  return lines;
}

function renderFact(fact: RankedFact): string {
  return fact.score === undefined ? fact.factId : `${fact.factId} (${fact.score.toFixed(2)})`;
}

function renderSummary(summary: Summary): string[] {
  const { mapped, refusals, offTopic, unmapped } = summary;
  return [
    `Summary (${summary.total} questions):`,
    `  answerable, mapped to facts  ${mapped.n}: top-1 ${ratio(mapped.top1, mapped.n)}, top-3 ${ratio(mapped.top3, mapped.n)}, refused ${mapped.refused}`,
    `  answerable, no fact exists   ${refusals.n}: honest no-answer ${ratio(refusals.correct, refusals.n)}, answered anyway ${refusals.answered}`,
    `  off-topic                    ${offTopic.n}: declined ${ratio(offTopic.declined, offTopic.n)}`,
    `  answerable, not yet mapped   ${unmapped.n}: answered ${unmapped.answered}, no-answer ${unmapped.noAnswer}`,
    `  status error                 ${summary.errors}`,
  ];
}

export function renderJson(info: RunInfo, results: readonly QuestionResult[], summary: Summary): string {
  return `${JSON.stringify({ ...info, summary, results }, null, 2)}\n`;
}

function ratio(part: number, whole: number): string {
  if (whole === 0) return '0/0';
  return `${part}/${whole} (${Math.round((100 * part) / whole)}%)`;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
