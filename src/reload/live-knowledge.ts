import { watch, type FSWatcher } from 'node:fs';
import type { Problem } from '../knowledge/problems.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import type { LoadResult } from '../knowledge/validate.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { DEFAULT_MAX_REMOVALS, removalsInTurns, type Removals } from './removals.ts';
import { buildServedIndex, nextTurn } from './served-index.ts';
import { WorkerLoader, type KnowledgeLoader } from './worker-loader.ts';

/**
 * The knowledge the bot serves, kept current while it runs. A reload loads and validates into a
 * new Snapshot and index beside the old ones and swaps them in one assignment only when the whole
 * load succeeded; a broken, half-saved or deleted file leaves the last good knowledge in place and
 * reports its problems. An interaction that already took `index` keeps that one to the end.
 *
 * Reading, parsing and validating happen in a worker thread (worker-loader.ts), which parses only
 * the files whose bytes changed; the snapshot comes back a chunk per turn and its index is built
 * beside the served one, so interactions go on being answered from the old knowledge meanwhile.
 *
 * A valid load that would remove more than `maxRemovals` of the served facts (a deleted or renamed
 * file, a save cut at a fact boundary) is held, not served: moderators are told, and it is applied
 * only when confirmed or once the files are restored (the next reload then finds nothing removed).
 */
export type ReloadTrigger = 'start' | 'watch' | 'command';

export interface LiveKnowledgeOptions {
  readonly now?: () => Date;
  /** Most facts a reload may remove without `/kb reload confirm`. */
  readonly maxRemovals?: number;
  /** Where loads come from (default: a worker thread of its own). */
  readonly loader?: KnowledgeLoader;
}

export interface ReloadRequest {
  /** Apply the load even if it removes more than `maxRemovals` facts (a moderator confirmed it). */
  readonly confirmRemovals?: boolean;
}

export interface HeldReload {
  /** The version that was loaded and not served. */
  readonly version: string;
  readonly removals: Removals;
  readonly maxRemovals: number;
}

export interface ReloadResult {
  readonly ok: boolean;
  readonly trigger: ReloadTrigger;
  readonly at: string;
  /** The version being served after this reload (the previous one when it failed). */
  readonly version: string;
  readonly changed: boolean;
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
  /** Set when the load was valid but removed too many facts, so the previous version is still served. */
  readonly held?: HeldReload;
  /** Facts this reload removed, when it was applied (confirmed, or within the allowance). */
  readonly removed?: readonly string[];
}

export type ReloadListener = (result: ReloadResult) => void;

export class LiveKnowledge {
  readonly dir: string;
  #index: SearchIndex;
  #last: ReloadResult;
  readonly #now: () => Date;
  readonly #maxRemovals: number;
  readonly #listeners = new Set<ReloadListener>();
  #running: Promise<ReloadResult> | undefined;
  #again: { trigger: ReloadTrigger; request: ReloadRequest } | undefined;
  readonly #loader: KnowledgeLoader;
  readonly #preparers = new Set<(snapshot: Snapshot) => Promise<void>>();

  private constructor(dir: string, index: SearchIndex, first: ReloadResult, now: () => Date, maxRemovals: number, loader: KnowledgeLoader) {
    this.dir = dir;
    this.#loader = loader;
    this.#index = index;
    this.#last = first;
    this.#now = now;
    this.#maxRemovals = maxRemovals;
  }

  /** The first load must succeed: there is no last good knowledge to fall back on yet. */
  static async load(dir: string, options: LiveKnowledgeOptions = {}): Promise<LiveKnowledge> {
    const now = options.now ?? (() => new Date());
    const loader = options.loader ?? new WorkerLoader();
    let index: SearchIndex;
    let result: LoadResult;
    try {
      result = await loader.load(dir, now());
      if (!result.ok) throw new KnowledgeLoadError(dir, result.errors);
      index = await buildServedIndex(result.snapshot, now());
    } catch (error) {
      await loader.close();
      throw error;
    }
    const first: ReloadResult = {
      ok: true,
      trigger: 'start',
      at: now().toISOString(),
      version: index.snapshot.version,
      changed: true,
      errors: [],
      warnings: result.warnings,
    };
    return new LiveKnowledge(dir, index, first, now, options.maxRemovals ?? DEFAULT_MAX_REMOVALS, loader);
  }

  get index(): SearchIndex {
    return this.#index;
  }

  get lastReload(): ReloadResult {
    return this.#last;
  }

  /** Stops the loader's thread; reloads after this fail. */
  close(): Promise<void> {
    return this.#loader.close();
  }

  /**
   * Work to do on a snapshot before it is served, while the old one still is (the change log
   * comparing hashes a slice at a time, say), so that the reload listeners have little left to do.
   * A preparer that fails only loses its head start.
   */
  beforeServing(prepare: (snapshot: Snapshot) => Promise<void>): () => void {
    this.#preparers.add(prepare);
    return () => this.#preparers.delete(prepare);
  }

  onReload(listener: ReloadListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Reloads now. Reloads never overlap: one asked for while another runs is done once after it,
   * so the files are always read after the last change; a confirmation asked for meanwhile is kept.
   */
  reload(trigger: ReloadTrigger, request: ReloadRequest = {}): Promise<ReloadResult> {
    if (this.#running) {
      const confirmRemovals = Boolean(request.confirmRemovals || this.#again?.request.confirmRemovals);
      this.#again = { trigger, request: { confirmRemovals } };
      return this.#running.then(() => this.#running ?? this.#last);
    }
    this.#running = this.#reloadOnce(trigger, request).finally(() => {
      this.#running = undefined;
      const again = this.#again;
      this.#again = undefined;
      if (again) void this.reload(again.trigger, again.request);
    });
    return this.#running;
  }

  async #reloadOnce(trigger: ReloadTrigger, request: ReloadRequest): Promise<ReloadResult> {
    const at = this.#now();
    let result: ReloadResult;
    try {
      const loaded = await this.#loader.load(this.dir, at);
      if (loaded.ok) {
        const served = this.#index.snapshot;
        const changed = loaded.snapshot.version !== served.version;
        const removals = changed ? await removalsInTurns(served, loaded.snapshot, nextTurn) : { factIds: [], byFile: [] };
        const base = { trigger, at: at.toISOString(), errors: [], warnings: loaded.warnings };
        if (removals.factIds.length > this.#maxRemovals && !request.confirmRemovals) {
          const held: HeldReload = { version: loaded.snapshot.version, removals, maxRemovals: this.#maxRemovals };
          result = { ...base, ok: false, version: served.version, changed: false, held };
        } else {
          // Unchanged content keeps the same index: buttons and caches stay valid. The new index is
          // built while the old one serves, and swapped in one assignment once whole.
          if (changed) {
            const index = await buildServedIndex(loaded.snapshot, this.#now());
            await Promise.all([...this.#preparers].map((prepare) => prepare(loaded.snapshot).catch(() => undefined)));
            this.#index = index;
          }
          const removed = removals.factIds.length > 0 ? { removed: removals.factIds } : {};
          result = { ...base, ok: true, version: this.#index.snapshot.version, changed, ...removed };
        }
      } else {
        result = { ok: false, trigger, at: at.toISOString(), version: this.#index.snapshot.version, changed: false, errors: loaded.errors, warnings: loaded.warnings };
      }
    } catch (error) {
      const message = `reload failed: ${error instanceof Error ? error.message : String(error)}`;
      result = {
        ok: false,
        trigger,
        at: at.toISOString(),
        version: this.#index.snapshot.version,
        changed: false,
        errors: [{ severity: 'error', file: this.dir, line: 1, col: 1, message }],
        warnings: [],
      };
    }
    this.#last = result;
    for (const listener of this.#listeners) listener(result);
    return result;
  }

  /**
   * Watches the folder (recursively) and reloads once edits settle for `debounceMs`, so an editor's
   * save in several writes is read once, whole. Returns a function that stops watching.
   */
  watch(options: { debounceMs?: number; onError?: (error: Error) => void } = {}): () => void {
    const debounceMs = options.debounceMs ?? 300;
    let timer: NodeJS.Timeout | undefined;
    const schedule = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        void this.reload('watch');
      }, debounceMs);
    };
    let watcher: FSWatcher;
    try {
      watcher = watch(this.dir, { recursive: true }, (_event, name) => {
        if (name === null || /\.ya?ml$/i.test(String(name)) || !String(name).includes('.')) schedule();
      });
    } catch (error) {
      options.onError?.(error instanceof Error ? error : new Error(String(error)));
      return () => undefined;
    }
    watcher.on('error', (error) => options.onError?.(error));
    return () => {
      if (timer) clearTimeout(timer);
      watcher.close();
    };
  }
}

export class KnowledgeLoadError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: readonly Problem[],
  ) {
    super(`the knowledge in ${dir} has ${problems.length} error(s); run npm run kb:check`);
    this.name = 'KnowledgeLoadError';
  }
}
