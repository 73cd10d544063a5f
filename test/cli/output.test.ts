/**
 * What the command does with its output and its exit status when the reader
 * goes away or the disk fills, and what it lets through to a terminal: the
 * hostile-input issue's items 1, 11 and 12, through the built binary.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../helpers/cli.js";
import { envelope, jsonl, pod } from "../helpers/pods.js";

/** A capture with a bad line in every 50, so `--strict` has warnings, and large enough to fill a pipe many times over. */
function noisyCapture(): string {
  const dir = mkdtempSync(join(tmpdir(), "podtrail-output-"));
  const path = join(dir, "pods.jsonl");
  const lines: string[] = [];
  for (let i = 0; i < 4000; i++) {
    lines.push(jsonl([envelope("ADDED", pod({ uid: `u-${i}`, name: `web-${i}`, rv: 100 + i }))]).trimEnd());
    if (i % 50 === 0) lines.push("not json");
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/** Runs the binary with its stdout read for `keep` bytes, then closed (as `| head -c N` does). */
function runWithEarlyReader(args: readonly string[], keep: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let seen = 0;
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      seen += c.length;
      if (seen >= keep) child.stdout.destroy();
    });
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("exit status and output", () => {
  const capture = noisyCapture();

  it("--strict exits 1 on warnings whether the reader reads everything or leaves after one byte", async () => {
    const full = await runCli(["analyze", "--strict", "-o", "json", capture]);
    expect(full.code).toBe(1);
    const early = await runWithEarlyReader(["analyze", "--strict", "-o", "json", capture], 1);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("podtrail: --strict: 80 warning(s):");
  });

  it("a reader that leaves early is not an error without --strict", async () => {
    const early = await runWithEarlyReader(["analyze", "-o", "json", "-q", capture], 1);
    expect(early).toEqual({ code: 0, stderr: "" });
  });

  it("a full disk: exit 2 and one line", async () => {
    const full = openSync("/dev/full", "w");
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, "analyze", "samples/crashloop-oomkilled/input"], { stdio: ["ignore", full, "pipe"] });
      let stderr = "";
      child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
      child.on("close", (code) => resolve({ code, stderr }));
    });
    expect(result).toEqual({ code: 2, stderr: "podtrail: cannot write the report: no space left on device\n" });
  });

  it("a file name with control characters is shown escaped in a usage error", async () => {
    const result = await runCli(["analyze", "missing-\u001b[2J\u001b]0;owned\u0007.jsonl"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("podtrail: cannot read 'missing-\\x1b[2J\\x1b]0;owned\\a.jsonl': no file matches this pattern\n");
  });
});
