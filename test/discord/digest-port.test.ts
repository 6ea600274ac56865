import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { classify, discordNonce } from '../../src/discord/digest-port.ts';
import { LIMITS } from '../../src/render/discord/limits.ts';

function apiError(code: number, status: number, message: string): DiscordAPIError {
  return new DiscordAPIError({ code, message }, code, status, 'POST', 'https://discord.test/api/v10/channels/1/messages', { body: {} });
}

describe('digest post failures', () => {
  it('classifies what a moderator must fix, what is worth retrying, and what is neither', () => {
    expect(classify(apiError(50001, 403, 'Missing Access'))).toMatchObject({
      kind: 'access',
      code: 50001,
      message: 'the bot cannot see the channel (missing access) (Discord 50001)',
    });
    expect(classify(apiError(50013, 403, 'Missing Permissions'))).toMatchObject({
      kind: 'access',
      code: 50013,
      message: 'the bot lacks permission to post there (Send Messages and Embed Links) (Discord 50013)',
    });
    expect(classify(apiError(10003, 404, 'Unknown Channel'))).toMatchObject({ kind: 'access', code: 10003, message: 'the channel no longer exists (Discord 10003)' });
    expect(classify(apiError(0, 502, 'Bad Gateway'))).toMatchObject({ kind: 'transient' });
    expect(classify(new HTTPError(503, 'Service Unavailable', 'POST', 'https://discord.test', { body: {} }))).toMatchObject({
      kind: 'transient',
      message: 'Discord server error 503',
    });
    expect(classify(new Error('connect ECONNREFUSED 127.0.0.1:1'))).toMatchObject({ kind: 'transient', message: 'could not reach Discord: connect ECONNREFUSED 127.0.0.1:1' });
    expect(classify(apiError(50035, 400, 'Invalid Form Body'))).toMatchObject({ kind: 'other', code: 50035 });
  });
});

describe('digest nonces', () => {
  it('sends a nonce that fits as it is, and hashes a longer one to one that fits and stays one per message', () => {
    expect(discordNonce('d1p0tmhx3k2a0')).toBe('d1p0tmhx3k2a0');
    const long = (part: number) => `d123456789012p${part}tmhx3k2a0zz`;
    expect(long(0).length).toBeGreaterThan(LIMITS.nonce);
    expect(discordNonce(long(0))).toHaveLength(LIMITS.nonce);
    expect(discordNonce(long(0))).toBe(discordNonce(long(0)));
    expect(discordNonce(long(0))).not.toBe(discordNonce(long(1)));
  });
});
