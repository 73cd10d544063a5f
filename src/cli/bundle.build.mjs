/**
 * Bundles the command (dist/cli/run.cjs, what the bin loads: loadCommand.ts)
 * and its read worker (dist/cli/readWorker.js) from what tsc wrote to dist/,
 * with esbuild: one file to load for each instead of a hundred modules to
 * resolve; then has the command's code cache made (codeCache.build.mjs).
 * `npm run build` runs this file after tsc.
 *
 * One thing is changed on the way: every copy of `string-width` (yargs and
 * its help layout, cliui and wrap-ansi, use three) is loaded on its first
 * call instead of at start-up. Its top level builds Unicode property
 * expressions (`\p{RGI_Emoji}`, `\p{Default_Ignorable_Code_Point}`) and
 * `Intl.Segmenter`s, which only laying out help text uses; building them was
 * a third of what loading the command cost (docs/performance.md). A call
 * gives what the package gives: the package itself, loaded then.
 *
 * Plain JavaScript because Node 20 runs it without a compile step; not part
 * of the package (only dist/ is).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { TOKEN_PREFIX } from "../../dist/cli/loadCommand.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const dist = join(root, "dist");

/** Packages whose top level costs start-up and that a run may never call. */
const ON_FIRST_CALL = /^string-width$/;

/**
 * Resolves an import of a package in ON_FIRST_CALL (from the importer's own
 * place: each importer may have its own copy) to a module whose default
 * export loads that copy on its first call. esbuild makes a `require` of an
 * ES module inside the bundle a call that evaluates it then.
 * @type {import("esbuild").Plugin}
 */
const loadOnFirstCall = {
  name: "load-on-first-call",
  setup(b) {
    b.onResolve({ filter: ON_FIRST_CALL }, async (args) => {
      if (args.pluginData === "real") return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: "real" });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: "on-first-call" };
    });
    b.onLoad({ filter: /.*/, namespace: "on-first-call" }, (args) => ({
      contents: [
        `let loaded;`,
        `export default function onFirstCall(...args) {`,
        `  loaded ??= require(${JSON.stringify(args.path)}).default;`,
        `  return loaded(...args);`,
        `}`,
      ].join("\n"),
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};

/** Options both bundles share. */
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  logLevel: "warning",
  plugins: [loadOnFirstCall],
};

// The command: one CommonJS script, so that V8 can load it from a code cache (loadCommand.ts).
// Its ES modules' `import.meta.url` is the script's own URL.
await build({
  ...common,
  entryPoints: [join(dist, "cli/run.js")],
  outfile: join(dist, "cli/run.cjs"),
  format: "cjs",
  banner: { js: "const podtrailImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { "import.meta.url": "podtrailImportMetaUrl" },
});

// The read worker of `-j N`: a worker thread runs an ES module, split at its dynamic imports (YAML, archives).
await build({
  ...common,
  entryPoints: { readWorker: join(dist, "readWorker.js") },
  outdir: join(dist, "cli"),
  allowOverwrite: true,
  format: "esm",
  // Bundled CommonJS packages call require: give the ES module one.
  banner: { js: "import { createRequire as podtrailRequire } from 'node:module'; const require = podtrailRequire(import.meta.url);" },
  splitting: true,
});

// The build's token on the script's last line, and the code cache made for it.
const script = join(dist, "cli/run.cjs");
const token = createHash("sha256").update(readFileSync(script)).digest("hex").slice(0, 32);
appendFileSync(script, `\n${TOKEN_PREFIX}${token}\n`);
// In a node of its own, with no flags but those the bin sets: V8 uses a cache only under the flags it was made with.
const env = { ...process.env };
delete env.NODE_OPTIONS;
const made = spawnSync(process.execPath, [join(root, "src/cli/codeCache.build.mjs"), script], { env, stdio: "inherit" });
if (made.status !== 0) throw new Error(`making the code cache failed (${made.status ?? made.signal})`);
