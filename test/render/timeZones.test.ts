/**
 * Every human format (text, Markdown, HTML) is the same whatever the
 * machine's time zone: the library's `render`, on reports of every sample and
 * of a capture spanning a daylight-saving change, run in child processes
 * started with TZ set (a zone is read when the process starts). The children
 * run src/ bundled by esbuild, with the page's assets built as the build
 * builds them.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { render } from "../../src/render/index.js";
import { clientAssetsEsbuildPlugin } from "../../src/render/html/clientAssets.build.mjs";

const ZONES = ["UTC", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"] as const;
const FORMATS = ["text", "markdown", "html"] as const;
const DIR = join("test", "artifacts", "time-zones");
const DRIVER = join(DIR, "render.mjs");

/** Two pods created 182 days apart, on either side of the northern daylight-saving change (the smallest input that showed local calendar time in durations). */
const DST_SPAN = [
  { type: "ADDED", object: { kind: "Pod", apiVersion: "v1", metadata: { name: "a", namespace: "ns", uid: "u1", resourceVersion: "1", creationTimestamp: "2024-01-01T00:00:00Z" }, spec: { containers: [{ name: "app", image: "nginx" }] }, status: { phase: "Pending" } } },
  { type: "ADDED", object: { kind: "Pod", apiVersion: "v1", metadata: { name: "b", namespace: "ns", uid: "u2", resourceVersion: "2", creationTimestamp: "2024-07-01T00:00:00Z" }, spec: { containers: [{ name: "app", image: "nginx" }] }, status: { phase: "Pending" } } },
];

const inputs = [
  ...readdirSync("samples")
    .filter((d) => existsSync(join("samples", d, "input")))
    .sort()
    .map((d) => join("samples", d, "input")),
  join(DIR, "dst-span.jsonl"),
];

type Rendered = Record<string, Record<(typeof FORMATS)[number], string>>;

async function renderAll(): Promise<Rendered> {
  const out: Rendered = {};
  for (const input of inputs) {
    const report = await analyze([input]);
    out[input] = { text: render(report, "text"), markdown: render(report, "markdown"), html: render(report, "html") };
  }
  return out;
}

describe("time zones", () => {
  beforeAll(async () => {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(join(DIR, "dst-span.jsonl"), `${DST_SPAN.map((r) => JSON.stringify(r)).join("\n")}\n`);
    // The driver is this file's renderAll over src/, as a plain Node script beside node_modules.
    await build({
      stdin: {
        contents: `import { analyze, render } from "./src/index.js";
          const out = {};
          for (const input of JSON.parse(process.argv[2])) {
            const report = await analyze([input]);
            out[input] = { text: render(report, "text"), markdown: render(report, "markdown"), html: render(report, "html") };
          }
          process.stdout.write(JSON.stringify(out));`,
        resolveDir: process.cwd(),
        loader: "ts",
        sourcefile: "time-zone-driver.ts",
      },
      outfile: DRIVER,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      logLevel: "silent",
      plugins: [clientAssetsEsbuildPlugin()],
    });
  });
  afterAll(() => rmSync(DIR, { recursive: true, force: true }));

  it(`renders every sample and a span across a DST change identically under TZ=${ZONES.join(", ")}`, async () => {
    const runs = await Promise.all(
      ZONES.map(async (zone) => {
        const { stdout } = await promisify(execFile)(process.execPath, [DRIVER, JSON.stringify(inputs)], { env: { ...process.env, TZ: zone }, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" });
        return [zone, JSON.parse(stdout) as Rendered] as const;
      }),
    );
    // The children render what the library renders here.
    const here = await renderAll();
    for (const [zone, rendered] of runs) {
      for (const input of inputs) {
        for (const format of FORMATS) expect(rendered[input]?.[format], `${input} -o ${format} under TZ=${zone}`).toBe(here[input]![format]);
      }
    }
    // 2024-01-01 to 2024-07-01 is 182 days of 24 hours in every zone.
    const span = here[join(DIR, "dst-span.jsonl")]!;
    expect(span.text).toContain("(182d 0h)");
    expect(span.markdown).toContain("(182d 0h)");
    expect(span.html).toContain("(182d 0h)");
  }, 120_000);
});
