import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { registerChartFonts } from './fonts.ts';
import { CHART_FONT_FAMILY } from './theme.ts';

/**
 * Text measured with the chart font itself, so that layouts cut a label exactly where it stops
 * fitting rather than at a guessed number of characters. Measuring needs no drawing: layouts stay
 * plain data, and the widths are the same on every machine because the font is.
 */
let context: SKRSContext2D | undefined;

export function fontOf(size: number, bold: boolean): string {
  return `${bold ? 'bold ' : ''}${size}px "${CHART_FONT_FAMILY}"`;
}

export function measureText(text: string, size: number, bold = false): number {
  if (!context) {
    registerChartFonts();
    context = createCanvas(1, 1).getContext('2d');
  }
  context.font = fontOf(size, bold);
  return context.measureText(text).width;
}

/** The text, or as much of it as fits in `maxWidth` followed by an ellipsis, cut between words where one is near. */
export function fitText(text: string, maxWidth: number, size: number, bold = false): string {
  if (measureText(text, size, bold) <= maxWidth) return text;
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  // The longest prefix that fits with its ellipsis.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measureText(`${chars.slice(0, mid).join('')}…`, size, bold) <= maxWidth) low = mid;
    else high = mid - 1;
  }
  const cut = chars.slice(0, low).join('');
  const space = cut.lastIndexOf(' ');
  const tidy = (space > cut.length * 0.75 ? cut.slice(0, space) : cut).replace(/[\s,;:·(—–-]+$/u, '');
  return `${tidy}…`;
}

/** Lines of at most `maxWidth`; when more than `maxLines` would be needed, the last line ends in an ellipsis. */
export function wrapText(text: string, maxWidth: number, size: number, maxLines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const candidate = current === '' ? word : `${current} ${word}`;
    if (current === '' || measureText(candidate, size) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (lines.length === maxLines - 1) {
      lines.push(fitText(`${current} ${words.slice(i).join(' ')}`, maxWidth, size));
      return lines;
    }
    lines.push(current);
    current = word;
  }
  if (current !== '') lines.push(current);
  return lines.map((line) => fitText(line, maxWidth, size));
}
