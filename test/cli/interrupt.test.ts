import { spawn, execFileSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, openSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN } from "../helpers/cli.js";
import { envelope, jsonl, pod } from "../helpers/pods.js";
import { interruptOnSignals, type SignalTarget } from "../../src/cli/interrupt.js";

const CRASH = "samples/crashloop-oomkilled/input/pods.jsonl";

/** Watch records of `n` pods, about 300 bytes each. */
function capture(n: number): string {
  const values = [];
  for (let i = 0; i < n; i++) values.push(envelope("ADDED", pod({ uid: `u-${i}`, name: `web-${i}`, rv: i + 1, created: i })));
  return jsonl(values);
}

/** The binary reading standard input that stays open, as a live `kubectl get pods -w` pipes it. */
function live(args: string[]) {
  const child = spawn(process.execPath, [BIN, "analyze", "-", ...args], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  /**
   * Writes more than the socket between the processes holds (Node's stdio pipes are socket pairs, some
   * hundred KiB): when the write is done, the command has read part of it, so it is reading.
   */
  const feed = async (text: string): Promise<void> => {
    if (!child.stdin.write(text)) await once(child.stdin, "drain");
  };
  return { child, ended, feed };
}

describe.concurrent("a live standard input and signals", () => {
  it("on Ctrl-C (SIGINT) while reading, stops reading, writes the report of what was read, says so, and exits 0", async () => {
    const { child, ended, feed } = live(["-o", "json"]);
    await feed(capture(8000));
    child.kill("SIGINT");
    const r = await ended;
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
    expect(r.stderr).toBe("podtrail: stopped reading - on SIGINT: the report covers what was read\n");
    const report = JSON.parse(r.stdout);
    expect(report.interrupted).toEqual({ by: "signal", signal: "SIGINT", input: "-", unread: [] });
    expect(report.pods.length).toBeGreaterThan(0);
    expect(report.pods.length).toBeLessThanOrEqual(8000);
  });

  it("does the same on SIGTERM (kill), and the text report says it was interrupted", async () => {
    const { child, ended, feed } = live([]);
    await feed(capture(8000));
    child.kill("SIGTERM");
    const r = await ended;
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
    expect(r.stdout).toMatch(/^ {2}read {7}stopped reading - on SIGTERM: the report covers what was read$/m);
  });

  it("--for stops reading by itself and reports what was read", async () => {
    const started = Date.now();
    const { child, ended, feed } = live(["-o", "json", "--for", "1s"]);
    await feed(capture(20));
    const r = await ended;
    const took = Date.now() - started;
    child.stdin.destroy();
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
    expect(took).toBeGreaterThanOrEqual(1000);
    const report = JSON.parse(r.stdout);
    expect(report.interrupted).toEqual({ by: "timeLimit", signal: null, input: "-", unread: [] });
    expect(report.pods).toHaveLength(20);
    expect(r.stderr).toBe("podtrail: stopped reading - when --for ran out: the report covers what was read\n");
  });

  it("names the input being read and the inputs not read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "podtrail-fifo-"));
    const fifo = join(dir, "live.jsonl");
    execFileSync("mkfifo", [fifo]);
    const child = spawn(process.execPath, [BIN, "analyze", fifo, CRASH, "-o", "json"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    const said = new Promise<void>((resolve) => child.stderr.on("data", (c: Buffer) => c.toString().includes("stopped reading") && resolve()));
    const ended = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    // Opening a FIFO for writing waits for its reader: once open, the command is reading it.
    const fd = await new Promise<number>((resolve) => setImmediate(() => resolve(openSync(fifo, "w"))));
    writeSync(fd, capture(3));
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill("SIGINT");
    // Ctrl-C ends the writer too (one process group): its end of the FIFO closes. Closed once the command has
    // stopped reading: closed at once, the command could read the end of the FIFO before the signal reached it.
    await said;
    closeSync(fd);
    expect(await ended, stdout.slice(-400)).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.interrupted, stdout.slice(-400)).toEqual({ by: "signal", signal: "SIGINT", input: fifo, unread: [CRASH] });
    expect(report.inputs.map((i: { name: string }) => i.name)).toEqual([fifo]);
  });

  it("reads hundreds of inputs with the interrupter listening, and says nothing on stderr about it", async () => {
    const { runCli } = await import("../helpers/cli.js");
    const r = await runCli(["analyze", "samples", "-o", "json", "-q", "--for", "1h"]);
    expect(r.code).toBe(0);
    // One abort listener per input at a time: no MaxListenersExceededWarning.
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).interrupted).toBeNull();
  });

  it("rejects a --for that is not a duration longer than zero, before reading", async () => {
    const { ended } = live(["--for", "0s"]);
    const r = await ended;
    expect(r).toMatchObject({ code: 2, stdout: "", stderr: "podtrail: --for '0s': expected a duration longer than zero (30s, 10m, 1h)\n" });
  });
});

describe("interruptOnSignals", () => {
  /** A process stand-in: records the signals it re-raised on itself. */
  function target(): SignalTarget & { readonly raised: string[]; emit(signal: NodeJS.Signals): void } {
    const handlers = new Map<string, Set<(s: NodeJS.Signals) => void>>();
    const raised: string[] = [];
    return {
      pid: 4242,
      raised,
      on: (s, h) => handlers.set(s, (handlers.get(s) ?? new Set()).add(h)),
      off: (s, h) => handlers.get(s)?.delete(h),
      kill: (_pid, s) => raised.push(s),
      emit: (s) => {
        for (const h of [...(handlers.get(s) ?? [])]) h(s);
      },
    };
  }

  it("aborts the read on the first signal, and ends the process on one more", async () => {
    const t = target();
    const interrupter = interruptOnSignals(t);
    const reasons: unknown[] = [];
    await interrupter.reading(async (signal) => {
      t.emit("SIGINT");
      reasons.push(signal.reason);
      expect(t.raised).toEqual([]);
      // Ctrl-C again while the read winds down: the user wants out.
      t.emit("SIGINT");
    });
    expect(reasons).toEqual(["SIGINT"]);
    expect(t.raised).toEqual(["SIGINT"]);
  });

  it("ends the process as by default on a signal after reading: listeners gone, the signal raised again", async () => {
    const t = target();
    const interrupter = interruptOnSignals(t);
    await interrupter.reading(async () => undefined);
    t.emit("SIGTERM");
    expect(t.raised).toEqual(["SIGTERM"]);
    t.emit("SIGTERM");
    expect(t.raised).toEqual(["SIGTERM"]);
  });

  it("ends the process at once on a signal before any reading", () => {
    const t = target();
    interruptOnSignals(t);
    t.emit("SIGINT");
    expect(t.raised).toEqual(["SIGINT"]);
  });
});
