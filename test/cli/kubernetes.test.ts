/**
 * The Indexed Job of docs/kubernetes, run as local processes: the manifests
 * run the scripts with the shard count they set; here each index's script
 * runs as a process (all at once, as the Job's pods), then the merge
 * script, and the reports it writes must be those one `podtrail analyze` of
 * the archive prints, byte for byte. The README's xargs recipe too.
 */
import { spawn } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { filesUnder } from "../helpers/files.js";
import { BIN, runCli } from "../helpers/cli.js";

const K8S = "docs/kubernetes";
const read = (file: string): string => readFileSync(join(K8S, file), "utf8");

const root = mkdtempSync(join(tmpdir(), "podtrail-k8s-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An archive of hourly-named files: every sample's inputs. */
const archive = join(root, "archive");
mkdirSync(archive);
for (const dir of readdirSync("samples", { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const file of filesUnder(join("samples", dir.name, "input"))) copyFileSync(file, join(archive, `${dir.name}-${file.split("/").at(-1)}`));
}

/** `podtrail` on PATH: the built command, as the image installs it. */
const bin = join(root, "bin");
mkdirSync(bin);
writeFileSync(join(bin, "podtrail"), `#!/bin/sh\nexec "${process.execPath}" "${resolve(BIN)}" "$@"\n`);
chmodSync(join(bin, "podtrail"), 0o755);

function sh(script: string, env: Record<string, string>, cwd = root): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn("sh", ["-c", script], { cwd, env: { ...process.env, PATH: `${bin}:${process.env["PATH"] ?? ""}`, NO_COLOR: "1", ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stderr }));
  });
}

/** The value of `key: value` lines of a manifest (the few this test reads). */
function values(yaml: string, key: string): string[] {
  return [...yaml.matchAll(new RegExp(`^\\s*${key}:\\s*"?([^"\\n]+?)"?\\s*$`, "gm"))].map((m) => m[1]!);
}

/** SHARDS as the Jobs set it: `- name: SHARDS` then `value: "N"`. */
function shardsEnv(yaml: string): string[] {
  return [...yaml.matchAll(/- name: SHARDS\n\s+value: "(\d+)"/g)].map((m) => m[1]!);
}

async function runIndexedJob(shards: number, shared: string): Promise<void> {
  const env = { SHARDS: String(shards), ARCHIVE: archive, SHARED: shared };
  const pods = await Promise.all(Array.from({ length: shards }, (_, k) => sh(`sh ${resolve(K8S, "analyze-shard.sh")}`, { ...env, JOB_COMPLETION_INDEX: String(k) })));
  for (const [k, pod] of pods.entries()) expect({ k, ...pod }).toEqual({ k, code: 0, stderr: expect.stringMatching(/^podtrail: wrote .*part-\d+\.partial \(.*\)\n$/) });
  const merged = await sh(`sh ${resolve(K8S, "merge.sh")}`, env);
  expect(merged).toEqual({ code: 0, stderr: expect.stringMatching(/podtrail: wrote .*archive\.partial \(.*\)\n$/) });
}

describe.concurrent("the Kubernetes Indexed Job example", () => {
  const analyzeJob = read("analyze-job.yaml");
  const mergeJob = read("merge-job.yaml");

  it("sets one shard count everywhere and runs the scripts the ConfigMap carries", () => {
    const [completions] = values(analyzeJob, "completions");
    expect(values(analyzeJob, "completionMode")).toEqual(["Indexed"]);
    expect(values(analyzeJob, "parallelism")).toEqual([completions]);
    expect(shardsEnv(analyzeJob)).toEqual([completions]);
    expect(shardsEnv(mergeJob)).toEqual([completions]);
    expect(analyzeJob).toContain('command: ["sh", "/scripts/analyze-shard.sh"]');
    expect(mergeJob).toContain('command: ["sh", "/scripts/merge.sh"]');
    const kustomization = read("kustomization.yaml");
    expect(kustomization).toMatch(/- analyze-shard\.sh\n\s+- merge\.sh/);
    for (const yaml of [analyzeJob, mergeJob]) expect(values(yaml, "name")).toContain("podtrail-scripts");
  });

  it("gives, shard by shard and merged, the report of one run over the archive", async () => {
    const shards = Number(values(analyzeJob, "completions")[0]);
    const shared = join(root, "shared");
    await runIndexedJob(shards, shared);
    expect(readdirSync(join(shared, "parts")).sort()).toEqual(Array.from({ length: shards }, (_, k) => `part-${k}.partial`));
    const json = await runCli(["analyze", archive, "-o", "json"]);
    const markdown = await runCli(["analyze", archive, "-o", "markdown"]);
    expect(readFileSync(join(shared, "report.json"), "utf8")).toBe(json.stdout);
    expect(readFileSync(join(shared, "report.md"), "utf8")).toBe(markdown.stdout);
    expect((await runCli(["merge", join(shared, "archive.partial"), "-o", "json"])).stdout).toBe(json.stdout);
  }, 120_000);

  it("gives it with more shards than files too (some shards get none), and the merge refuses to run on missing partials", async () => {
    const files = readdirSync(archive).length;
    const shared = join(root, "shared-many");
    await runIndexedJob(files + 3, shared);
    expect(readFileSync(join(shared, "report.json"), "utf8")).toBe((await runCli(["analyze", archive, "-o", "json"])).stdout);
    rmSync(join(shared, "parts", "part-0.partial"));
    const early = await sh(`sh ${resolve(K8S, "merge.sh")}`, { SHARDS: String(files + 3), SHARED: shared });
    expect(early).toEqual({ code: 2, stderr: `merge: ${files + 2} of ${files + 3} partials in ${shared}/parts: has the analyze Job completed?\n` });
  }, 120_000);

  it("and the README's xargs -P recipe on one host", async () => {
    const recipe = /## On one large host: xargs -P[\s\S]*?```sh\n([\s\S]*?)```/.exec(read("README.md"))?.[1];
    expect(recipe).toContain("xargs -P");
    const cwd = join(root, "host");
    mkdirSync(cwd);
    symlinkSync(archive, join(cwd, "archive"));
    expect(await sh(recipe!, {}, cwd)).toMatchObject({ code: 0 });
    expect(readdirSync(join(cwd, "parts"))).toHaveLength(8);
    // The same names as the recipe gives them (archive/...), from the same place.
    expect(await sh("podtrail analyze archive/ -o markdown > expected.md", {}, cwd)).toMatchObject({ code: 0 });
    expect(readFileSync(join(cwd, "report.md"), "utf8")).toBe(readFileSync(join(cwd, "expected.md"), "utf8"));
    expect(readFileSync(join(cwd, "report.md"), "utf8")).toMatch(/^# Pod start-up report/);
  }, 120_000);
});
