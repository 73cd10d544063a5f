import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { validateJsonReport } from "../../src/render/validateReport.js";

/**
 * Golden reports over samples/: each case's input/ is analyzed in every
 * output format and compared byte for byte with the expected files beside it.
 * `UPDATE_GOLDEN=1 npm test -- test/golden` rewrites them; review the diff like code.
 */
const SAMPLES = "samples";
const update = process.env["UPDATE_GOLDEN"] === "1";
const FORMATS = [
  ["json", "expected.json"],
  ["text", "expected.txt"],
  ["markdown", "expected.md"],
  ["csv", "expected.csv"],
  ["html", "expected.html"],
] as const;

const cases = readdirSync(SAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(SAMPLES, d.name, "input")))
  .map((d) => d.name)
  .sort();

describe.concurrent.each(cases)("sample %s", (name) => {
  const dir = join(SAMPLES, name);
  const extra = existsSync(join(dir, "args")) ? readFileSync(join(dir, "args"), "utf8").trim().split(/\s+/) : [];
  const expectedExit = existsSync(join(dir, "expected.exit")) ? Number(readFileSync(join(dir, "expected.exit"), "utf8")) : 0;

  it.each(FORMATS)("renders -o %s as %s", async (format, file) => {
    const { stdout, code } = await runCli(["analyze", join(dir, "input"), "-o", format, ...extra]);
    expect(code).toBe(expectedExit);
    const path = join(dir, file);
    if (update || !existsSync(path)) writeFileSync(path, stdout);
    expect(stdout).toBe(readFileSync(path, "utf8"));
    if (format === "json") expect(validateJsonReport(JSON.parse(stdout))).toEqual([]);
  });
});
