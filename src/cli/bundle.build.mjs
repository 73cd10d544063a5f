/**
 * Bundles the command (dist/cli/run.js, what the bin imports) and its read
 * worker (dist/cli/readWorker.js) from what tsc wrote to dist/, with
 * esbuild: one file to load for each instead of a hundred modules to
 * resolve. `npm run build` runs this file after tsc.
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
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

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

await build({
  entryPoints: { run: join(dist, "cli/run.js"), readWorker: join(dist, "readWorker.js") },
  outdir: join(dist, "cli"),
  allowOverwrite: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  // Bundled CommonJS packages call require: give the ES module one.
  banner: { js: "import { createRequire as podtrailRequire } from 'node:module'; const require = podtrailRequire(import.meta.url);" },
  plugins: [loadOnFirstCall],
  splitting: true,
});
