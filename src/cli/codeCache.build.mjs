/**
 * Makes the command's code cache (dist/cli/run.cjs.cache, read by
 * loadCommand.ts): compiles dist/cli/run.cjs as the bin does, runs the
 * command over the bundled samples the ways most runs go (a report as JSON
 * and as text, one pod's timeline), then saves V8's cache of the script: the
 * bytecode of every function those runs compiled. The cache's first line is
 * the build's token, the script's last line.
 *
 * bundle.build.mjs runs this in a node of its own without NODE_OPTIONS: V8
 * uses a cache only under the flags it was made with, and the bin loads the
 * command once it has set its heap flags and no other. So the same flags
 * are set here first; the runs change none of them (the bin's heap checks and its
 * compiler flag are the bin's, not the command's).
 *
 *   node src/cli/codeCache.build.mjs dist/cli/run.cjs
 */
import { readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { heapFlags } from "../../dist/cli/heapFlags.js";
import { cacheFile, compileCommand, runCommandScript } from "../../dist/cli/loadCommand.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const file = resolve(process.argv[2] ?? join(root, "dist/cli/run.cjs"));

for (const flag of heapFlags(process.execArgv, process.env.NODE_OPTIONS ?? "")) setFlagsFromString(flag);
const { script, token } = compileCommand(file);
if (token === null) throw new Error(`${file} has no build token: bundle.build.mjs writes it`);
const { main } = runCommandScript(script, file);

const samples = join(root, "samples");
const inputs = readdirSync(samples, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join(samples, d.name, "input"))
  .sort();
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });
const runs = [
  ["analyze", ...inputs, "-o", "json"],
  ["analyze", ...inputs],
  ["timeline", "web-7d4b9c8f6d-x2x9k", join(samples, "crashloop-oomkilled/input")],
];
for (const words of runs) {
  const status = await main(words, { stdout: discard(), stderr: discard() });
  // 0 to 2 are what a run over samples may end with (warnings, gates); 3 is a bug.
  if (status === 3) throw new Error(`podtrail ${words.join(" ")} failed: a bug (exit 3)`);
}

writeFileSync(`${file}.cache`, cacheFile(token, script.createCachedData()));
