import { fit } from './limits.ts';

/**
 * fit() for text with code blocks: when the cut falls inside a ``` block, the block is closed, so
 * what it held (verbatim user text) cannot render as markdown after an open fence.
 */
export function fitMarkdown(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = fit(text, max - 4);
  return (cut.match(/```/g)?.length ?? 0) % 2 === 1 ? `${cut}\n\`\`\`` : cut;
}
