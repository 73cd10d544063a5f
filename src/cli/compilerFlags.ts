import { setFlagsFromString } from "node:v8";
import { flagName } from "./heapFlags.js";

/*
 * What the optimizing compiler (TurboFan) does once reading ends: it
 * inlines only small callees into the functions it compiles. Deriving,
 * summarizing and rendering run once per pod after the whole capture is
 * read, so their code is compiled while it runs; with V8's default inlining
 * budget each of their large functions took tens of milliseconds to compile,
 * on the core beside the one running them, and the optimized code came too
 * late to pay for it (docs/performance.md, 2026-12-03 afternoon: that phase
 * took as long with the optimizing compiler off). Reading keeps the default
 * budget: its code runs over every record, and inlining pays there.
 *
 * V8 reads the flag as each compile job starts, so it can be set in the
 * running process (test/cli/compilerFlags.test.ts holds that it takes
 * effect). A budget the user gave node (`node --max-inlined-bytecode-size-cumulative=N`,
 * `--[no-]turbo-inlining`) wins.
 */
const AFTER_READING = "--max-inlined-bytecode-size-cumulative=30";

/**
 * What to call once reading ends: sets the leaner inlining budget, unless
 * node's own flags (`execArgv`) already set one (then it does nothing).
 * NODE_OPTIONS cannot hold V8's compiler flags.
 */
export function compileLeanerAfterReading(execArgv: readonly string[]): () => void {
  const given = new Set(execArgv.map(flagName));
  if (given.has(flagName(AFTER_READING)) || given.has("--turbo-inlining") || given.has("--no-turbo-inlining")) return () => undefined;
  return () => setFlagsFromString(AFTER_READING);
}
