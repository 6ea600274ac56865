import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.ts';

describe('parseConfig', () => {
  it('gives defaults when nothing is set, which means console mode', () => {
    const config = parseConfig({});
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.KNOWLEDGE_DIR).toBe('knowledge');
    expect(config.DATA_DIR).toBe('data');
    expect(config.COOLDOWN_SECONDS).toBe(3);
    expect(config.MOD_ROLE_IDS).toEqual([]);
    expect(config.RETENTION_DAYS).toBe(90);
    expect(config.STALE_AFTER_DAYS).toBe(180);
  });

  it('reads STALE_AFTER_DAYS as whole days and refuses nonsense', () => {
    expect(parseConfig({ STALE_AFTER_DAYS: '90' }).STALE_AFTER_DAYS).toBe(90);
    expect(() => parseConfig({ STALE_AFTER_DAYS: '0' })).toThrow(/STALE_AFTER_DAYS:/);
    expect(() => parseConfig({ STALE_AFTER_DAYS: 'half a year' })).toThrow(/STALE_AFTER_DAYS:/);
  });

  it('treats empty values as unset, as a copied .env.example leaves them', () => {
    expect(parseConfig({ DISCORD_TOKEN: '', GUILD_ID: ' ', MOD_ROLE_IDS: '' }).DISCORD_TOKEN).toBeUndefined();
  });

  it('parses lists and numbers', () => {
    const config = parseConfig({ MOD_ROLE_IDS: '123456789012345678, 223456789012345678', COOLDOWN_SECONDS: '10' });
    expect(config.MOD_ROLE_IDS).toEqual(['123456789012345678', '223456789012345678']);
    expect(config.COOLDOWN_SECONDS).toBe(10);
  });

  it('lists every bad variable in one error and never echoes a value', () => {
    const secret = 'short-secret';
    let error: unknown;
    try {
      parseConfig({ DISCORD_TOKEN: secret, GUILD_ID: 'abc', LOG_LEVEL: 'loud', DISCORD_API_URL: 'ftp://x', COOLDOWN_SECONDS: '-1' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['DISCORD_TOKEN', 'GUILD_ID', 'LOG_LEVEL', 'DISCORD_API_URL', 'COOLDOWN_SECONDS']) {
      expect(message).toContain(`${name}:`);
    }
    expect((error as ConfigError).problems).toHaveLength(5);
    expect(message).not.toContain(secret);
    expect(message).toContain('.env.example');
  });

  it('takes DISCORD_API_URL only as the /api base that discord.js appends /v10 to', () => {
    expect(parseConfig({ DISCORD_API_URL: 'http://127.0.0.1:4567/api' }).DISCORD_API_URL).toBe('http://127.0.0.1:4567/api');
    expect(parseConfig({ DISCORD_API_URL: 'https://discord.com/api/' }).DISCORD_API_URL).toBe('https://discord.com/api');
    for (const wrong of ['https://discord.com/api/v10', 'http://127.0.0.1:4567', 'http://127.0.0.1:4567/apis', 'https://discord.com/api?x=1']) {
      expect(() => parseConfig({ DISCORD_API_URL: wrong }), wrong).toThrow(
        /DISCORD_API_URL: must be the REST API base ending in \/api, without a version \(https:\/\/discord\.com\/api/,
      );
    }
  });
});
