import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { CitationRef } from '../../answer/answer.ts';
import type { ComingUpEntry, Digest, DigestEntry, EndedEntry } from '../../digest/digest.ts';
import { cut } from '../../text/cut.ts';
import { LIMITS } from './limits.ts';

/**
 * Digest → Discord messages, in reading order: what changed (new, updated, removed), what ended in
 * the period by its own dates (a suspension's last day passing), coming up, in force. Each message is one embed within every limit; a long digest continues in the next
 * message. Every message's footer carries its mark ("digest #3 · post 12 · part 1/3": subscription, delivery,
 * part), which is how a post interrupted by a restart is recognised in the channel.
 */
// A type rather than an interface: the store keeps these as plain JSON records.
export type DigestMessage = {
  readonly embeds: APIEmbed[];
  readonly allowed_mentions: { readonly parse: never[] };
};

export const DIGEST_COLOR = 0x10b981;
const ENTRY_TEXT_CHARS = 300;
/** Room for title, description of a continuation and footer within the 6,000 total. */
const FIELD_BUDGET = LIMITS.embedTotal - LIMITS.embedTitle - 400;
const FIRST_DESCRIPTION_CHARS = 1_500;
const MARK = /digest #(\d+) · post (\d+) · part (\d+)\/(\d+)/;

/** Which post a message belongs to: the subscription people know and the delivery the store knows. */
export interface DigestMark {
  readonly subscriptionId: number;
  readonly deliveryId: number;
}

export interface DigestRenderOptions {
  /** For a scheduled or sent post; a preview has none. */
  readonly mark?: DigestMark;
}

export function renderDigest(digest: Digest, options: DigestRenderOptions = {}): DigestMessage[] {
  const fields = [
    ...digest.added.map((entry) => entryField('New', entry)),
    ...omittedField('New', digest.omitted.added, 'new facts'),
    ...digest.updated.map((entry) => entryField('Updated', entry)),
    ...omittedField('Updated', digest.omitted.updated, 'updated facts'),
    ...digest.removed.map((entry) => entryField('Removed', entry)),
    ...omittedField('Removed', digest.omitted.removed, 'removed facts'),
    ...listFields('Ended in this period (by its own dates)', digest.ended.map(endedLine)),
    ...listFields('Coming up (next 14 days)', digest.comingUp.map(comingUpLine)),
    ...inForceFields(digest),
  ];

  const chunks: APIEmbedField[][] = [];
  let current: APIEmbedField[] = [];
  let used = 0;
  const firstBudget = FIELD_BUDGET - FIRST_DESCRIPTION_CHARS;
  for (const field of fields) {
    const size = field.name.length + field.value.length;
    const budget = chunks.length === 0 ? firstBudget : FIELD_BUDGET;
    if (current.length > 0 && (current.length >= LIMITS.embedFields || used + size > budget)) {
      chunks.push(current);
      current = [];
      used = 0;
    }
    current.push(field);
    used += size;
  }
  chunks.push(current);

  const total = chunks.length;
  return chunks.map((chunk, index) => ({
    embeds: [
      {
        title: cut(index === 0 ? titleOf(digest) : `${titleOf(digest)} (continued)`, LIMITS.embedTitle),
        color: DIGEST_COLOR,
        ...(index === 0 ? { description: cut(descriptionOf(digest), FIRST_DESCRIPTION_CHARS) } : {}),
        fields: chunk,
        footer: { text: cut(footerOf(digest, index, total, options.mark), LIMITS.footerText) },
      },
    ],
    allowed_mentions: { parse: [] },
  }));
}

/** The delivery id and part index a message of ours carries, read back from its footer. */
export function readDigestMark(footer: string | undefined): (DigestMark & { part: number; parts: number }) | undefined {
  const match = footer ? MARK.exec(footer) : null;
  if (!match) return undefined;
  return { subscriptionId: Number(match[1]), deliveryId: Number(match[2]), part: Number(match[3]) - 1, parts: Number(match[4]) };
}

function titleOf(digest: Digest): string {
  return `Rare-earth digest — ${digest.scope}`;
}

function descriptionOf(digest: Digest): string {
  const since = `<t:${Math.floor(Date.parse(digest.from) / 1000)}:f>`;
  const counts = [
    `${digest.added.length + digest.omitted.added} new`,
    `${digest.updated.length + digest.omitted.updated} updated`,
    `${digest.removed.length + digest.omitted.removed} removed`,
    ...(digest.ended.length > 0 ? [`${digest.ended.length} ended`] : []),
    `${digest.comingUp.length} coming up`,
  ].join(' · ');
  const changed = digest.added.length + digest.updated.length + digest.removed.length;
  const lines = [`Changes since ${since}: ${counts}.`];
  if (changed === 0) lines.push('Nothing in this digest’s scope changed in the knowledge base during this period.');
  return lines.join('\n');
}

function footerOf(digest: Digest, index: number, total: number, mark: DigestMark | undefined): string {
  const part = `part ${index + 1}/${total}`;
  const label = mark ? `digest #${mark.subscriptionId} · post ${mark.deliveryId} · ${part}` : `preview · ${part}`;
  return `${label} · knowledge ${digest.kbVersion} · times in ${digest.timezone}`;
}

function entryField(section: 'New' | 'Updated' | 'Removed', entry: DigestEntry): APIEmbedField {
  const name = cut(`${section}: ${entry.title} (${entry.date})`, LIMITS.fieldName);
  const lines: string[] = [];
  if (section === 'Updated' && entry.changes) lines.push(cut(`Changed: ${entry.changes.join('; ')}`, 300));
  if (section === 'Removed') lines.push('No longer in the knowledge base. It said:');
  lines.push(cut(entry.text, ENTRY_TEXT_CHARS));
  const links = citationLinks(entry.citations);
  const body = lines.join('\n');
  // The sources always fit: the text gives way to them.
  const room = LIMITS.fieldValue - links.length - 1;
  return { name, value: links ? `${cut(body, room)}\n${links}` : cut(body, LIMITS.fieldValue) };
}

function omittedField(section: string, count: number, what: string): APIEmbedField[] {
  if (count === 0) return [];
  return [{ name: `${section}: ${count} more`, value: `${count} more ${what} in this period are not listed here; ask the bot (/restrictions, /country, /ask) for them.` }];
}

function citationLinks(citations: readonly CitationRef[]): string {
  const links = citations.slice(0, 3).map((citation) => `[${cut(citation.publisher, 40).replace(/[[\]]/g, '')}, ${citation.published}](${citation.url})`);
  const more = citations.length > 3 ? ` +${citations.length - 3} more` : '';
  return cut(`Sources: ${links.join(' · ')}${more}`, 600);
}

function comingUpLine(entry: ComingUpEntry): string {
  const source = entry.citations[0];
  const link = source ? ` ([${cut(source.publisher, 30).replace(/[[\]]/g, '')}](${source.url}))` : '';
  return `\`${entry.date}\` ${entry.what}: ${cut(entry.title, 120)}${link}`;
}

function endedLine(entry: EndedEntry): string {
  const source = entry.citations[0];
  const link = source ? ` ([${cut(source.publisher, 30).replace(/[[\]]/g, '')}](${source.url}))` : '';
  return `\`${entry.date}\` ${entry.what}: ${cut(entry.title, 120)} — ${cut(entry.text, 200)}${link}`;
}

function inForceFields(digest: Digest): APIEmbedField[] {
  const total = digest.inForce.reduce((sum, row) => sum + row.count, 0);
  const line =
    total === 0
      ? 'No restrictions in force in this digest’s scope.'
      : `${total} restriction(s) in force: ${digest.inForce.map((row) => `${row.countryName} ${row.count}`).join(' · ')}`;
  return [{ name: 'In force', value: cut(line, LIMITS.fieldValue) }];
}

/** Lines packed into as few fields as the 1,024-character value limit allows, in order. */
function listFields(name: string, lines: readonly string[]): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let value = '';
  for (const line of lines.map((text) => cut(text, LIMITS.fieldValue))) {
    if (value && value.length + 1 + line.length > LIMITS.fieldValue) {
      fields.push({ name: fields.length === 0 ? name : `${name} (continued)`, value });
      value = '';
    }
    value = value ? `${value}\n${line}` : line;
  }
  if (value) fields.push({ name: fields.length === 0 ? name : `${name} (continued)`, value });
  return fields;
}
