import type { Answer } from '../answer/answer.ts';
import { renderAnswer, type MessagePayload } from '../render/discord/answer-message.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { feedbackButtonId, pageButtonId, suggestionButtonId } from './custom-ids.ts';

/** An Answer as the bot sends it: paging, suggestion and (for answers) feedback buttons wired up. */
export function renderForDiscord(answer: Answer, line: string, index: SearchIndex, page: number, feedbackFor?: string): MessagePayload {
  return renderAnswer(answer, {
    page,
    loadedAt: index.snapshot.loadedAt,
    pageButtonId: (target) => pageButtonId(target, index.snapshot.version, line),
    suggestionButtonId: (suggestion) => suggestionButtonId(suggestion.startsWith('/') ? suggestion : `/ask question:${suggestion}`),
    ...(feedbackFor ? { feedbackButtonIds: { helpful: feedbackButtonId(feedbackFor, true), unhelpful: feedbackButtonId(feedbackFor, false) } } : {}),
  });
}
