import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { Answer, AnswerItem, CitationRef, ShareRow } from '../../answer/answer.ts';
import { shareTables } from '../../answer/share-tables.ts';
import { formatShare, shareTableHeading } from '../text.ts';
import { escapeMessage, escapeUserText } from './escape.ts';
import { cut, cutMarkdown } from '../../text/cut.ts';
import { ANSWER_DESCRIPTION_CHARS, LIMITS } from './limits.ts';

/**
 * Answer → one Discord message: an embed with the answer's items as fields, citations as numbered
 * links, a footer with the knowledge version, and buttons (pages, suggestions). Every limit of
 * LIMITS holds for whatever the Answer holds; long answers become pages.
 */
export interface MessagePayload {
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponent>[];
  /** Uploaded with the message; an embed shows one as its image through `attachment://name`. */
  readonly files?: readonly FileAttachment[];
}

export interface FileAttachment {
  readonly attachment: Buffer;
  readonly name: string;
}

export interface RenderOptions {
  /** 0-based page to show. */
  readonly page?: number;
  /** Custom id for a button that shows `page`, or undefined when paging cannot be offered. */
  readonly pageButtonId?: (page: number) => string | undefined;
  /** Custom id for a button that runs a suggested command or question. */
  readonly suggestionButtonId?: (suggestion: string) => string | undefined;
  /** Shown in the footer: when the knowledge was loaded. */
  readonly loadedAt?: string;
  /** Custom ids of the 👍/👎 buttons, for answers people can vote on. */
  readonly feedbackButtonIds?: { readonly helpful: string; readonly unhelpful: string };
}

export const COLORS = { answered: 0x3b82f6, 'no-answer': 0xd97706, error: 0xdc2626 } as const;

/** Fields per page: enough to read, few enough to scan on a phone. */
const FIELDS_PER_PAGE = 6;
const SHARE_ROWS_SHOWN = 12;

export function renderAnswer(answer: Answer, options: RenderOptions = {}): MessagePayload {
  const numbering = numberCitations(answer);
  const pages = paginate(answer, numbering);
  const pageCount = pages.length;
  const page = Math.min(Math.max(options.page ?? 0, 0), pageCount - 1);

  const embed: APIEmbed = {
    title: cut(titleOf(answer), LIMITS.embedTitle),
    color: COLORS[answer.status],
    ...(pages[page]?.description ? { description: pages[page]?.description } : {}),
    fields: pages[page]?.fields ?? [],
    footer: { text: cut(footerOf(answer, options.loadedAt, page, pageCount), LIMITS.footerText) },
  };

  const components: APIActionRowComponent<APIButtonComponent>[] = [];
  const nav = navigationRow(page, pageCount, options.pageButtonId);
  if (nav) components.push(nav);
  const suggestions = suggestionRow(answer, options.suggestionButtonId);
  if (suggestions) components.push(suggestions);
  if (options.feedbackButtonIds && answer.status === 'answered') components.push(feedbackRow(options.feedbackButtonIds));
  return { embeds: [embed], components };
}

function titleOf(answer: Answer): string {
  const query = answer.query ? ` — ${escapeUserText(answer.query)}` : '';
  if (answer.status === 'error') return `Could not run /${answer.command}${query}`;
  if (answer.status === 'no-answer') return `No sourced answer${query}`;
  return `/${answer.command}${query}`;
}

function footerOf(answer: Answer, loadedAt: string | undefined, page: number, pageCount: number): string {
  const parts = [`knowledge ${answer.kbVersion}`];
  if (loadedAt) parts.push(`loaded ${loadedAt.slice(0, 10)}`);
  if (pageCount > 1) parts.push(`page ${page + 1}/${pageCount}`);
  return parts.join(' · ');
}

interface Page {
  readonly description: string;
  readonly fields: APIEmbedField[];
}

/** Citations numbered once per answer, in order of first use, so [2] means the same on every page. */
function numberCitations(answer: Answer): Map<string, { number: number; citation: CitationRef }> {
  const numbers = new Map<string, { number: number; citation: CitationRef }>();
  const add = (citation: CitationRef) => {
    if (!numbers.has(citation.sourceId)) numbers.set(citation.sourceId, { number: numbers.size + 1, citation });
  };
  for (const item of answer.answers) item.citations.forEach(add);
  return numbers;
}

function paginate(answer: Answer, numbering: Map<string, { number: number; citation: CitationRef }>): Page[] {
  const description = descriptionOf(answer);
  const fields = answer.answers.map((item, index) => fieldOf(item, index, numbering));
  // Room for the fixed parts of every page (title, footer) before counting fields.
  const budget = LIMITS.embedTotal - LIMITS.embedTitle - 200;
  const pages: Page[] = [];
  let current: APIEmbedField[] = [];
  let used = description.length;
  for (const field of fields) {
    const size = field.name.length + field.value.length;
    if (current.length > 0 && (current.length >= FIELDS_PER_PAGE || used + size > budget)) {
      pages.push({ description, fields: current });
      current = [];
      used = description.length;
    }
    current.push(field);
    used += size;
  }
  pages.push({ description, fields: current });
  return pages;
}

function descriptionOf(answer: Answer): string {
  const parts: string[] = [];
  if (answer.message) parts.push(escapeMessage(answer.message));
  if (answer.shares && answer.shares.length > 0) parts.push(sharesBlock(answer.shares));
  if (answer.status !== 'answered' && answer.suggestions.length > 0) {
    parts.push(`Try: ${answer.suggestions.map((suggestion) => `\`${suggestion.replace(/`/g, "'")}\``).join(' · ')}`);
  }
  return cutMarkdown(parts.join('\n\n'), Math.min(LIMITS.embedDescription, ANSWER_DESCRIPTION_CHARS));
}

function sharesBlock(rows: readonly ShareRow[]): string {
  const shown = rows.slice(0, SHARE_ROWS_SHOWN);
  const width = Math.min(18, Math.max(...shown.map((row) => row.countryName.length)));
  const line = (row: ShareRow) =>
    `${(row.rank === 0 ? '—' : String(row.rank)).padStart(2)} ${cut(row.countryName, width).padEnd(width)} ${formatShare(row).padStart(13)} ${row.year} ${cut(row.publisher, 22)}`;
  // Ranked tables (one unit and material scope each) get their heading; a country's own figures are one list.
  const lines = shown.some((row) => row.scope !== undefined)
    ? shareTables(shown).flatMap((table, index) => [...(index > 0 ? [''] : []), cut(shareTableHeading(table), 60), ...table.rows.map(line)])
    : shown.map(line);
  const more = rows.length > shown.length ? `\n… ${rows.length - shown.length} more` : '';
  return `\`\`\`\n${lines.join('\n').replace(/`/g, "'")}\n\`\`\`${more}`;
}

function fieldOf(item: AnswerItem, index: number, numbering: Map<string, { number: number; citation: CitationRef }>): APIEmbedField {
  const status = item.statusLabel ? ` · ${item.statusLabel}` : item.status ? ` · ${item.status.replace('-', ' ')}` : '';
  const section = item.section ? `${item.section}: ` : '';
  const name = cut(`${index + 1}. ${section}${item.title} (${item.date}${status})`, LIMITS.fieldName);
  const links = item.citations
    .map((citation) => {
      const number = numbering.get(citation.sourceId)?.number ?? 0;
      return `[[${number}] ${cut(citation.publisher, 40).replace(/[[\]]/g, '')}](${citation.url})`;
    })
    .join(' ');
  const sources = `\nSources: ${links}`;
  const room = LIMITS.fieldValue - sources.length;
  // Citations are never cut: if they alone are too long, the text gives way entirely first.
  const value = room > 40 ? `${cut(item.text, room)}${sources}` : cut(sources.trim(), LIMITS.fieldValue);
  return { name, value };
}

function navigationRow(page: number, pageCount: number, idFor: RenderOptions['pageButtonId']): APIActionRowComponent<APIButtonComponent> | undefined {
  if (pageCount <= 1 || !idFor) return undefined;
  const previous = page > 0 ? idFor(page - 1) : undefined;
  const next = page < pageCount - 1 ? idFor(page + 1) : undefined;
  const button = (label: string, customId: string | undefined, fallback: string): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: customId ?? fallback,
    disabled: customId === undefined,
  });
  return {
    type: ComponentType.ActionRow,
    components: [button('◀ Previous', previous, 'noop:prev'), button(`${page + 1}/${pageCount}`, undefined, 'noop:page'), button('Next ▶', next, 'noop:next')],
  };
}

function suggestionRow(answer: Answer, idFor: RenderOptions['suggestionButtonId']): APIActionRowComponent<APIButtonComponent> | undefined {
  if (answer.status === 'answered' || !idFor) return undefined;
  const buttons: APIButtonComponent[] = [];
  for (const suggestion of answer.suggestions) {
    const customId = idFor(suggestion);
    if (!customId || customId.length > LIMITS.customId) continue;
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Primary, label: cut(suggestion, LIMITS.buttonLabel), custom_id: customId });
    if (buttons.length === LIMITS.buttonsPerRow) break;
  }
  return buttons.length > 0 ? { type: ComponentType.ActionRow, components: buttons } : undefined;
}

function feedbackRow(ids: { readonly helpful: string; readonly unhelpful: string }): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👍' }, label: 'Helpful', custom_id: ids.helpful },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👎' }, label: 'Not helpful', custom_id: ids.unhelpful },
    ],
  };
}
