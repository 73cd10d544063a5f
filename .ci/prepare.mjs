#!/usr/bin/env node
/*
 * `npm prepare`: builds dist/ (`npm run build`) when the build tools
 * (devDependencies: typescript, esbuild) are installed, as in a clone after
 * `npm ci`. Without them (an install from git under `npm install -g`, whose
 * prepare runs without the devDependencies) it says what to do instead in
 * one line, rather than failing on a missing `tsc` deep in the build.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const has = (name) => {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
};

if (!has("typescript") || !has("esbuild")) {
  process.stderr.write(
    "podtrail: cannot build dist/ here: the build tools (devDependencies typescript and esbuild) are not installed. Install from a packed tarball instead (in a clone: npm ci && npm pack; then npm install -g ./podtrail-VERSION.tgz), see README 'Install'.\n",
  );
  process.exit(1);
}
const npm = process.env["npm_execpath"];
const run = npm === undefined ? spawnSync("npm", ["run", "build"], { stdio: "inherit", shell: true }) : spawnSync(process.execPath, [npm, "run", "build"], { stdio: "inherit" });
process.exit(run.status ?? 1);
