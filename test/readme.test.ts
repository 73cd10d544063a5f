import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { zipSync } from "fflate";
import { create } from "tar";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";

/**
 * The README's examples, run: every `podtrail` command of its `sh` blocks
 * (in a folder holding the files they name: pods.jsonl, events.jsonl,
 * caps/, captures/, archive/*.jsonl.gz, the archives and audit logs of the
 * reading section, made from samples/; `/var/log/...` is read under the
 * folder), and every
 * `text` excerpt that starts with `$ podtrail ...`, compared with what that
 * command writes (`...` stands for lines or text left out).
 */
const README = readFileSync("README.md", "utf8");

function blocks(lang: string): string[] {
  return [...README.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, "g"))].map((m) => m[1]!);
}

/** Shell words of one command: single and double quotes, no expansions. */
function words(command: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (const m of command.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** The podtrail commands of the sh blocks, as they would be typed: `podtrail ...`, `kubectl podtrail ...`, `node dist/cli/main.js ...`, after a pipe too. */
function commands(): { line: string; args: string[]; stdin: boolean }[] {
  const found: { line: string; args: string[]; stdin: boolean }[] = [];
  for (const block of blocks("sh")) {
    for (const raw of block.split("\n")) {
      const line = raw.replace(/\s+#.*$/, "").trim();
      if (line === "" || line.startsWith("#")) continue;
      for (const part of line.split(/;|&&/)) {
        const piped = part.split("|");
        const last = piped[piped.length - 1]!.trim().replace(/\s+>\s*\S+$/, "").replace(/\s*&$/, "");
        const m = /^(?:kubectl podtrail|podtrail|node dist\/cli\/main\.js)\s+(.*)$/.exec(last);
        if (m === null) continue;
        found.push({ line: line, args: words(m[1]!), stdin: piped.length > 1 });
      }
    }
  }
  return found;
}

describe("the README's examples", () => {
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "podtrail-readme-"));
    const sample = (name: string) => resolve("samples", name, "input");
    cpSync(join(sample("pods-and-events"), "pods.jsonl"), join(work, "pods.jsonl"));
    cpSync(join(sample("pods-and-events"), "events.jsonl"), join(work, "events.jsonl"));
    for (const dir of ["caps", "captures"]) for (const name of ["pods-and-events", "crashloop-oomkilled", "image-pull-backoff"]) cpSync(sample(name), join(work, dir, name), { recursive: true });
    mkdirSync(join(work, "archive"));
    writeFileSync(join(work, "archive", "crash.jsonl.gz"), gzipSync(readFileSync(join(sample("crashloop-oomkilled"), "pods.jsonl"))));
    cpSync(resolve("samples"), join(work, "samples"), { recursive: true });
    // The archives the reading section names, from the samples that hold their shapes.
    cpSync(join(sample("eventrouter-log"), "eventrouter.log"), join(work, "eventrouter.log"));
    cpSync(join(sample("audit-log"), "audit.log"), join(work, "var/log/kube-apiserver/audit.log"));
    cpSync(sample("audit-aks-eks"), work, { recursive: true });
    const gather = sample("must-gather-yaml");
    const tree = "must-gather.local.5417283091724612349";
    const core = join(gather, tree, readdirSync(join(gather, tree)).find((d) => d.startsWith("quay-io"))!, "namespaces/shop/core");
    for (const name of ["pods.yaml", "events.yaml"]) cpSync(join(core, name), join(work, name));
    cpSync(gather, join(work, "mg"), { recursive: true });
    await create({ cwd: gather, file: join(work, "must-gather.tar.gz"), gzip: true, portable: true }, [tree]);
    await create({ cwd: sample("crashloop-oomkilled"), file: join(work, "sonobuoy_results.tar.gz"), gzip: true, portable: true }, ["pods.jsonl"]);
    writeFileSync(join(work, "bundle.zip"), zipSync({ "cluster/pods.jsonl": readFileSync(join(sample("image-pull-backoff"), "pods.jsonl")) }));
    cpSync(resolve("samples/pods-and-events/expected.json"), join(work, "base.json"));
    // A day's captures, and the partial of the day before, for the partial examples.
    cpSync(sample("pods-and-events"), join(work, "day-21"), { recursive: true });
    const before = await runCliIn(work, ["analyze", "caps/", "--partial", "day-20.partial"]);
    expect(before.code, before.stderr).toBe(0);
  });

  const all = commands();
  it("has podtrail commands to run", () => {
    expect(all.length).toBeGreaterThan(15);
  });

  it.each(all.map((c) => [c.line, c] as const))("%s", async (_line, c) => {
    const input = c.stdin ? readFileSync(join(work, "pods.jsonl")) : undefined;
    const r = await runCliIn(work, c.args.map((a) => (a.startsWith("/var/log/") ? `.${a}` : a)), input);
    const expected = c.args.includes("--fail-if") || c.args.includes("--fail-if-slower") ? [0, 1] : [0];
    expect(expected, `exit ${r.code}: ${r.stderr}`).toContain(r.code);
    // `--partial FILE` writes the file and says so on stderr; everything else writes its output on stdout.
    const partial = c.args[c.args.indexOf("--partial") + 1];
    if (c.args.includes("--partial") && partial !== "-") {
      expect(existsSync(join(work, partial!)), partial).toBe(true);
      expect(r.stderr).toContain(`podtrail: wrote ${partial}`);
    } else expect(r.stdout.length).toBeGreaterThan(0);
  });

  const excerpts = blocks("text").filter((b) => b.startsWith("$ podtrail "));
  it.each(excerpts.map((b) => [b.split("\n")[0]!, b] as const))("%s writes what the excerpt shows", async (first, block) => {
    const r = await runCli(words(first.slice("$ podtrail ".length)));
    expect(r.code).toBe(0);
    const out = r.stdout.split("\n");
    let at = 0;
    for (const line of block.split("\n").slice(1)) {
      if (line === "" || line === "...") continue;
      const pattern = new RegExp(`^${line.split("...").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
      const found = out.findIndex((l, i) => i >= at && pattern.test(l.replace(/\r$/, "")));
      expect(found, `README line not in the output (in order): ${line}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });
});

/** `runCli` from another folder: the README's paths are relative to where the user is. */
async function runCliIn(cwd: string, args: readonly string[], input?: Buffer) {
  const { spawn } = await import("node:child_process");
  const { BIN } = await import("./helpers/cli.js");
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(process.execPath, [resolve(BIN), ...args], { cwd, env: { ...process.env, NO_COLOR: "1" }, stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
    if (input !== undefined) child.stdin?.end(input);
  });
}
