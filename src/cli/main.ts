#!/usr/bin/env node
/*
 * The `podtrail` command. This thread owns the process's streams and parses
 * the command line; the command itself (`command.ts`) runs in one worker
 * thread (`engine.ts`) whose young generation is capped: V8 otherwise grows
 * it to 48 MiB on any long read, which is most of the memory a capture of
 * few pods costs (10x the records of the same 170 pods: 140 MB peak RSS by
 * default, 103 MB capped, equal speed; see the README's performance
 * section). The worker starts first, so that its start-up and the parsing of
 * the command line happen at the same time, on two cores.
 */
import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { Command } from "./args.js";
import type { EngineData, FromEngine, ToEngine } from "./engineProtocol.js";
import { reportError } from "./reportError.js";

/** The worker's young generation: three semi-spaces of 4 MiB. */
const YOUNG_GENERATION_MB = 12;

const words = process.argv.slice(2);
const data: EngineData = {
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
};
// Standard input is read by the worker only when `-` names it.
const readsStdin = words.includes("-");
// `npm run build` bundles the engine into one file (one module to load instead of some 150); plain `tsc` output works too.
const bundle = new URL("./engine.bundle.js", import.meta.url);
const worker = new Worker(existsSync(bundle) ? bundle : new URL("./engine.js", import.meta.url), {
  workerData: data,
  stdin: readsStdin,
  resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
});
if (readsStdin && worker.stdin !== null) process.stdin.pipe(worker.stdin);
const tell = (message: ToEngine): void => worker.postMessage(message);

// A reader that stops early (`podtrail ... | head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

let status: number | null = null;
worker.on("message", (message: FromEngine) => {
  if (message.kind === "exit") {
    // Everything the command wrote has been written (the engine waits for that): leave now rather than wait for
    // the worker's heap to be torn down, some 100 ms for the heap of a gigabyte capture.
    process.exit(message.status);
  }
  const stream = message.fd === 1 ? process.stdout : process.stderr;
  stream.write(message.text, () => tell({ kind: "written", bytes: message.bytes }));
});
worker.on("error", (error: Error & { code?: string }) => {
  if (error.code === "ERR_WORKER_OUT_OF_MEMORY") process.stderr.write("podtrail: out of memory: the capture's pods do not fit in the JavaScript heap (try node --max-old-space-size=8192)\n");
  else process.stderr.write(`podtrail: internal error\n${error.stack ?? error.message}\nThis is a bug in podtrail: please report it with the command you ran.\n`);
  status = 3;
});
worker.on("exit", () => {
  process.exitCode = status ?? 3;
  if (readsStdin) process.stdin.destroy();
});

let command: Command | null = null;
try {
  command = await (await import("./args.js")).parseCommandLine(words, process.stdout.columns);
} catch (error) {
  status = reportError(error, process);
}
if (command === null || command.kind === "help") {
  // Nothing for the worker to do.
  if (command !== null) {
    process.stdout.write(`${command.text}\n`);
    status = 0;
  }
  void worker.terminate();
} else tell({ kind: "run", command });
