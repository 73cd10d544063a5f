import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { validateJsonReport } from "../../src/render/validateReport.js";
import { withoutInlinedAssets } from "../helpers/htmlGolden.js";

/**
 * Golden reports over samples/: each case's input/ is analyzed in every
 * output format, and what the command wrote is compared byte for byte with
 * the files beside it:
 *
 * - stdout with `expected.{json,txt,md,csv,html}` and, for the outputs other
 *   tools read, `expected.{ndjson,prom,junit.xml,kube-burner.json,clusterloader2.json}`
 *   (their consumers' checks: test/render/consumers.test.ts);
 * - stderr with `expected.stderr`, or with `expected.<ext>.stderr` for a
 *   format whose stderr differs from the others' (the text report lists
 *   warnings itself; the other formats say on stderr that the report has
 *   some);
 * - the exit status with `expected.exit` (0 when there is none).
 *
 * A missing golden fails. `UPDATE_GOLDEN=1 npm test -- test/golden` writes
 * them (never when CI is set); review the diff like code. An HTML golden
 * holds the page without its inlined stylesheet and script (the same in every
 * page, checked once by test/render/html.test.ts).
 */
const SAMPLES = "samples";
const CI = process.env["CI"] !== undefined && !["", "0", "false"].includes(process.env["CI"]);
const UPDATE = process.env["UPDATE_GOLDEN"] === "1";
const WRITE = UPDATE && !CI;
const HOW = "create it with `UPDATE_GOLDEN=1 npm test -- test/golden` (outside CI) and review it";

const FORMATS = [
  ["json", "expected.json"],
  ["text", "expected.txt"],
  ["markdown", "expected.md"],
  ["csv", "expected.csv"],
  ["html", "expected.html"],
  ["ndjson", "expected.ndjson"],
  ["openmetrics", "expected.prom"],
  ["junit", "expected.junit.xml"],
  ["kube-burner", "expected.kube-burner.json"],
  ["clusterloader2", "expected.clusterloader2.json"],
] as const;
type Format = (typeof FORMATS)[number][0];
type Run = { stdout: string; stderr: string; code: number };

const cases = readdirSync(SAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(SAMPLES, d.name, "input")))
  .map((d) => d.name)
  .sort();

/** The stderr golden of one format: its own file when it has one, else the sample's. */
const stderrFileOf = (dir: string, file: string): string => (existsSync(join(dir, `${file}.stderr`)) ? join(dir, `${file}.stderr`) : join(dir, "expected.stderr"));

/** Writes every golden of a sample from its runs: stdout per format, the stderr most formats share plus one file per format that differs, the exit status. */
function writeGoldens(dir: string, runs: ReadonlyMap<Format, Run>): void {
  const counts = new Map<string, number>();
  for (const run of runs.values()) counts.set(run.stderr, (counts.get(run.stderr) ?? 0) + 1);
  // The most common stderr (the first format's on a tie) is the sample's.
  const shared = [...runs.values()].map((r) => r.stderr).reduce((best, s) => (counts.get(s)! > counts.get(best)! ? s : best));
  writeFileSync(join(dir, "expected.stderr"), shared);
  for (const [format, file] of FORMATS) {
    const run = runs.get(format)!;
    writeFileSync(join(dir, file), run.stdout);
    const own = join(dir, `${file}.stderr`);
    if (run.stderr !== shared) writeFileSync(own, run.stderr);
    else rmSync(own, { force: true });
  }
  const codes = new Set([...runs.values()].map((r) => r.code));
  if (codes.size !== 1) throw new Error(`${dir}: the exit status differs between formats (${[...codes].join(", ")}); expected.exit holds one`);
  const [code] = codes;
  if (code === 0) rmSync(join(dir, "expected.exit"), { force: true });
  else writeFileSync(join(dir, "expected.exit"), `${code}\n`);
}

/** The golden's text; a failure saying how to create it when it is missing. */
function golden(path: string): string {
  if (!existsSync(path)) expect.fail(`${path} is missing${CI ? " (CI)" : ""}: ${HOW}`);
  return readFileSync(path, "utf8");
}

it("rewrites goldens only outside CI", () => {
  expect(UPDATE && CI, "UPDATE_GOLDEN=1 is refused when CI is set: goldens are written and reviewed locally, then committed").toBe(false);
});

describe.each(cases)("sample %s", (name) => {
  const dir = join(SAMPLES, name);
  const extra = existsSync(join(dir, "args")) ? readFileSync(join(dir, "args"), "utf8").trim().split(/\s+/) : [];
  const runs = new Map<Format, Run>();

  beforeAll(async () => {
    // Each run starts the binary: the formats run side by side.
    await Promise.all(
      FORMATS.map(async ([format]) => {
        const { stdout, stderr, code } = await runCli(["analyze", join(dir, "input"), "-o", format, ...extra]);
        runs.set(format, { stdout: format === "html" ? withoutInlinedAssets(stdout) : stdout, stderr, code: code ?? -1 });
      }),
    );
    if (WRITE) writeGoldens(dir, runs);
  });

  it.each(FORMATS)("-o %s: stdout is %s; stderr and exit status as recorded", (format, file) => {
    const run = runs.get(format)!;
    const expectedExit = existsSync(join(dir, "expected.exit")) ? Number(readFileSync(join(dir, "expected.exit"), "utf8")) : 0;
    expect.soft(run.stdout, `stdout of -o ${format}`).toBe(golden(join(dir, file)));
    const stderrFile = stderrFileOf(dir, file);
    expect.soft(run.stderr, `stderr of -o ${format} (${stderrFile})`).toBe(golden(stderrFile));
    expect.soft(run.code, `exit status of -o ${format}`).toBe(expectedExit);
    if (format === "json") expect(validateJsonReport(JSON.parse(run.stdout))).toEqual([]);
  });
});
