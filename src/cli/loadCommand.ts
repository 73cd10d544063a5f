import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

/*
 * Loads the command (what `run.ts` exports) for the bin, from V8's code cache
 * when it can. `npm run build` bundles the command into one CommonJS script,
 * dist/cli/run.cjs (src/cli/bundle.build.mjs), runs it once over the bundled
 * samples and saves V8's code cache of it (src/cli/codeCache.build.mjs):
 * the bytecode of every function those runs called. Loading that cache
 * replaces parsing the 1.4 MB script and compiling each function on its
 * first call, which every run paid at start-up and on the first records and
 * pods it read (docs/performance.md, 2026-12-04). An ES module cannot be
 * given a code cache in Node 20 (`module.enableCompileCache` is Node 22's),
 * a script compiled by `vm.Script` can.
 *
 * V8 uses a cache only when it was made by the same V8 with the same flags
 * (so the bin sets its heap flags first, and the build sets the same ones),
 * and otherwise compiles the script as it would without one: another Node,
 * or flags the user gave node, cost only the time the cache saves. V8
 * checks the source by its length alone, so the cache also names the script
 * it was made from: the build's token, the script's last line. A cache made
 * from another build is not used.
 */

/** How the command was loaded: with the cache, or compiled because there was none, it was another build's, or V8 refused it. */
export type CacheUse = "used" | "absent" | "stale" | "rejected";

export type Command = typeof import("./run.js");

/** The last line of run.cjs and the first of its cache: this, then the build's token. */
export const TOKEN_PREFIX = "//# podtrail-build ";

/** The wrapper node gives a CommonJS module; on the script's first line, so that its line numbers stay the file's. */
const WRAP_HEAD = "(function (exports, require, module, __filename, __dirname) {";
const WRAP_TAIL = "\n})";

/**
 * Compiles `file` with the code cache beside it (`file.cache`) when that is
 * this build's: the compiled script, how the cache was used, and the build's
 * token (null when the script has none).
 */
export function compileCommand(file: string): { script: Script; cache: CacheUse; token: string | null } {
  const source = readFileSync(file, "utf8");
  const token = buildToken(source);
  const cached = cacheFor(file, token);
  const script = new Script(WRAP_HEAD + source + WRAP_TAIL, typeof cached === "string" ? { filename: file } : { filename: file, cachedData: cached });
  const cache = typeof cached === "string" ? cached : script.cachedDataRejected === true ? "rejected" : "used";
  return { script, cache, token };
}

/** Runs a compiled command script as node runs a CommonJS module; what it exports. */
export function runCommandScript(script: Script, file: string): Command {
  const module = { exports: {} as Command };
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  wrapper(module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

/** The command, and how it was loaded: from dist/cli/run.cjs when built, else the ES module. */
export async function loadCommand(): Promise<{ command: Command; cache: CacheUse }> {
  // tsc's output alone (no bundle), or tests under src/: the ES module.
  const file = fileURLToPath(new URL("./run.cjs", import.meta.url));
  if (!existsSync(file)) return { command: await import("./run.js"), cache: "absent" };
  const { script, cache } = compileCommand(file);
  return { command: runCommandScript(script, file), cache };
}

/** The token on the script's last line, or null. */
function buildToken(source: string): string | null {
  const at = source.lastIndexOf(`\n${TOKEN_PREFIX}`);
  return at < 0 ? null : source.slice(at + 1 + TOKEN_PREFIX.length).trim();
}

/** A cache file: its first line names the build's `token`, V8's `data` follows. */
export function cacheFile(token: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${TOKEN_PREFIX}${token}\n`, "latin1"), data]);
}

/** The V8 data of the cache file beside `file` when its first line names `token`; why not otherwise. */
function cacheFor(file: string, token: string | null): Buffer | "absent" | "stale" {
  let bytes: Buffer;
  try {
    bytes = readFileSync(`${file}.cache`);
  } catch {
    return "absent";
  }
  const newline = bytes.indexOf(0x0a);
  if (token === null || newline < 0 || bytes.toString("latin1", 0, newline) !== TOKEN_PREFIX + token) return "stale";
  return bytes.subarray(newline + 1);
}
