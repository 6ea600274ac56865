import { MessageFlags, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/discord/start.ts';
import { burstInteraction, CHART_COMMANDS as COMMANDS } from '../support/chart-burst.ts';
import { E2eBot } from '../support/e2e-bot.ts';
import type { FakeDiscord } from '../support/fake-discord.ts';

/**
 * Many chart commands at the same moment, as when a server's members all try the bot at once.
 * The loopback server enforces Discord's rule that an interaction is acknowledged within 3 s (a
 * later callback gets 404 10062 and the user sees "The application did not respond"), so this is a
 * correctness check: every interaction acknowledged in time, and every answer delivered with its
 * chart. (How fast is for `npm run bench`.) Before the answers waited for one another's charts,
 * painted one after another on the event loop, and a burst of this size lost nearly all of them.
 */
const BURST = 120;
const TITLES: Readonly<Record<string, RegExp>> = { country: /^\/country/, 'market-share': /^\/market-share/, restrictions: /^\/restrictions/ };

let e2e: E2eBot;
let fake: FakeDiscord;
let bot: RunningBot;

beforeAll(async () => {
  e2e = await E2eBot.start({ fake: { interactionDeadlineMs: 3000 }, launch: { watch: false } });
  ({ fake, bot } = e2e);
});

afterAll(async () => {
  await e2e?.close();
});

/** The interaction's message once it holds the answer (not the "thinking…" of a deferral). */
function finalMessage(interactionId: string): APIMessage | undefined {
  const original = fake.interaction(interactionId)?.original;
  if (!original || ((original.flags ?? 0) & MessageFlags.Loading) !== 0 || original.embeds.length === 0) return undefined;
  return original;
}

async function answerOf(interactionId: string): Promise<APIMessage> {
  await fake.waitForRequest(() => finalMessage(interactionId) !== undefined, 30_000);
  return finalMessage(interactionId) as APIMessage;
}

describe(`a burst of ${BURST} chart commands sent at once`, () => {
  it('acknowledges every interaction within the deadline and delivers every answer with its chart', { timeout: 90_000 }, async () => {
    // One answered command first, as a bot that has been running a while would have.
    const warm = fake.sendInteraction({ name: 'country', options: { name: 'Japan' } });
    await answerOf(warm.id);

    const sent = Array.from({ length: BURST }, (_, i) => fake.sendInteraction(burstInteraction(COMMANDS, i, 300000000000000000n)));
    const settled = await Promise.allSettled(sent.map((interaction) => answerOf(interaction.id)));

    const late = sent.filter((interaction) => fake.callbacksFor(interaction.id).some((callback) => callback.status === 404));
    expect(late.length, `${late.length} of ${BURST} interactions were acknowledged after Discord's 3 s deadline`).toBe(0);
    for (const interaction of sent) {
      const callbacks = fake.callbacksFor(interaction.id);
      expect(callbacks.map((callback) => callback.status)).toEqual([204]);
    }
    expect(settled.filter((result) => result.status === 'rejected').length, 'interactions whose answer never arrived').toBe(0);
    sent.forEach((interaction, i) => {
      const message = finalMessage(interaction.id) as APIMessage;
      const command = COMMANDS[i % COMMANDS.length]?.name as string;
      expect(message.embeds[0]?.title).toMatch(TITLES[command] as RegExp);
      expect(message.attachments.map((attachment) => attachment.filename)).toEqual([`${command}.png`]);
      expect(message.embeds[0]?.image?.url).toBe(message.attachments[0]?.url);
    });
  });
});

describe('stopping the bot', () => {
  it('stops the chart painters once the interactions in flight are answered', async () => {
    expect(bot.router.chartWorkers()).toBeGreaterThan(0);
    const last = fake.sendInteraction({ name: 'market-share', options: { stage: 'magnets' }, user: { id: '399999999999999999', username: 'last' } });
    await fake.waitForCallback(last.id);
    await e2e.stop();
    expect(bot.router.chartWorkers()).toBe(0);
    expect(finalMessage(last.id)?.attachments.map((attachment) => attachment.filename)).toEqual(['market-share.png']);
  });
});
