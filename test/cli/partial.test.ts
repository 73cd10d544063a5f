/**
 * `podtrail analyze --partial` and `podtrail merge` through the built binary:
 * merging partials gives what analyzing the captures gives, in every output
 * format and with every report option, exit status and stderr included.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const EVENTS = "samples/pods-and-events/input";
const CRASH = "samples/crashloop-oomkilled/input";
const GARBAGE = "samples/truncated-garbage/input";
const STUCK = "samples/image-pull-backoff/input";

const tmp = (): string => mkdtempSync(join(tmpdir(), "podtrail-partial-"));

describe.concurrent("podtrail merge", () => {
  it("gives analyze's report, exit status and stderr, in every output format and with every report option", async () => {
    const dir = tmp();
    const made = await Promise.all(
      [EVENTS, CRASH, GARBAGE, STUCK].map((input, i) => runCli(["analyze", input, "--partial", join(dir, `day-${i}.partial`)])),
    );
    for (const [i, r] of made.entries()) expect(r).toEqual({ code: 0, stdout: "", stderr: expect.stringMatching(new RegExp(`^podtrail: wrote .*day-${i}\\.partial \\(\\d+\\.\\d kB\\)\\n$`)), signal: null });
    const cases: string[][] = [
      ["-o", "text"],
      ["-o", "json", "--validate"],
      ["-o", "markdown", "--top", "2"],
      ["-o", "csv", "-n", "shop"],
      ["-o", "html"],
      ["-o", "json", "--group-by", "node", "-l", "app in (web,storefront)"],
      ["--fail-if", "startup.p99>5s", "-o", "json"],
      ["--strict", "-o", "csv"],
      ["--since", "30m", "--pod", "storefront"],
    ];
    for (const options of cases) {
      const direct = await runCli(["analyze", EVENTS, CRASH, GARBAGE, STUCK, ...options]);
      const merged = await runCli(["merge", dir, ...options]);
      expect({ options, ...merged }).toEqual({ options, ...direct });
    }
  });

  it("merges merged partials, reads and writes partials on standard streams, and refuses report options with --partial", async () => {
    const dir = tmp();
    for (const [i, input] of [EVENTS, CRASH, STUCK].entries()) expect((await runCli(["analyze", input, "--partial", join(dir, `p${i}.partial`), "-q"])).code).toBe(0);
    const week = join(dir, "week.partial");
    const both = await runCli(["merge", join(dir, "p0.partial"), join(dir, "p1.partial"), "--partial", week, "-q"]);
    expect(both).toMatchObject({ code: 0, stdout: "", stderr: "" });
    const direct = await runCli(["analyze", EVENTS, CRASH, STUCK, "-o", "json"]);
    expect((await runCli(["merge", week, join(dir, "p2.partial"), "-o", "json"])).stdout).toBe(direct.stdout);
    // --partial -: gzip on stdout, which merge - reads from stdin.
    const piped = await new Promise<Buffer>((resolve, reject) => {
      import("node:child_process").then(({ spawn }) => {
        const child = spawn(process.execPath, ["dist/cli/main.js", "analyze", EVENTS, CRASH, STUCK, "--partial", "-"], { stdio: ["ignore", "pipe", "pipe"] });
        const out: Buffer[] = [];
        child.stdout.on("data", (c: Buffer) => out.push(c));
        child.on("error", reject);
        child.on("close", () => resolve(Buffer.concat(out)));
      });
    });
    expect(gunzipSync(piped).toString("utf8")).toMatch(/^\{"kind":"header","format":"podtrail-partial","version":1,/);
    expect((await runCli(["merge", "-", "-o", "json"], { input: piped })).stdout).toBe(direct.stdout);
    const refused = await runCli(["analyze", EVENTS, "--partial", join(dir, "x.partial"), "-o", "json", "--fail-if", "startup.p99>5s"]);
    expect(refused).toMatchObject({ code: 2, stdout: "", stderr: "podtrail: --partial writes a partial result, not a report: -o, --fail-if shape only a report (podtrail merge applies them to partials)\n" });
    expect(existsSync(join(dir, "x.partial"))).toBe(false);
  });

  it("refuses what is not a whole partial of its version in one line, exit 2, leaving no file behind when it cannot write", async () => {
    const dir = tmp();
    const good = join(dir, "good.partial");
    expect((await runCli(["analyze", EVENTS, "--partial", good, "-q"])).code).toBe(0);
    const bytes = readFileSync(good);
    writeFileSync(join(dir, "cut.partial"), bytes.subarray(0, bytes.length - 20));
    const text = gunzipSync(bytes).toString("utf8");
    writeFileSync(join(dir, "old.partial"), text.replace('"version":1', '"version":0'));
    writeFileSync(join(dir, "edited.partial"), text.replace('"podRecords":', '"podRecords":9'));
    const expected: [string, RegExp][] = [
      ["cut.partial", /^podtrail: .*cut\.partial: input is a truncated gzip stream: .*: re-create it from the raw captures \(podtrail analyze \.\.\. --partial\)\n$/],
      ["old.partial", /^podtrail: .*old\.partial is a partial of format version 0, written by podtrail \S+; this podtrail \(podtrail \S+\) reads version 1: re-create it from the raw captures with this podtrail, or merge it with the podtrail that wrote it\n$/],
      ["edited.partial", /^podtrail: .*edited\.partial line \d+: its lines do not match the SHA-256 of its end line: the partial is damaged or was edited; re-create it/],
      [EVENTS, /^podtrail: .*events\.jsonl is not a podtrail partial/],
    ];
    for (const [file, message] of expected) {
      const r = await runCli(["merge", good, file.startsWith("samples") ? file : join(dir, file)]);
      expect({ file, code: r.code, stdout: r.stdout, lines: r.stderr.split("\n").length }).toEqual({ file, code: 2, stdout: "", lines: 2 });
      expect(r.stderr).toMatch(message);
    }
    const unwritable = await runCli(["analyze", EVENTS, "--partial", join(dir, "missing", "x.partial")]);
    expect(unwritable).toMatchObject({ code: 2, stderr: `podtrail: cannot write '${join(dir, "missing", "x.partial")}': no such directory\n` });
    // A run that fails on its input leaves neither the partial nor its temporary file.
    const failed = await runCli(["analyze", join(dir, "nothing-here.jsonl"), "--partial", join(dir, "y.partial")]);
    expect(failed.code).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(["cut.partial", "edited.partial", "good.partial", "old.partial"]);
  });
});
