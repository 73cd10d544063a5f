import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { yieldHelperThreads } from "../../src/cli/threadPriority.js";

/*
 * The bin lowers the priority of the threads running beside its main one
 * (src/cli/threadPriority.ts). Each check runs in a child node, whose
 * threads' nice values are read from /proc: the test runner's own threads
 * are left alone.
 */
const linux = process.platform === "linux";
const PRIORITY = resolve("dist/cli/threadPriority.js");
const BIN = resolve("dist/cli/main.js");

/** The nice value of each thread of a process, by thread id (`/proc/PID/task/TID/stat`, the 19th field). */
function niceByThread(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, "utf8");
      out.set(Number(task), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

const PROBE = `
const { readdirSync, readFileSync } = await import("node:fs");
const { yieldHelperThreads } = await import(process.env.PRIORITY);
const nice = () => Object.fromEntries(readdirSync("/proc/self/task").map((t) => { const s = readFileSync("/proc/self/task/" + t + "/stat", "utf8"); return [t, Number(s.slice(s.lastIndexOf(")") + 2).split(" ")[16])]; }));
const before = nice();
const lowered = yieldHelperThreads();
console.log(JSON.stringify({ pid: process.pid, before, after: nice(), lowered }));
`;

describe.runIf(linux)("helper threads yield to the main thread (Linux)", () => {
  it("lowers every other thread by 10, at most to 19, and leaves the main thread as it was", () => {
    for (const parentNice of [0, 15]) {
      const r = spawnSync("nice", ["-n", String(parentNice), process.execPath, "--input-type=module", "-e", PROBE], { env: { ...process.env, PRIORITY }, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      const { pid, before, after, lowered } = JSON.parse(r.stdout) as { pid: number; before: Record<string, number>; after: Record<string, number>; lowered: number };
      const base = before[String(pid)]!;
      expect(after[String(pid)]).toBe(base);
      const helpers = Object.keys(before).filter((t) => Number(t) !== pid);
      // V8's platform workers at least (four by default) exist before any script runs.
      expect(helpers.length).toBeGreaterThanOrEqual(4);
      expect(lowered).toBe(helpers.length);
      for (const t of helpers) expect(after[t], `thread ${t}`).toBe(Math.min(19, before[t]! + 10));
    }
  });

  it("the bin's threads run below its main thread while it reads", async () => {
    const child = spawn(process.execPath, [BIN, "analyze", "-", "-o", "json"], { stdio: ["pipe", "pipe", "pipe"] });
    try {
      const pid = child.pid!;
      // The bin lowers its helpers first thing; wait until it has (or give up after 10 s).
      let threads = niceByThread(pid);
      for (let i = 0; i < 200 && ![...threads].some(([tid, nice]) => tid !== pid && nice >= 10); i++) {
        await new Promise((r) => setTimeout(r, 50));
        threads = niceByThread(pid);
      }
      expect(threads.get(pid)).toBe(niceByThread(process.pid).get(process.pid));
      const lowered = [...threads].filter(([tid, nice]) => tid !== pid && nice === threads.get(pid)! + 10);
      expect(lowered.length).toBeGreaterThanOrEqual(4);
    } finally {
      child.stdin.end();
      await new Promise((r) => child.on("close", r));
    }
  });
});

describe("helper threads elsewhere", () => {
  it("does nothing where a thread has no priority of its own", () => {
    expect(yieldHelperThreads("darwin")).toBe(0);
    expect(yieldHelperThreads("win32")).toBe(0);
  });
});
