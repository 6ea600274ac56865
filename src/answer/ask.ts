import type { SearchIndex } from '../search/search-index.ts';
import { answered, itemOf, noAnswer, type Answer } from './answer.ts';

/** Free-text questions: the best sourced facts, or an honest no-answer with suggestions. */
export function ask(index: SearchIndex, text: string): Answer {
  const { snapshot } = index;
  const { query, hits } = index.search(text);
  if (query.text === '' || hits.length === 0) {
    const message = query.text === '' ? 'Ask a question about rare-earth policy, for example "Who restricts dysprosium exports?"' : 'No sourced answer to that question in the knowledge base.';
    return noAnswer('ask', query.text, snapshot, message, index.suggestions(query));
  }
  const notes: string[] = [];
  if (query.corrections.length > 0) notes.push(`Showing results for ${query.corrections.map((c) => c.to.name).join(', ')}.`);
  if (query.truncated) notes.push('Only the first 300 characters of the question were read.');
  return answered(
    'ask',
    query.text,
    snapshot,
    hits.map((hit) => itemOf(hit.fact, snapshot, { score: hit.score })),
    notes.length > 0 ? { message: notes.join(' ') } : {},
  );
}
