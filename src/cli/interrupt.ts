/*
 * Ctrl-C and `kill` while podtrail reads stop the reading, not the run: a
 * live watch piped in (`kubectl get pods -A -w -o json | podtrail analyze -`)
 * never ends, and the report of what was read is what the user wants.
 * Outside reading, the signals end the process as they would by default.
 */

const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM"];

export interface Interrupter {
  /**
   * Runs `read` with a signal that aborts on the first SIGINT or SIGTERM
   * (its reason is the signal's name); reading then stops and `read` returns
   * what was read.
   */
  reading<T>(read: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

/** What `interruptOnSignals` needs of the process, for tests to stand in. */
export interface SignalTarget {
  readonly pid: number;
  on(signal: NodeJS.Signals, handler: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, handler: (signal: NodeJS.Signals) => void): unknown;
  kill(pid: number, signal: NodeJS.Signals): unknown;
}

/**
 * Listens for SIGINT and SIGTERM from now on: while `reading`, the first one
 * stops the reading; at any other time (a second one included: Ctrl-C
 * twice ends a report that takes too long to write), the process ends by
 * that signal, as it would without a listener, so that a shell sees Ctrl-C
 * as Ctrl-C.
 */
export function interruptOnSignals(target: SignalTarget = process): Interrupter {
  let current: AbortController | null = null;
  const handler = (signal: NodeJS.Signals): void => {
    if (current !== null && !current.signal.aborted) {
      current.abort(signal);
      return;
    }
    for (const s of SIGNALS) target.off(s, handler);
    target.kill(target.pid, signal);
  };
  for (const s of SIGNALS) target.on(s, handler);
  return {
    async reading(read) {
      const controller = new AbortController();
      current = controller;
      try {
        return await read(controller.signal);
      } finally {
        current = null;
      }
    },
  };
}
