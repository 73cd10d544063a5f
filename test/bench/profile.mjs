#!/usr/bin/env node
// Profiles podtrail on an input and prints where the time goes (self time by
// function and by file), or summarizes an existing .cpuprofile.
//
//   node test/bench/profile.mjs FILE... [-j 1] [--top 25] [--json]
//   node test/bench/profile.mjs --summarize X.cpuprofile [--top 25] [--json]

import { spawnSync } from "node:child_process";
import { mkdtempSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { summarize: { type: "string" }, top: { type: "string", default: "25" }, json: { type: "boolean", default: false }, j: { type: "string", short: "j" } },
});

let profilePath = values.summarize;
if (!profilePath) {
  if (positionals.length === 0) throw new Error("usage: profile.mjs FILE... | --summarize X.cpuprofile");
  const dir = mkdtempSync(join(tmpdir(), "podtrail-prof-"));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, join(ROOT, "dist/cli/main.js"), "analyze", ...positionals, "-o", "json", ...(values.j === undefined ? [] : ["-j", values.j])], {
    stdio: ["ignore", openSync("/dev/null", "w"), "inherit"],
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`podtrail exited ${r.status}`);
  process.stderr.write(`profiled run: ${((performance.now() - t0) / 1000).toFixed(1)}s wall\n`);
  // One profile per node process: the bin runs in one; a build that started node again wrote two, the first only
  // waiting. The command's profile is the largest.
  const size = (f) => statSync(join(dir, f)).size;
  const profiles = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).sort((a, b) => size(a) - size(b));
  profilePath = join(dir, profiles.at(-1));
}

const prof = JSON.parse(readFileSync(profilePath, "utf8"));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map(); // node id -> µs
for (let i = 0; i < prof.samples.length; i++) {
  const id = prof.samples[i];
  self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

const shortUrl = (url) => {
  if (!url) return "";
  const path = url.startsWith("file://") ? fileURLToPath(url) : url;
  return path.startsWith(ROOT) ? relative(ROOT, path) : path.replace(/^node:/, "node:");
};
const fnKey = (cf) => `${cf.functionName || "(anonymous)"}  ${shortUrl(cf.url)}${cf.url ? `:${cf.lineNumber + 1}` : ""}`;
const fileKey = (cf) => {
  const u = shortUrl(cf.url);
  if (!u) return cf.functionName.startsWith("(") ? cf.functionName : "(native/builtin)";
  if (u.startsWith("node:")) return "node: internals";
  if (u.includes("node_modules/")) return u.replace(/.*node_modules\/((?:@[^/]+\/)?[^/]+).*/, "node_modules/$1");
  return u;
};

const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
const fns = new Map();
const files = new Map();
for (const [id, us] of self) {
  const cf = byId.get(id).callFrame;
  add(fns, fnKey(cf), us);
  add(files, fileKey(cf), us);
}
// Inclusive (total) time per function, each sample counted once per function
// even under recursion; and self time per area (dist/<dir>, startup, GC...).
const incl = new Map();
const areas = new Map();
const totalOf = new Map();
const root = prof.nodes[0];
const walk = (node, active) => {
  const key = fnKey(node.callFrame);
  const fresh = !active.has(key);
  if (fresh) active.add(key);
  let sum = self.get(node.id) ?? 0;
  for (const c of node.children ?? []) sum += walk(byId.get(c), active);
  if (fresh) { active.delete(key); add(incl, key, sum); }
  totalOf.set(node.id, sum);
  return sum;
};
walk(root, new Set());
const areaOf = (f) => {
  if (f.startsWith("dist/")) return f.split("/").length > 2 ? `dist/${f.split("/")[1]}/` : f;
  return f;
};
for (const [k, us] of files) add(areas, areaOf(k), us);
const top = Number(values.top) || 25;
const rows = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => ({ name: k, ms: Math.round(us / 1000), pct: Number(((100 * us) / total).toFixed(1)) }));
const out = { profile: profilePath, totalMs: Math.round(total / 1000), byFunction: rows(fns), byFile: rows(files), byArea: rows(areas), inclusive: rows(incl) };

if (values.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
else {
  process.stdout.write(`${profilePath}: ${(total / 1e6).toFixed(2)} s sampled\n\nself time by function\n`);
  for (const r of out.byFunction) process.stdout.write(`${String(r.pct).padStart(6)}%  ${String(r.ms).padStart(7)} ms  ${r.name}\n`);
  for (const [title, list] of [["self time by file", out.byFile], ["self time by area", out.byArea], ["total (inclusive) time by function", out.inclusive]]) {
    process.stdout.write(`\n${title}\n`);
    for (const r of list) process.stdout.write(`${String(r.pct).padStart(6)}%  ${String(r.ms).padStart(7)} ms  ${r.name}\n`);
  }
}
