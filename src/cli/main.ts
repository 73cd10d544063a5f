#!/usr/bin/env node
/*
 * The `podtrail` command, and the one place that decides how its process
 * runs. podtrail needs V8 flags that only take effect when given at start-up
 * (Node's docs: changing V8 flags later may do nothing, or crash), so
 * without them this process starts node once more, with the flags, the same
 * script and the same words, and lends it its standard streams: the command
 * then runs exactly as it would had the flags been typed. This process only
 * waits, passes on Ctrl-C and `kill`, and exits as the command did. The
 * command stops reading on the first of them and writes its report
 * (interrupt.ts); at any other time they end it.
 *
 * The flags are in `process.execArgv` when node was started with them
 * (`node --max-semi-space-size=... podtrail ...`), so there is no second
 * start then, and never a third. A flag the user gave (any value) is kept.
 * Nothing is put in NODE_OPTIONS, which would reach every node the command
 * started. A shebang with `env -S` could carry the flags too, but fails on
 * some systems (BusyBox) and is skipped by `node main.js`. To profile or
 * debug the command, give node the flags (`node --inspect
 * --max-semi-space-size=4 --heap-growing-percent=60 dist/cli/main.js ...`):
 * it then runs in this process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { interruptOnSignals } from "./interrupt.js";

/**
 * - The young generation capped at three semi-spaces of 4 MiB: V8 otherwise
 *   grows it to 48 MiB on any long read, which is most of what a capture of
 *   few pods costs.
 * - The old generation grown in 60% steps instead of up to 4x between full
 *   collections: on captures of thousands of pods, peak memory stays near
 *   the live state, for more frequent full collections; small captures,
 *   whose heap stays small, hardly notice it. Smaller steps cost the large
 *   captures more time than the memory they save is worth; larger ones
 *   come close to the memory target.
 */
const V8_FLAGS: readonly string[] = ["--max-semi-space-size=4", "--heap-growing-percent=60"];

/** Signals that end the command: passed on, so that it ends as if it had been sent them itself. */
const FORWARDED: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** V8 reads `--a-b` and `--a_b` alike. */
const flagName = (arg: string): string => arg.split("=")[0]!.replaceAll("_", "-");

const given = new Set(process.execArgv.map(flagName));
const missing = V8_FLAGS.filter((flag) => !given.has(flagName(flag)));

if (missing.length === 0) {
  // From the start: a signal before reading ends the command at once, one while it reads stops the reading.
  const interrupter = interruptOnSignals();
  const { main } = await import("./run.js");
  process.exitCode = await main(process.argv.slice(2), {
    interrupter,
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    ...(process.stdout.columns === undefined ? {} : { columns: process.stdout.columns }),
  });
} else {
  // Listening before the command starts: a signal that comes while it starts is passed on once it has.
  let command: ChildProcess | null = null;
  const forward = (signal: NodeJS.Signals): void => {
    command?.kill(signal);
  };
  for (const signal of FORWARDED) process.on(signal, forward);
  command = spawn(process.execPath, [...process.execArgv, ...missing, process.argv[1]!, ...process.argv.slice(2)], { stdio: "inherit" });
  command.on("error", (error) => {
    process.stderr.write(`podtrail: internal error: cannot start ${process.execPath}: ${error.message}\n`);
    process.exitCode = 3;
  });
  command.on("exit", (code, signal) => {
    for (const s of FORWARDED) process.off(s, forward);
    if (signal === null) {
      process.exitCode = code ?? 3;
    } else if (FORWARDED.includes(signal)) {
      // Ended by a signal it was sent: end the same way, so that a shell sees Ctrl-C as Ctrl-C.
      process.kill(process.pid, signal);
    } else {
      // V8 aborts when the heap is full (its message is above); other signals are crashes too.
      const hint = signal === "SIGABRT" ? `; if it ran out of memory, give it more: node --max-old-space-size=8192 ${process.argv[1]!} ...` : "";
      process.stderr.write(`podtrail: internal error: the command was stopped by ${signal}${hint}\n`);
      process.exitCode = 3;
    }
  });
}
