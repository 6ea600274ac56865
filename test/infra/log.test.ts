import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.secret-token-value';

  it('redacts token and authorization fields wherever they sit', () => {
    const { lines, destination } = capture();
    const log = createLogger({ destination });
    log.info({ token, request: { headers: { authorization: `Bot ${token}` } }, client: { token } }, 'connecting');
    const text = lines.join('');
    expect(text).not.toContain(token);
    expect(text).toContain('[redacted]');
    expect(text).toContain('connecting');
  });

  it('scrubs a known secret out of free text and errors', () => {
    const { lines, destination } = capture();
    const log = createLogger({ destination, secrets: [token] });
    log.error({ err: new Error(`request with ${token} failed`) }, `retrying with ${token}`);
    const text = lines.join('');
    expect(text).not.toContain(token);
    expect(text).toContain('request with [redacted] failed');
    expect(text).toContain('retrying with [redacted]');
  });
});
