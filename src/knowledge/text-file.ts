/**
 * Turns the bytes of a knowledge file into text, or says precisely why it cannot: a moderator who
 * saved a spreadsheet or a Latin-1 file by mistake needs to know which byte, not a stack trace.
 */

export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type DecodeResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly offset: number; readonly message: string };

export function decodeKnowledgeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length > MAX_FILE_BYTES) {
    return { ok: false, offset: 0, message: tooLargeMessage(bytes.length) };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      ok: false,
      offset: nul,
      message: 'file is binary (it contains a NUL byte); knowledge files must be UTF-8 YAML text',
    };
  }
  const invalid = firstInvalidUtf8Offset(bytes);
  if (invalid !== -1) {
    return {
      ok: false,
      offset: invalid,
      message: `file is not valid UTF-8 (byte 0x${(bytes[invalid] ?? 0).toString(16).padStart(2, '0')}); save it as UTF-8`,
    };
  }
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

export function tooLargeMessage(size: number): string {
  const mb = (size / (1024 * 1024)).toFixed(1);
  return `file is ${mb} MB; a knowledge file may be at most ${MAX_FILE_BYTES / (1024 * 1024)} MB (split it by topic)`;
}

/** Line and column (1-based) of a byte offset, counting columns in characters of valid text before it. */
export function positionOfByte(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
  return { line, col: [...before].length + 1 };
}

/** Offset of the first byte that breaks UTF-8 (overlongs and surrogates included), or -1. */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + need >= bytes.length) return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
