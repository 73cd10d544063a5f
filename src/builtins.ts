import { createRequire } from "node:module";
import { lazily } from "./memo.js";

/*
 * Node built-in modules that only some runs use, loaded on first use. An
 * `import` of one is evaluated when the command starts, whether the run needs
 * it or not, and node builds a built-in's internals on its first import: a
 * few milliseconds each (docs/performance.md), which is much of what a run
 * over a small capture costs. Gzip and its checksums are for `.gz` inputs
 * and partial files, threads for `-j` of more than one, hashes for partial
 * files.
 */
const require = createRequire(import.meta.url);

export const zlib = lazily(() => require("node:zlib") as typeof import("node:zlib"));
export const crypto = lazily(() => require("node:crypto") as typeof import("node:crypto"));
export const workerThreads = lazily(() => require("node:worker_threads") as typeof import("node:worker_threads"));
