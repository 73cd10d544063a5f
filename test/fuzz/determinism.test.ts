/**
 * The same capture gives the same bytes whatever the machine's time zone and
 * locale (the built binary under TZ=Asia/Shanghai LANG=zh_CN.UTF-8 and
 * TZ=UTC LANG=C), and --strict turns any warning into exit 1 with every
 * warning listed on stderr.
 *
 * The time-zone cases run the built binary (dist/cli/main.js: `npm run build`).
 * Long run: FUZZ_RUNS=2000 npm test -- test/fuzz
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess as runCli } from "../helpers/cli.js";
import { terminalText } from "../../src/render/terminalText.js";
import { arbCaptures, arbMutation, CORPUS, mergedRecords, mutate, params, SAMPLES, timeoutFor } from "./helpers.js";

const BIN = "dist/cli/main.js";

function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60_000, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });
}

const SHANGHAI = { TZ: "Asia/Shanghai", LANG: "zh_CN.UTF-8", LC_ALL: "zh_CN.UTF-8", LANGUAGE: "zh_CN" };
const UTC = { TZ: "UTC", LANG: "C", LC_ALL: "C", LANGUAGE: "" };

describe("time zone and locale never change the output", () => {
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
  });

  const inputs = [
    ...readdirSync(SAMPLES)
      .filter((d) => existsSync(join(SAMPLES, d, "input")))
      .sort()
      .map((d) => join(SAMPLES, d, "input")),
    join(CORPUS, "k8s-openapi-test-replays"),
    join(CORPUS, "pulumi-await-recordings", "workflows"),
  ];

  for (const format of ["json", "text", "markdown", "csv"] as const) {
    it(
      `every sample and two corpus folders together, -o ${format}: byte-identical under TZ=Asia/Shanghai LANG=zh_CN.UTF-8 and TZ=UTC LANG=C`,
      async () => {
        const args = ["analyze", ...inputs, "-o", format, "--group-by", "namespace", "--since", "2019-01-01T00:00:00+08:00"];
        const [shanghai, utc] = await Promise.all([run(args, SHANGHAI), run(args, UTC)]);
        expect(utc.code, utc.stderr).toBe(0);
        expect(shanghai.code, shanghai.stderr).toBe(0);
        expect(utc.stdout.length).toBeGreaterThan(1000);
        expect(shanghai.stdout).toBe(utc.stdout);
        expect(shanghai.stderr).toBe(utc.stderr);
      },
      120_000,
    );
  }
});

describe("--strict", () => {
  const dir = mkdtempSync(join(tmpdir(), "podtrail-strict-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    "any damaged capture: exit 1 with every warning of the report listed on stderr when there are warnings, exit 0 without --strict",
    async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(arbCaptures(), fc.array(fc.tuple(fc.nat(), fc.array(arbMutation, { minLength: 1, maxLength: 3 })), { maxLength: 3 }), async (chosen, damage) => {
          const lines: Buffer[] = mergedRecords(chosen).map((r) => Buffer.from(JSON.stringify(r)));
          for (const [i, muts] of damage) {
            const k = i % lines.length;
            lines[k] = mutate(lines[k]!, 0, lines[k]!.length, muts);
          }
          const path = join(dir, `capture-${n++}.jsonl`);
          writeFileSync(path, Buffer.concat(lines.flatMap((l) => [l, Buffer.from("\n")])));
          const lenient = await runCli(["analyze", path, "-o", "json"]);
          if (lenient.code === 2) {
            // The damage left no pod or event: one line and exit 2, --strict or not (docs/spec.md §1.8).
            expect(lenient.stderr).toMatch(/^podtrail: no pod or event in the input/);
            expect((await runCli(["analyze", path, "-o", "json", "--strict"])).code).toBe(2);
            rmSync(path);
            return;
          }
          expect(lenient.code).toBe(0);
          const { warnings } = JSON.parse(lenient.stdout) as { warnings: { input: string; line: number | null; message: string }[] };
          const strict = await runCli(["analyze", path, "-o", "json", "--strict"]);
          expect(strict.stdout).toBe(lenient.stdout);
          if (warnings.length === 0) {
            expect(strict.code).toBe(0);
            return;
          }
          expect(strict.code).toBe(1);
          const listed = strict.stderr.split("\n");
          // Listed as a terminal shows them: control characters from the capture escaped.
          for (const w of warnings) expect(listed).toContain(`  ${terminalText(`${w.input}${w.line === null ? "" : `:${w.line}`}: ${w.message}`)}`);
          expect(strict.stderr).toContain(`${warnings.length} warning`);
          rmSync(path);
        }),
        params(30),
      );
    },
    timeoutFor(30, 400),
  );

  it("more than 1000 warnings in one input: the 1000 kept and the count of the rest, all on stderr", async () => {
    const path = join(dir, "noisy.jsonl");
    const pod = JSON.stringify({ type: "ADDED", object: { kind: "Pod", metadata: { name: "p", namespace: "d", uid: "u" } } });
    writeFileSync(path, `${pod}\n${Array.from({ length: 1500 }, (_, i) => `not json ${i}\n{"type":"ADDED","object":42}\n`).join("")}`);
    const strict = await runCli(["analyze", path, "-o", "json", "--strict"]);
    expect(strict.code).toBe(1);
    const { warnings } = JSON.parse(strict.stdout) as { warnings: { input: string; line: number | null; message: string }[] };
    expect(warnings).toHaveLength(1001);
    expect(warnings.filter((w) => w.line === null)).toEqual([{ input: path, line: null, message: "2000 more warnings not listed" }]);
    const listed = strict.stderr.split("\n").filter((l) => l.startsWith("  "));
    expect(listed).toHaveLength(1001);
  });
});
