import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../helpers/cli.js";

const EVENTS = "samples/pods-and-events/input";
const CRASH = "samples/crashloop-oomkilled/input";
const STUCK = "samples/image-pull-backoff/input";
const GARBAGE = "samples/truncated-garbage/input";

// Each test starts the binary (two node processes): they run side by side, as they share nothing.
describe.concurrent("podtrail analyze on the command line", () => {
  it("filters by namespace, label selector and pod, and says how many pods it kept", async () => {
    const all = JSON.parse((await runCli(["analyze", EVENTS, CRASH, STUCK, "-o", "json"])).stdout);
    expect(all.pods.map((p: { namespace: string }) => p.namespace).sort()).toEqual(["payments", "shop", "shop", "shop"]);
    const shop = JSON.parse((await runCli(["analyze", EVENTS, CRASH, STUCK, "-o", "json", "-n", "shop"])).stdout);
    expect(shop.podsSeen).toBe(4);
    expect(shop.pods).toHaveLength(3);
    expect(shop.summary.pods).toBe(3);
    const byPod = JSON.parse((await runCli(["analyze", EVENTS, CRASH, STUCK, "-o", "json", "--pod", "edge-proxy"])).stdout);
    expect(byPod.pods.map((p: { name: string }) => p.name)).toEqual(["edge-proxy-6c9f7d5b8-q7wzt"]);
    const names = async (...args: string[]) =>
      JSON.parse((await runCli(["analyze", EVENTS, CRASH, STUCK, "-o", "json", ...args])).stdout).pods.map((p: { name: string }) => p.name.split("-")[0]);
    expect(await names("-l", "app in (web,edge-proxy)")).toEqual(["web", "edge"]);
    expect(await names("-l", "app!=storefront,pod-template-hash")).toEqual(["web", "edge"]);
    expect(await names("-l", "app notin (storefront,web)")).toEqual(["edge"]);
    expect(await names("-l", "!app")).toEqual([]);
  });

  it("takes one value per repeatable option, so options may come before the inputs as with kubectl (-n ns FILES)", async () => {
    const before = await runCli(["analyze", "-n", "shop", "--pod", "web", "--pod", "edge", "--fail-if", "startup.max>1h", EVENTS, CRASH, STUCK, "-o", "json"]);
    const after = await runCli(["analyze", EVENTS, CRASH, STUCK, "-o", "json", "-n", "shop", "--pod", "web", "--pod", "edge", "--fail-if", "startup.max>1h"]);
    expect(before.code).toBe(0);
    expect(before.stdout).toBe(after.stdout);
    const report = JSON.parse(before.stdout);
    expect(report.inputs.map((i: { name: string }) => i.name)).not.toContain("shop");
    expect(report.pods.map((p: { name: string }) => p.name.split("-")[0])).toEqual(["web"]);
    expect(report.thresholds.map((t: { expression: string }) => t.expression)).toEqual(["startup.max>1h"]);
  });

  it("selects pods by creation time: RFC 3339 bounds or a duration back from the capture's end", async () => {
    const names = async (...args: string[]) =>
      JSON.parse((await runCli(["analyze", EVENTS, CRASH, "-o", "json", ...args])).stdout).pods.map((p: { name: string }) => p.name);
    // The capture ends at 21:00:19; the web pod was created at 11:00, the storefront pods at 21:00.
    expect(await names("--since", "30m")).toEqual(["storefront-7f9c6d8b5-m2vbk", "storefront-7f9c6d8b5-r8kqz"]);
    expect(await names("--until", "2024-11-05T12:00:00Z")).toEqual(["web-7d4b9c8f6d-x2x9k"]);
    const bad = await runCli(["analyze", EVENTS, "--since", "yesterday"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("podtrail: --since 'yesterday': expected an RFC 3339 time (2024-05-01T10:00:00Z) or a duration (30m)\n");
    const selector = await runCli(["analyze", EVENTS, "-l", "app in (web"]);
    expect(selector.code).toBe(2);
    expect(selector.stderr).toBe("podtrail: --selector 'app in (web': invalid label selector: cannot parse 'app in (web'\n");
  });

  it("exits 1 when a --fail-if threshold is breached and lists the breach", async () => {
    const ok = await runCli(["analyze", EVENTS, "-o", "json", "--fail-if", "startup.p99>30s"]);
    expect(ok.code).toBe(0);
    const breached = await runCli(["analyze", EVENTS, "-o", "json", "--fail-if", "startup.p99>5s", "--fail-if", "imagePull.max>=1m"]);
    expect(breached.code).toBe(1);
    const gate = { kind: "stage", notReached: false, count: null, pods: 2, unfinished: 0, examples: [] };
    expect(JSON.parse(breached.stdout).thresholds).toEqual([
      { ...gate, expression: "startup.p99>5s", valueMs: 19000, breached: true },
      { ...gate, expression: "imagePull.max>=1m", valueMs: 6881, breached: false },
    ]);
    expect(breached.stderr).toContain("threshold breached: startup.p99>5s: p99 is 19s\n");
  });

  it("rejects a malformed threshold with one line and exit 2", async () => {
    const r = await runCli(["analyze", EVENTS, "--fail-if", "startup.p42>5s"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("unknown statistic 'p42'");
  });

  it("keeps exit 0 for bad lines, and exits 1 with every warning listed under --strict", async () => {
    const lenient = await runCli(["analyze", GARBAGE]);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain("Warnings");
    const strict = await runCli(["analyze", GARBAGE, "--strict", "-o", "json"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/--strict: \d+ warning/);
    expect(strict.stderr).toContain("samples/truncated-garbage/input/pods.jsonl:");
  });

  it("groups stage summaries by namespace", async () => {
    const r = JSON.parse((await runCli(["analyze", EVENTS, STUCK, "-o", "json", "--group-by", "namespace"])).stdout);
    expect(r.groupBy).toBe("namespace");
    expect(r.groups.map((g: { group: string; summary: { pods: number } }) => [g.group, g.summary.pods])).toEqual([
      ["payments", 1],
      ["shop", 2],
    ]);
  });

  it("reads .gz by its magic bytes whatever the name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "podtrail-"));
    writeFileSync(join(dir, "capture.bin"), gzipSync(readFileSync(join(CRASH, "pods.jsonl"))));
    const plain = JSON.parse((await runCli(["analyze", CRASH, "-o", "json"])).stdout);
    const gz = JSON.parse((await runCli(["analyze", join(dir, "capture.bin"), "-o", "json"])).stdout);
    expect(gz.pods).toEqual(plain.pods);
  });

  it("gives a one-line error and exit 2 for a missing input or an unknown flag", async () => {
    const missing = await runCli(["analyze", "no/such/file.jsonl"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toContain("no/such/file.jsonl");
    const format = await runCli(["analyze", EVENTS, "-o", "pdf"]);
    expect(format.code).toBe(2);
    expect(format.stderr.trim().split("\n")).toHaveLength(1);
    expect(format.stderr).toContain('Given: "pdf"');
    const md = await runCli(["analyze", EVENTS, "-o", "md"]);
    expect(md.stdout.startsWith("# Pod start-up report")).toBe(true);
    const flag = await runCli(["analyze", EVENTS, "--no-such-flag"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("see podtrail --help");
  });
});

describe.concurrent("podtrail timeline and explain", () => {
  it("shows the evidence of one pod: transitions and events with their sources", async () => {
    const r = await runCli(["timeline", "storefront-7f9c6d8b5-m2vbk", EVENTS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Pod shop/storefront-7f9c6d8b5-m2vbk");
    expect(r.stdout).toMatch(/imagePull\s+5\.5s/);
    expect(r.stdout).toMatch(/event Normal Pulled \[\w+\]/);
    expect(r.stdout).toMatch(/condition Ready=True.*\[samples\/pods-and-events\/input\/pods\.jsonl:\d+\]/);
  });

  it("asks to disambiguate a prefix matching several pods", async () => {
    const r = await runCli(["timeline", "storefront", EVENTS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("matches 2 pods");
  });

  it("explains a reason in English and Chinese, and fails on an unknown one with suggestions", async () => {
    const en = await runCli(["explain", "CrashLoopBackOff"]);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain("runtime");
    const zh = await runCli(["explain", "OOMKilled", "--lang", "zh"]);
    expect(zh.stdout).toMatch(/[\u4e00-\u9fff]/);
    const unknown = await runCli(["explain", "CrashLoopBakOff"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("CrashLoopBackOff");
  });
});

describe.concurrent("the binary", () => {
  it("prints help with examples and exits 0", async () => {
    const top = await runCli(["--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain("Examples:");
    expect(top.stdout).toContain("podtrail analyze");
    expect(top.stderr).toBe("");
    const analyze = await runCli(["analyze", "--help"]);
    expect(analyze.code).toBe(0);
    expect(analyze.stdout.split("\n")[0]).toBe("podtrail analyze <inputs..> [options]");
    expect(analyze.stdout).toMatch(/-n, --namespace .*repeatable/);
    expect(analyze.stdout).toMatch(/-o, --output, --format .*md is short for markdown/);
    expect((await runCli(["-h"])).stdout).toBe(top.stdout);
  });

  it("prints its version (package.json's) and exits 0", async () => {
    const r = await runCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${(JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version}\n`);
  });

  it("reads standard input given as -, alone or among other inputs", async () => {
    const input = readFileSync(join(CRASH, "pods.jsonl"));
    const alone = await runCli(["analyze", "-", "-o", "json"], { input });
    expect(alone.code).toBe(0);
    const report = JSON.parse(alone.stdout);
    expect(report.inputs[0].name).toBe("-");
    expect(report.pods[0].name).toBe("web-7d4b9c8f6d-x2x9k");
    const among = await runCli(["analyze", EVENTS, "-", "-n", "shop", "-o", "json"], { input });
    expect(among.code).toBe(0);
    expect(JSON.parse(among.stdout).inputs.map((i: { name: string }) => i.name)).toContain("-");
    const timeline = await runCli(["timeline", "web-7d4b9c8f6d-x2x9k", "-"], { input });
    expect(timeline.code).toBe(0);
    expect(timeline.stdout).toContain("[-:");
  });

  it("takes the inputs after --, and the last value of an option given twice", async () => {
    expect((await runCli(["analyze", "-o", "json", "--", CRASH])).code).toBe(0);
    const twice = await runCli(["analyze", CRASH, "-o", "json", "-o", "csv"]);
    expect(twice.code).toBe(0);
    expect(twice.stdout.startsWith("namespace,name,uid,")).toBe(true);
  });

  it("checks every option before reading a byte: a mistake fails at once, with the flag and the value named", async () => {
    const { spawn } = await import("node:child_process");
    // Standard input stays open: a command that read it before checking its options would wait forever.
    const failFast = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, "analyze", "-", ...args], { stdio: ["pipe", "pipe", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
        const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
        child.on("close", (code) => {
          clearTimeout(timer);
          child.stdin.destroy();
          resolve({ code, stderr });
        });
      });
    const cases: [string[], string][] = [
      [["--since", "nonsense"], "podtrail: --since 'nonsense': expected an RFC 3339 time (2024-05-01T10:00:00Z) or a duration (30m)\n"],
      [["--until=-5m"], "podtrail: --until '-5m': expected an RFC 3339 time (2024-05-01T10:00:00Z) or a duration (30m)\n"],
      [["-l", "app in (web"], "podtrail: --selector 'app in (web': invalid label selector: cannot parse 'app in (web'\n"],
      [["--fail-if", "startup.p99>5x"], "podtrail: --fail-if 'startup.p99>5x': '5x' is not a duration (500ms, 5s, 2m, 1h30m)\n"],
      [["--top", "0"], "podtrail: --top takes a whole number of at least 1\n"],
      [["-o", "pdf"], 'podtrail: Invalid values: Argument: output, Given: "pdf", Choices: "text", "json", "markdown", "csv", "html", "ndjson", "openmetrics", "junit", "kube-burner", "clusterloader2", "md" (see podtrail --help)\n'],
    ];
    for (const [args, message] of cases) expect({ args, ...(await failFast(args)) }).toEqual({ args, code: 2, stderr: message });
  });

  it("never prints a stack trace for bad input", async () => {
    const dir = mkdtempSync(join(tmpdir(), "podtrail-"));
    writeFileSync(join(dir, "bad.gz"), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]));
    writeFileSync(join(dir, "junk.jsonl"), "not json\n{\"type\":\"ADDED\",\n\u0000\u0001binary");
    const r = await runCli(["analyze", dir]);
    expect([0, 2]).toContain(r.code);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("keeps stdout and stderr apart and passes the exit status on (1, 2)", async () => {
    const strict = await runCli(["analyze", GARBAGE, "--strict", "-o", "csv"]);
    expect(strict.code).toBe(1);
    expect(strict.stdout.startsWith("namespace,name,uid,")).toBe(true);
    expect(strict.stderr).toMatch(/^podtrail: --strict: \d+ warning/);
    const breach = await runCli(["analyze", CRASH, "--fail-if", "startup.max>1ms", "-q"]);
    expect(breach.code).toBe(1);
    expect(breach.stderr).toContain("threshold breached");
    for (const usage of [[], ["bogus"], ["analyze"], ["timeline", "x"], ["explain", "--lang", "fr"]]) {
      const r = await runCli(usage);
      expect({ usage, code: r.code, lines: r.stderr.trim().split("\n").length, stdout: r.stdout }).toEqual({ usage, code: 2, lines: 1, stdout: "" });
      expect(r.stderr).toMatch(/^podtrail: .*\(see podtrail --help\)\n$/);
    }
  });

  it("stops quietly when its reader goes away (podtrail ... | head)", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [BIN, "analyze", "samples", "-o", "json"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
  });

  it("holds the command back while a slow reader catches up, losing nothing", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [BIN, "analyze", "samples", "test/fixtures/corpus", "-o", "json"], { stdio: ["ignore", "pipe", "pipe"] });
    // Listening before the wait: a child that ends early (an input missing) must not be waited for forever.
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the pipe fills; the command must wait, not drop
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stdout.resume();
    const code = await closed;
    expect(code).toBe(0);
    const report = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    expect(report.pods.length).toBe(report.podsSeen);
  });
});

describe.runIf(process.platform === "linux")("the binary's process", () => {
  /** Process ids of a process's children, from /proc. */
  const childrenOf = (pid: number): number[] =>
    readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter((s) => s !== "")
      .map(Number);

  /** Starts `analyze -` on a standard input left open, so that the command waits; resolves once it has loaded and waits for input. */
  async function waiting() {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [BIN, "analyze", "-", "-o", "json"], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
    // Loaded: the command has run (its CPU time grew) and then waits, its CPU time still for 100 ms. A short wait covers the rest.
    const cpu = (): number | null => {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        return Number(fields[11]) + Number(fields[12]);
      } catch {
        return null;
      }
    };
    for (let i = 0, last = -1, still = 0; i < 400 && still < 10; i++) {
      const now = cpu();
      still = now !== null && now > 0 && now === last ? still + 1 : 0;
      last = now ?? -1;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { child, ended, stderr: () => stderr };
  }

  it("runs the command itself, with no second node, and exits with its status", async () => {
    const { child, ended } = await waiting();
    expect(childrenOf(child.pid!)).toEqual([]);
    child.stdin.end(readFileSync(join(CRASH, "pods.jsonl")));
    expect(await ended).toEqual({ code: 0, signal: null });
  });

  it("on Ctrl-C and kill: ends by the same signal before it reads, with its report once it reads", async () => {
    // Which of the two depends on how far the command got; test/cli/interrupt.test.ts holds each case.
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      const { child, ended, stderr } = await waiting();
      child.stdin.write(readFileSync(join(CRASH, "pods.jsonl")));
      await new Promise((resolve) => setTimeout(resolve, 200));
      child.kill(signal);
      const end = await ended;
      if (end.signal === null) {
        expect({ sent: signal, code: end.code, stderr: stderr() }).toEqual({ sent: signal, code: 0, stderr: `podtrail: stopped reading - on ${signal}: the report covers what was read\n` });
      } else {
        expect({ sent: signal, ...end }).toEqual({ sent: signal, code: null, signal });
        expect(stderr()).toBe("");
      }
    }
  });
});

describe("colour in the text report", () => {
  // In this process, which can pose as a terminal; `main` is what the binary runs with the process's streams.
  it("colours section titles on a terminal, and never with NO_COLOR or when piped", async () => {
    const { Writable } = await import("node:stream");
    const { main } = await import("../../src/cli/run.js");
    const run = async (stdoutIsTTY: boolean, env: NodeJS.ProcessEnv) => {
      let out = "";
      const sink = new Writable({
        write(c: Buffer, _e, done) {
          out += c.toString();
          done();
        },
      });
      await main(["analyze", "samples/image-pull-backoff/input"], { stdout: sink, stderr: sink, stdoutIsTTY, env });
      return out;
    };
    expect(await run(true, {})).toContain("\x1b[1mpodtrail report\x1b[0m");
    expect(await run(true, {})).toContain("\x1b[1;31mFailure reasons\x1b[0m");
    expect(await run(true, { NO_COLOR: "1" })).not.toContain("\x1b[");
    expect(await run(false, {})).not.toContain("\x1b[");
  });
});
