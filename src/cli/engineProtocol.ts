import type { Command } from "./args.js";

/** What the command-line entry (main thread) hands the engine worker when it starts. */
export interface EngineData {
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
}

/** Messages from the engine worker to the main thread. */
export type FromEngine =
  /** Text for stdout (1) or stderr (2); the main thread answers with a `Written` of `bytes` once it is written. */
  | { readonly kind: "write"; readonly fd: 1 | 2; readonly text: string; readonly bytes: number }
  /** The command finished with this exit status; nothing more will be written. */
  | { readonly kind: "exit"; readonly status: number };

/** Messages from the main thread to the engine worker. */
export type ToEngine =
  /** The command to run, parsed by the main thread while the worker started (help never gets here). */
  | { readonly kind: "run"; readonly command: Exclude<Command, { kind: "help" }> }
  /** These bytes of a `write` left the process. */
  | Written;

/** The main thread's answer to a `write`: these bytes left the process. */
export interface Written {
  readonly kind: "written";
  readonly bytes: number;
}
