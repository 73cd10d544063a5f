#!/usr/bin/env node
/*
 * The `podtrail` command, and the one place that decides how its process
 * runs: it bounds the heap's growth, listens for Ctrl-C, and runs the
 * command with the process's streams.
 *
 * Its helper threads (V8's compiler and collector, libuv's pool) run at a
 * lower priority than the main thread, which does the reading
 * (threadPriority.ts).
 *
 * The heap's bounds are V8 flags read at every collection, set in this
 * process before anything is read (heapFlags.ts): no second node is started
 * to give them on its command line. The compiler's inlining budget is one
 * read by each compile job, set when reading ends (compilerFlags.ts). The
 * command is loaded after the heap flags are set, as its code cache was made
 * under them (loadCommand.ts).
 */
import { compileLeanerAfterReading } from "./compilerFlags.js";
import { boundHeap } from "./heapFlags.js";
import { interruptOnSignals } from "./interrupt.js";
import { loadCommand } from "./loadCommand.js";
import { yieldHelperThreads } from "./threadPriority.js";

yieldHelperThreads();
boundHeap(process.execArgv, process.env["NODE_OPTIONS"]);

// From the start: a signal before reading ends the command at once, one while it reads stops the reading.
const interrupter = interruptOnSignals();
const {
  command: { main },
} = await loadCommand();
process.exitCode = await main(process.argv.slice(2), {
  interrupter,
  stdout: process.stdout,
  stderr: process.stderr,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
  afterReading: compileLeanerAfterReading(process.execArgv),
  ...(process.stdout.columns === undefined ? {} : { columns: process.stdout.columns }),
});
