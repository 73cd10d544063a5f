import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN } from "../helpers/cli.js";
import { progressLine, progressText } from "../../src/cli/progress.js";
import type { Progress } from "../../src/analyze.js";

/** util-linux's `script` runs a command in a real pseudo-terminal. */
const SCRIPT = "/usr/bin/script";
const hasScript = existsSync(SCRIPT);
if (!hasScript) console.warn("tty.test.ts: skipping the pseudo-terminal checks, script (util-linux) not found");

/**
 * What a terminal shows after `output`: carriage return, erase-line
 * (`ESC[2K`) and newline handled as a terminal does, everything else drawn
 * over what was there.
 */
function screen(output: string): string[] {
  const lines: string[][] = [[]];
  let col = 0;
  for (let i = 0; i < output.length; i++) {
    const line = lines[lines.length - 1]!;
    if (output.startsWith("\x1b[2K", i)) {
      line.length = 0;
      i += 3;
    } else if (output[i] === "\r") col = 0;
    else if (output[i] === "\n") {
      lines.push([]);
      col = 0;
    } else {
      line[col++] = output[i]!;
    }
  }
  return lines.map((l) => l.join(""));
}

describe.skipIf(!hasScript)("progress in a real pseudo-terminal (script)", () => {
  let capture: string;
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), "podtrail-tty-"));
    execFileSync(process.execPath, ["test/bench/generate.mjs", "--out", join(dir, "busy"), "--size", "12MB", "--formats", "jsonl", "--seed", "7"], { stdio: "ignore" });
    capture = join(dir, "busy.jsonl");
  });

  it("draws one line of overall progress that fits an 80-column terminal, and erases it before the report", () => {
    const command = `stty cols 80 rows 40; exec ${process.execPath} ${BIN} analyze ${capture} samples/crashloop-oomkilled/input --top 3`;
    const run = spawnSync(SCRIPT, ["-qfec", command, "/dev/null"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined }, timeout: 120_000 });
    expect(run.status).toBe(0);
    const erases = run.stdout.split("\x1b[2K").length - 1;
    const frames = [...run.stdout.matchAll(/\x1b\[2K(podtrail: reading[^\r\x1b]*)/g)].map((m) => m[1]!);
    expect(frames.length).toBeGreaterThan(0);
    // Each frame erases the line before it, and one more erase takes the last away.
    expect(erases).toBe(frames.length + 1);
    for (const f of frames) {
      // Mostly the first input's; on a busy host a frame can fall in the second (small) one too.
      expect(f).toMatch(/^podtrail: reading [12]\/2: \d+\.\d MB of \d+\.\d MB \(\d+%\), \d+ records\/s/);
      expect([...f].length, f).toBeLessThanOrEqual(79);
    }
    const shown = screen(run.stdout);
    // Nothing of the progress line is left: the report starts the screen.
    expect(shown[0]).toBe("podtrail report");
    expect(shown.join("\n")).not.toContain("podtrail: reading");
  });
  // Reading /proc/self/mem from its start fails (EIO: address 0 is never mapped), after the capture before it drew progress.
  it.skipIf(!existsSync("/proc/self/mem"))("erases the progress line before an error that ends reading, with --partial too", () => {
    for (const extra of ["-o json", `--partial ${join(mkdtempSync(join(tmpdir(), "podtrail-tty-")), "p.gz")}`]) {
      const command = `stty cols 80 rows 40; exec ${process.execPath} ${BIN} analyze ${capture} /proc/self/mem ${extra}`;
      const run = spawnSync(SCRIPT, ["-qfec", command, "/dev/null"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined }, timeout: 120_000 });
      expect(run.status, extra).toBe(2);
      expect(run.stdout, extra).toMatch(/\x1b\[2Kpodtrail: reading/);
      const shown = screen(run.stdout.replace(/\r\n/g, "\n")).filter((line) => line !== "");
      expect(shown, extra).toEqual(["podtrail: cannot read '/proc/self/mem': input/output error"]);
    }
  });
});

describe.skipIf(!hasScript)("the text report at a terminal's width (script)", () => {
  const inputs = ["samples/image-pull-backoff/input", "samples/crashloop-oomkilled/input", "samples/unschedulable/input", "samples/capture-quality/input"];
  const onTerminal = (columns: number, extra: string[] = []) => {
    const command = `stty cols ${columns} rows 50; exec ${process.execPath} ${BIN} analyze ${inputs.join(" ")} -q ${extra.join(" ")}`;
    const run = spawnSync(SCRIPT, ["-qfec", command, "/dev/null"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined }, timeout: 120_000 });
    expect(run.status).toBe(0);
    // The terminal ends lines with CRLF.
    return run.stdout.replace(/\r\n/g, "\n").split("\n");
  };
  const longest = (lines: readonly string[]): number => Math.max(...lines.map((l) => [...l].length));
  const PULL_ERROR = 'docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found';

  it("fits every line to an 80-column terminal: names and messages cut with an ellipsis, explanations wrapped", () => {
    const lines = onTerminal(80);
    expect(lines[0]).toBe("podtrail report");
    expect(longest(lines)).toBeLessThanOrEqual(80);
    expect(lines.some((l) => l.startsWith("      cause: ErrImagePull [nginx] at 2024-11-05T12:00:18Z: rpc error") && l.endsWith("…"))).toBe(true);
    // The catalogue's explanation wraps, indented under itself: nothing of it is lost.
    const meaning = lines.findIndex((l) => l.startsWith("      The kernel OOM killer killed the container"));
    expect(lines[meaning + 1]).toMatch(/^ {8}\S/);
    expect(`${lines[meaning]} ${lines[meaning + 1]!.trim()}`).toContain("cgroup reached resources.limits.memory (exit code 137).");
    expect(longest(onTerminal(120))).toBeLessThanOrEqual(120);
  });

  it("prints lines whole with --wide, and when the output is not a terminal", async () => {
    const wide = onTerminal(80, ["--wide"]);
    expect(longest(wide)).toBeGreaterThan(80);
    expect(wide.some((l) => l.endsWith(PULL_ERROR))).toBe(true);
    const { runCli } = await import("../helpers/cli.js");
    const piped = (await runCli(["analyze", ...inputs, "-q"], { env: { COLUMNS: "80" } })).stdout.split("\n");
    expect(piped.some((l) => l.endsWith(PULL_ERROR))).toBe(true);
    expect(piped.some((l) => l.includes("…"))).toBe(false);
  });
});

describe("the progress line", () => {
  const p = (over: Partial<Progress>): Progress => ({
    input: "caps/pods.jsonl",
    bytes: 0,
    size: 100 * 1_048_576,
    records: 0,
    inputNumber: 2,
    inputCount: 5,
    readBytes: 0,
    totalRead: 0,
    totalSize: 400 * 1_048_576,
    ...over,
  });

  it("shows progress over all inputs and, after a second, the time left at the rate so far", () => {
    expect(progressText(p({ totalRead: 100 * 1_048_576, records: 30_000 }), 500)).toBe("podtrail: reading 2/5: 100.0 MB of 400.0 MB (25%), 60000 records/s: caps/pods.jsonl");
    expect(progressText(p({ totalRead: 100 * 1_048_576, records: 30_000 }), 10_000)).toBe("podtrail: reading 2/5: 100.0 MB of 400.0 MB (25%), 3000 records/s, 30s left: caps/pods.jsonl");
    // Standard input has no size: no percentage, no time left.
    expect(progressText(p({ input: "-", inputCount: 1, totalSize: null, totalRead: 5 * 1_048_576, records: 100 }), 10_000)).toBe("podtrail: reading: 5.0 MB, 10 records/s: -");
  });

  it("cuts the input's name from its start to fit the width, and erases the line once, when done", () => {
    expect(progressText(p({ input: "archive/2024-11-05/cluster-a/pods.jsonl.gz" }), 0, 80)).toBe("podtrail: reading 2/5: 0.0 MB of 400.0 MB (0%), 0 records/s: …er-a/pods.jsonl.gz");
    const written: string[] = [];
    let t = 0;
    const line = progressLine({ columns: 60, write: (s: string) => written.push(s) }, () => t);
    line.update(p({}));
    t += 50;
    line.update(p({})); // within 100 ms: not drawn
    line.done();
    line.update(p({})); // after done: never drawn again
    line.done();
    expect(written).toHaveLength(2);
    expect([...written[0]!.replace("\r\x1b[2K", "")].length).toBeLessThanOrEqual(59);
    expect(written[1]).toBe("\r\x1b[2K");
  });
});
