import type { Origin } from '../knowledge/snapshot.ts';
import type { Problem } from '../knowledge/problems.ts';
import type { Country, Fact, Material, Source } from '../knowledge/schema.ts';

/**
 * Messages between the bot's thread and the knowledge-load worker (load-worker.ts). The worker
 * reads, parses and validates; the snapshot comes back a chunk at a time and only when asked for,
 * so the bot's thread takes one chunk per turn of its event loop (a worker's messages would
 * otherwise all be delivered in one turn, and 100k facts cloned at once stall the loop).
 */
export type ToWorker =
  | {
      readonly type: 'load';
      readonly id: number;
      readonly dir: string;
      readonly loadedAt: string;
      /** The version the bot's thread already holds whole: the same again is answered `same`. */
      readonly have?: string;
    }
  | { readonly type: 'chunk'; readonly id: number; readonly index: number };

export type FromWorker =
  | { readonly type: 'failed'; readonly id: number; readonly errors: Problem[]; readonly warnings: Problem[] }
  | { readonly type: 'same'; readonly id: number; readonly version: string; readonly warnings: Problem[] }
  | {
      readonly type: 'begin';
      readonly id: number;
      readonly version: string;
      readonly loadedAt: string;
      readonly warnings: Problem[];
      readonly chunks: number;
    }
  | SnapshotChunk
  | { readonly type: 'crashed'; readonly id: number; readonly message: string };

export interface SnapshotChunk {
  readonly type: 'chunk';
  readonly id: number;
  readonly index: number;
  readonly factIds: string[];
  /**
   * Each fact, or null for one the bot's thread already holds as it is: the very fact of the
   * snapshot it has whole (`have`). An edit then sends the facts of the file edited, not 100k
   * new objects for the bot's young heap to copy.
   */
  readonly facts: (Fact | null)[];
  /** Where each fact is defined: `files[fileOf[i]]`, line `lines[i]` (numbers clone without objects). */
  readonly files: string[];
  readonly fileOf: number[];
  readonly lines: number[];
  /** The change log's hash of each fact (store/change-log.ts). */
  readonly recordHashes: string[];
  readonly sources: Source[];
  readonly sourceOrigins: Origin[];
  readonly countries: Country[];
  readonly materials: Material[];
}
