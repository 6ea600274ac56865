/**
 * SIGINT and SIGTERM as one request to stop, listened for from the first moment of the start, so
 * that a signal during start-up or login is a clean stop rather than the default sudden death.
 *
 * Later signals are expected, not a reason to die: Ctrl+C sends SIGINT to the whole process group
 * and npm forwards it to the bot once more; `docker stop` after `kill -TERM -<pgid>` does the same
 * with SIGTERM. The listeners stay installed, so a repeat never falls through to Node's default.
 */
export interface StopSignals {
  /** Aborted at the first SIGINT or SIGTERM; its reason is the signal's name. */
  readonly signal: AbortSignal;
  /** Resolves with the signal's name once one has arrived. */
  readonly requested: Promise<NodeJS.Signals>;
  /** Removes the listeners (when the start failed and the process ends on its own). */
  dispose(): void;
}

const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

export function listenForStop(onSignal: (signal: NodeJS.Signals, first: boolean) => void): StopSignals {
  const controller = new AbortController();
  let resolveRequested: (signal: NodeJS.Signals) => void = () => undefined;
  const requested = new Promise<NodeJS.Signals>((resolve) => (resolveRequested = resolve));
  const listener = (signal: NodeJS.Signals) => {
    const first = !controller.signal.aborted;
    onSignal(signal, first);
    if (!first) return;
    controller.abort(signal);
    resolveRequested(signal);
  };
  for (const name of STOP_SIGNALS) process.on(name, listener);
  return {
    signal: controller.signal,
    requested,
    dispose() {
      for (const name of STOP_SIGNALS) process.off(name, listener);
    },
  };
}
