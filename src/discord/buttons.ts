import type { ButtonInteraction } from 'discord.js';
import type { Answer } from '../answer/answer.ts';
import { parseCommandLine } from '../console/parse-command.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { withChart } from './chart.ts';
import { feedbackIdsIn, parseButtonId, sameVersion } from './custom-ids.ts';
import { renderForDiscord } from './render.ts';
import { send } from './respond.ts';
import type { RouterDeps } from './router.ts';

/**
 * Buttons: Previous/Next (re-run the command line in the custom id and show another page, in place),
 * suggestions (run the suggested command as a new reply) and 👍/👎 (one vote per user per answer).
 */
export async function handleButton(interaction: ButtonInteraction, deps: RouterDeps): Promise<void> {
  const action = parseButtonId(interaction.customId);
  const ephemeral = { ephemeral: true, log: deps.log } as const;
  if (action.kind === 'feedback') {
    if (!deps.store) {
      await send(interaction, { content: 'Feedback cannot be recorded right now.' }, ephemeral);
      return;
    }
    const result = deps.store.vote({ answerId: action.answerId, userId: interaction.user.id, helpful: action.helpful });
    const mark = action.helpful ? '👍' : '👎';
    const content =
      result === 'changed'
        ? `Changed your vote to ${mark}. Thanks.`
        : result === 'unchanged'
          ? `You already voted ${mark}.`
          : `Thanks for the ${mark}: moderators see what needs work.`;
    await send(interaction, { content }, ephemeral);
    return;
  }
  const index = deps.live.index;
  if (action.kind === 'unknown' || action.line === undefined) {
    await send(interaction, { content: 'This button has expired. Please run the command again.' }, ephemeral);
    return;
  }
  if (action.kind === 'page' && !sameVersion(action.version, index.snapshot.version)) {
    await send(interaction, { content: 'The knowledge has been updated since this answer was shown. Please run the command again for the current answer.' }, ephemeral);
    return;
  }
  const answer = await runLine(action.line, deps, index);
  if (action.kind === 'page') {
    // The page changes; the votes still belong to the answer the message first showed.
    const feedback = feedbackIdsIn(interaction.message.components);
    const rendered = renderForDiscord(answer, action.line, index, action.page, feedback);
    // The chart belongs to the first page. `attachments: []` drops the old upload on other pages,
    // where no embed shows it and Discord would otherwise list it as a loose file.
    const payload = action.page === 0 ? await withChart(rendered, answer, index.snapshot, deps, interaction.id) : rendered;
    await interaction.update({ ...payload, attachments: [], allowedMentions: { parse: [] } });
    return;
  }
  const payload = await withChart(renderForDiscord(answer, action.line, index, 0), answer, index.snapshot, deps, interaction.id);
  await send(interaction, payload, { ephemeral: answer.status === 'error', log: deps.log });
}

async function runLine(line: string, deps: RouterDeps, index: SearchIndex): Promise<Answer> {
  const parsed = parseCommandLine(line, deps.commands, { unknownOptions: 'text' });
  if (!parsed.ok) throw new Error(`stored command line no longer parses: ${parsed.message}`);
  return await parsed.command.run(parsed.options, { index, now: deps.now() });
}
