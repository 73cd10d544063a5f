import { mkdtempSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { kubectlHabits } from "../../src/cli/args.js";

const EVENTS = "samples/pods-and-events/input";
const CRASH = "samples/crashloop-oomkilled/input";

// Habits of kubectl and GNU tools, through the built binary: stdout, stderr and exit status.
describe.concurrent("command-line habits", () => {
  it("reads -ojson, -o=json and -o JSON as -o json, as kubectl does", async () => {
    const expected = await runCli(["analyze", EVENTS, "-o", "json"]);
    expect(expected.code).toBe(0);
    for (const args of [["-ojson"], ["-o=json"], ["-o", "JSON"], ["--output", "Json"]]) {
      const r = await runCli(["analyze", EVENTS, ...args]);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 0, stderr: "" });
      expect(r.stdout).toBe(expected.stdout);
    }
    const md = await runCli(["analyze", EVENTS, "-oMD"]);
    expect(md.stdout).toMatch(/^# Pod start-up report/);
    // compare and timeline read -o alike.
    const report = "samples/evicted/expected.json";
    const compared = await runCli(["compare", report, report, "-o", "json"]);
    expect(compared.code).toBe(0);
    expect(await runCli(["compare", report, report, "-oJSON"])).toEqual(compared);
  });

  it("reads -nNAMESPACE run together, and -A/--all-namespaces, which is the default and wins over -n", async () => {
    const names = async (...args: string[]) => {
      const r = await runCli(["analyze", EVENTS, CRASH, "-o", "json", ...args]);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout).pods.map((p: { namespace: string; name: string }) => `${p.namespace}/${p.name}`);
    };
    const all = await names();
    expect(all).toHaveLength(3);
    expect(await names("-A")).toEqual(all);
    expect(await names("--all-namespaces")).toEqual(all);
    expect(await names("-nshop", "-A")).toEqual(all);
    expect(await names("-nshop")).toEqual(all.filter((n: string) => n.startsWith("shop/")));
  });

  it("takes every word after -- as an input, even one that looks like an option", async () => {
    const dir = mkdtempSync(join(tmpdir(), "podtrail-dashdash-"));
    copyFileSync(join(CRASH, "pods.jsonl"), join(dir, "-o"));
    const r = await runCli(["analyze", "-o", "json", "--", join(dir, "-o")]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).inputs.map((i: { name: string }) => i.name)).toEqual([join(dir, "-o")]);
    // A file named like an option before -- is an option, as always.
    const missing = await runCli(["analyze", EVENTS, "--", "-q"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("podtrail: cannot read '-q': no such file or directory\n");
  });

  it("colours the text report with --color=always or FORCE_COLOR, never with --no-color, --color=never or NO_COLOR", async () => {
    const bold = "\x1b[1mpodtrail report\x1b[0m";
    const text = async (args: string[], env: NodeJS.ProcessEnv) => {
      const r = await runCli(["analyze", EVENTS, ...args], { env: { NO_COLOR: "", FORCE_COLOR: undefined, ...env } });
      expect(r.code).toBe(0);
      return r.stdout;
    };
    // Piped: no colour unless asked for.
    expect(await text([], {})).not.toContain("\x1b[");
    expect(await text(["--color=always"], {})).toContain(bold);
    expect(await text(["--color", "always"], {})).toContain(bold);
    // A bare --color is always, and does not take the next word as its value.
    expect(await text(["--color"], {})).toContain(bold);
    expect(await text([], { FORCE_COLOR: "1" })).toContain(bold);
    expect(await text([], { FORCE_COLOR: "0" })).not.toContain("\x1b[");
    expect(await text([], { FORCE_COLOR: "1", NO_COLOR: "1" })).not.toContain("\x1b[");
    expect(await text(["--color=always"], { NO_COLOR: "1" })).toContain(bold);
    expect(await text(["--no-color"], { FORCE_COLOR: "1" })).not.toContain("\x1b[");
    expect(await text(["--color=never"], { FORCE_COLOR: "1" })).not.toContain("\x1b[");
    const bad = await runCli(["analyze", EVENTS, "--color=sometimes"]);
    expect(bad).toMatchObject({ code: 2, stdout: "", stderr: "podtrail: --color 'sometimes': expected always, never or auto\n" });
  });

  it("suggests the command meant for a mistyped one, and the stage meant in --fail-if", async () => {
    const command = await runCli(["analyse", EVENTS]);
    expect(command).toMatchObject({ code: 2, stdout: "", stderr: "podtrail: unknown command 'analyse' (did you mean analyze?); the commands are analyze, merge, compare, timeline and explain\n" });
    const timeline = await runCli(["timelien", "web", EVENTS]);
    expect(timeline.stderr).toContain("(did you mean timeline?)");
    const stage = await runCli(["analyze", EVENTS, "--fail-if", "statrup.p99>5s"]);
    expect(stage.code).toBe(2);
    expect(stage.stderr).toMatch(/^podtrail: --fail-if 'statrup\.p99>5s': unknown stage 'statrup' \(did you mean startup\?\) \(one of /);
    const stat = await runCli(["analyze", EVENTS, "--fail-if", "startup.p999>5s"]);
    expect(stat.stderr).toContain("unknown statistic 'p999' (did you mean p99");
  });

  it("says on stderr when the filters match no pod, with the number of pods in the capture", async () => {
    const r = await runCli(["analyze", EVENTS, CRASH, "-n", "nosuch"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("podtrail: no pod matches -n nosuch (3 pods in the capture)\n");
    expect(r.stdout).toContain("pods       0");
    const several = await runCli(["analyze", EVENTS, "-o", "json", "-n", "shop", "-l", "app=nothing", "--since", "1m"]);
    expect(several.stderr).toBe("podtrail: no pod matches -n shop -l app=nothing --since 1m (2 pods in the capture)\n");
    expect(JSON.parse(several.stdout).pods).toEqual([]);
    // A filter that matches says nothing.
    expect((await runCli(["analyze", EVENTS, "-n", "shop"])).stderr).toBe("");
  });

  it("explains an exit code given as a number", async () => {
    const r = await runCli(["explain", "137"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("Exit code 137");
    expect(r.stdout).toContain("killed by signal 9 (SIGKILL)");
    expect(r.stdout).toContain("podtrail explain OOMKilled");
    const zh = await runCli(["explain", "139", "--lang", "zh"]);
    expect(zh.stdout).toContain("SIGSEGV");
    const own = await runCli(["explain", "42"]);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain("application-specific");
  });
});

describe("kubectlHabits", () => {
  it("splits short options run together with their value, only before --, and makes a bare --color always", () => {
    expect(kubectlHabits(["analyze", "-ojson", "-nkube-system", "-lapp=web", "-q", "x"])).toEqual(["analyze", "-o", "json", "-n", "kube-system", "-l", "app=web", "-q", "x"]);
    expect(kubectlHabits(["analyze", "-o=yaml", "--", "-ojson"])).toEqual(["analyze", "-o", "yaml", "--", "-ojson"]);
    expect(kubectlHabits(["analyze", "--color", "x"])).toEqual(["analyze", "--color=always", "x"]);
    expect(kubectlHabits(["analyze", "--color", "never", "x"])).toEqual(["analyze", "--color", "never", "x"]);
  });
});
