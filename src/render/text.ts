import type { Answer, CitationRef, ShareRow } from '../answer/answer.ts';
import { shareTables, type ShareTable } from '../answer/share-tables.ts';

/**
 * Answer → terminal text: the items in order, each pointing at numbered footnotes that carry the
 * full citation and URL, so a console user can check every claim.
 */
export function renderText(answer: Answer): string {
  const lines: string[] = [];
  const footnotes = new Map<string, { number: number; citation: CitationRef }>();
  const noteFor = (citation: CitationRef) => {
    let note = footnotes.get(citation.sourceId);
    if (!note) {
      note = { number: footnotes.size + 1, citation };
      footnotes.set(citation.sourceId, note);
    }
    return note.number;
  };

  if (answer.status === 'error') lines.push(`! ${answer.message ?? 'That did not work.'}`);
  else if (answer.status === 'no-answer') lines.push(`No sourced answer. ${answer.message ?? ''}`.trim());
  else if (answer.message) lines.push(answer.message);

  if (answer.shares && answer.shares.length > 0) {
    lines.push('', ...renderShares(answer.shares, (row) => noteFor(sourceOfRow(answer, row))));
  }

  let section: string | undefined;
  answer.answers.forEach((item, index) => {
    if (item.section && item.section !== section) {
      section = item.section;
      lines.push('', `== ${section} ==`);
    }
    const marks = item.citations.map((citation) => `[${noteFor(citation)}]`).join('');
    const status = item.statusLabel ? ` · ${item.statusLabel}` : item.status ? ` · ${item.status.replace('-', ' ')}` : '';
    lines.push('', `${index + 1}. ${item.title} (${item.date}${status}) ${marks}`);
    for (const paragraph of item.text.split('\n')) lines.push(...wrap(paragraph, 92).map((line) => `   ${line}`));
  });

  if (answer.suggestions.length > 0) {
    lines.push('', answer.status === 'answered' ? 'See also:' : 'Try:', ...answer.suggestions.map((suggestion) => `  ${suggestion}`));
  }
  if (footnotes.size > 0) {
    lines.push('', 'Sources:');
    for (const { number, citation } of footnotes.values()) {
      lines.push(`  [${number}] ${citation.publisher}, "${citation.title}" (${citation.published}). ${citation.url}`);
    }
  }
  lines.push('', `knowledge ${answer.kbVersion}`);
  return lines.join('\n');
}

function sourceOfRow(answer: Answer, row: ShareRow): CitationRef {
  const item = answer.answers.find((candidate) => candidate.factId === row.factId);
  return (
    item?.citations.find((citation) => citation.sourceId === row.sourceId) ?? {
      sourceId: row.sourceId,
      publisher: row.publisher,
      title: row.sourceId,
      url: '',
      published: '',
    }
  );
}

export function formatShare(row: Pick<ShareRow, 'value' | 'unit' | 'qualifier'>): string {
  const qualifier = row.qualifier ? `${row.qualifier.replace('-', ' ')} ` : '';
  if (row.unit === 'percent') return `${qualifier}${row.value}%`;
  if (row.unit === 'tonnes') return `${qualifier}${row.value.toLocaleString('en-US')} t`;
  return `${qualifier}$${row.value.toLocaleString('en-US')}`;
}

/** What a table of figures in one unit holds, for its heading: a dollar value is never called a share. */
const UNIT_HEADINGS: Record<ShareRow['unit'], { readonly heading: string; readonly column: string }> = {
  percent: { heading: 'share, %', column: 'Share' },
  tonnes: { heading: 'tonnes', column: 'Tonnes' },
  usd: { heading: 'value in US dollars (not a share)', column: 'Value' },
};

/** "Rare earths · tonnes": the scope and unit a ranked table compares. */
export function shareTableHeading(table: Pick<ShareTable, 'scope' | 'unit'>): string {
  const scope = table.scope ? `${table.scope.charAt(0).toUpperCase()}${table.scope.slice(1)} · ` : '';
  return `${scope}${UNIT_HEADINGS[table.unit].heading}`;
}

function renderShares(rows: readonly ShareRow[], note: (row: ShareRow) => number): string[] {
  const width = Math.max(...rows.map((row) => row.countryName.length), 7);
  const figureWidth = Math.max(...rows.map((row) => formatShare(row).length), 14);
  const line = (row: ShareRow) =>
    `${(row.rank === 0 ? '—' : String(row.rank)).padStart(3)}  ${row.countryName.padEnd(width)}  ${formatShare(row).padStart(figureWidth)}  ${row.year}  ${row.publisher} [${note(row)}]`;
  const header = (column: string) => `  #  ${'Country'.padEnd(width)}  ${column.padStart(figureWidth)}  Year  Source`;
  // Rows without scopes (a country's own figures) are one list; ranked tables each get a heading.
  if (!rows.some((row) => row.scope !== undefined)) return [header('Share'), ...rows.map(line)];
  return shareTables(rows).flatMap((table, index) => [
    ...(index > 0 ? [''] : []),
    `  ${shareTableHeading(table)}`,
    header(UNIT_HEADINGS[table.unit].column),
    ...table.rows.map(line),
  ]);
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current !== '' && current.length + word.length + 1 > width) {
      lines.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}
