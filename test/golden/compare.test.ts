import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

/*
 * Golden comparisons (samples/kube-burner-parity/compare/README.md works their figures out):
 * `podtrail compare` in every format, stdout, stderr and exit status as
 * recorded in samples/kube-burner-parity/compare/<case>.expected.*. `UPDATE_GOLDEN=1` writes
 * them, never under CI.
 *
 * - regression: the kube-burner-parity captures against a run whose pods
 *   took twice as long and one of which was never scheduled, grouped by
 *   storage, with tolerances: exit 1;
 * - no-change: the kube-burner-parity JSON report (its golden) against its
 *   own captures: no change, exit 0.
 */
const DIR = "samples/kube-burner-parity/compare";
const CI = process.env["CI"] !== undefined && !["", "0", "false"].includes(process.env["CI"]);
const WRITE = process.env["UPDATE_GOLDEN"] === "1" && !CI;

const CASES: readonly { readonly name: string; readonly args: readonly string[]; readonly exit: number }[] = [
  {
    name: "regression",
    args: ["samples/kube-burner-parity/input", "samples/kube-burner-parity/compare/new", "--group-by", "storage", "--fail-if-slower", "startup.p99:10%", "--fail-if-slower", "scheduling:500ms"],
    exit: 1,
  },
  { name: "no-change", args: ["samples/kube-burner-parity/expected.json", "samples/kube-burner-parity/input", "--fail-if-slower", "10%"], exit: 0 },
];
const FORMATS = [
  ["text", "txt"],
  ["json", "json"],
  ["markdown", "md"],
  ["html", "html"],
] as const;

const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync("schemas/comparison.schema.json", "utf8")));

describe.each(CASES)("compare $name", ({ name, args, exit }) => {
  const runs = new Map<string, { stdout: string; stderr: string; code: number | null }>();
  beforeAll(async () => {
    await Promise.all(FORMATS.map(async ([format]) => runs.set(format, await runCli(["compare", ...args, "-o", format]))));
    if (WRITE) {
      for (const [format, ext] of FORMATS) writeFileSync(join(DIR, `${name}.expected.${ext}`), runs.get(format)!.stdout);
      writeFileSync(join(DIR, `${name}.expected.stderr`), runs.get("text")!.stderr);
    }
  });

  it.each(FORMATS)("-o %s: stdout, stderr and exit status as recorded", (format, ext) => {
    const run = runs.get(format)!;
    const file = join(DIR, `${name}.expected.${ext}`);
    if (!existsSync(file)) expect.fail(`${file} is missing: UPDATE_GOLDEN=1 npm test -- test/golden (outside CI), then review it`);
    expect.soft(run.stdout).toBe(readFileSync(file, "utf8"));
    expect.soft(run.stderr).toBe(readFileSync(join(DIR, `${name}.expected.stderr`), "utf8"));
    expect(run.code).toBe(exit);
    if (format === "json") {
      const doc = JSON.parse(run.stdout);
      expect(validate(doc) ? [] : validate.errors).toEqual([]);
      expect(doc.changed).toBe(name !== "no-change");
    }
  });
});
