import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { Store } from '../../src/store/store.ts';

/**
 * A fresh data folder for each test, and stores opened on it that are closed and removed after:
 * what every test of the SQLite store needs. Call once at the top of a test file.
 */
export function useTempStores(prefix: string): { dir(): string; open(now?: () => Date): Store } {
  let dir = '';
  const stores: Store[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    open(now) {
      const store = Store.open(dir, now);
      stores.push(store);
      return store;
    },
  };
}
