/**
 * Hostile inputs: a 200 MB line, 10,000-deep nesting, huge strings, wrong
 * types and nulls in every field of a real pod, unknown kinds, empty files, a
 * directory of non-captures, broken gzip. Never an exception, never a hang,
 * never a stack trace, memory bounded, and the good records around the bad
 * one kept.
 *
 * The command-line cases run the built binary (dist/cli/main.js: `npm run build`).
 * Long run: FUZZ_RUNS=2000 npm test -- test/fuzz
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { OUTPUT_FORMATS, render } from "../../src/render/index.js";
import type { Report } from "../../src/types.js";
import { envelope, pod } from "../helpers/pods.js";
import { analyzeBytes, captures, memorySource, params, podsJson, timeoutFor, toJsonl, type Json } from "./helpers.js";

const BIN = "dist/cli/main.js";
const MiB = 1024 * 1024;

const before = envelope("ADDED", pod({ rv: 10, name: "pod-1-before", uid: "11111111-1111-4111-8111-111111111111", phase: "Pending" }));
const after = envelope("ADDED", pod({ rv: 11, name: "pod-2-after", uid: "22222222-2222-4222-8222-222222222222", phase: "Pending" }));
const aroundNames = ["pod-1-before", "pod-2-after"];

/** The report of `before`, `after` and nothing else: what a bad record between them must leave intact. */
let aroundPods: unknown;
beforeAll(async () => {
  aroundPods = podsJson(await analyzeBytes({ "capture.jsonl": toJsonl([before, after]) }));
});

/** The pods `before` and `after` are reported exactly as without the bad record. */
function expectAroundKept(report: Report): void {
  expect(podsJson(report).filter((p) => aroundNames.includes(p.name))).toEqual(aroundPods);
}

/** Every output format renders the report. */
function expectRenders(report: Report): void {
  for (const format of OUTPUT_FORMATS) expect(typeof render(report, format)).toBe("string");
}

const dir = mkdtempSync(join(tmpdir(), "podtrail-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function checked(r: CliResult & { readonly timedOut: boolean }, what: string): CliResult {
  expect(r.timedOut, `${what}: the CLI ended in time`).toBe(false);
  expect(r.stderr, what).not.toMatch(/^\s+at /m);
  expect(r.stderr, what).not.toContain("internal error");
  return r;
}

/** The built CLI: exit status, output, and never a stack trace. */
function cli(args: readonly string[]): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 30_000, env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 * MiB });
  return checked({ code: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.error !== undefined }, args.join(" "));
}

/** The built CLI, asynchronously (several at once on 2 cores). */
function cliAsync(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 30_000, env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 * MiB }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
      resolve(checked({ code, stdout, stderr, timedOut: error !== null && error.killed === true }, args.join(" ")));
    });
  });
}

describe("a 200 MB single line", () => {
  /** `{"type":"ADDED","object":{...,"annotations":{"a":"aaaa...` of `size` bytes, made lazily in 1 MiB chunks, between two good records. */
  async function* hugeLine(size: number, sample: () => void): AsyncGenerator<Buffer> {
    yield Buffer.from(`${JSON.stringify(before)}\n`);
    const head = Buffer.from('{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"x","namespace":"default","uid":"33333333-3333-4333-8333-333333333333","resourceVersion":"12","annotations":{"a":"');
    const tail = Buffer.from('"}},"status":{"phase":"Pending"}}}\n');
    yield head;
    const chunk = Buffer.alloc(MiB, "a");
    for (let sent = head.length + tail.length; sent < size; sent += MiB) {
      sample();
      yield chunk.subarray(0, Math.min(MiB, size - sent));
    }
    yield tail;
    yield Buffer.from(`${JSON.stringify(after)}\n`);
  }

  async function readHuge(options: { maxRecordBytes?: number; inputFormat?: "watch-jsonl" }): Promise<{ report: Report; growth: number }> {
    const base = process.memoryUsage().rss;
    let peak = base;
    const sample = (): void => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    const source = { name: "huge.jsonl", size: null, open: () => hugeLine(200 * MiB, sample) };
    const report = await analyze([source], options);
    return { report, growth: peak - base };
  }

  for (const [what, options, limit] of [
    ["the default 64 MiB limit (detected format)", {}, 64 * MiB],
    ["the default limit, format forced to watch-jsonl", { inputFormat: "watch-jsonl" as const }, 64 * MiB],
    ["maxRecordBytes 1 MiB", { maxRecordBytes: MiB }, MiB],
  ] as const) {
    it(
      `is skipped with a located warning under ${what}, in bounded memory, and the records around it are kept`,
      async () => {
        const { report, growth } = await readHuge(options);
        expect(report.warnings).toMatchObject([{ input: "huge.jsonl", line: 2, diagnostic: { kind: "recordTooLarge" }, message: expect.stringMatching(/record larger than .*skipped/) }]);
        expect(report.warnings).toHaveLength(1);
        expectAroundKept(report);
        expect(report.pods.map((p) => p.name)).toEqual(aroundNames);
        // The bytes of the record kept in memory are bounded by the limit (and a copy), never the whole line.
        expect(growth).toBeLessThan(2 * limit + 48 * MiB);
        expect(growth).toBeLessThan(150 * MiB);
      },
      120_000,
    );
  }
});

describe("deep nesting and huge values", () => {
  const cases: [string, () => string][] = [
    ["10,000-deep arrays in a pod's annotations", () => JSON.stringify(envelope("ADDED", { ...pod({ rv: 20, name: "deep-a", uid: "44444444-4444-4444-8444-444444444444" }), metadata: { name: "deep-a", namespace: "shop", uid: "44444444-4444-4444-8444-444444444444", resourceVersion: "20", creationTimestamp: "2024-05-01T10:00:00Z", annotations: { a: "@" } } })).replace('"@"', `${"[".repeat(10_000)}${"]".repeat(10_000)}`)],
    ["10,000-deep objects in a pod's annotations", () => JSON.stringify(envelope("ADDED", { ...pod({ rv: 21, name: "deep-o", uid: "55555555-5555-4555-8555-555555555555" }), metadata: { name: "deep-o", namespace: "shop", uid: "55555555-5555-4555-8555-555555555555", resourceVersion: "21", creationTimestamp: "2024-05-01T10:00:00Z", annotations: { a: "@" } } })).replace('"@"', `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`)],
    ["a 10,000-deep array as a whole line", () => `${"[".repeat(10_000)}${"]".repeat(10_000)}`],
    ["a 100,000-deep object as a whole line", () => `${'{"a":'.repeat(100_000)}null${"}".repeat(100_000)}`],
    ["an unclosed 100,000-deep array", () => "[".repeat(100_000)],
    ["a 20 MB waiting message", () => JSON.stringify(envelope("MODIFIED", pod({ rv: 22, name: "loud", uid: "66666666-6666-4666-8666-666666666666", phase: "Pending", statuses: [{ name: "app", state: { waiting: "CrashLoopBackOff", message: "m".repeat(20 * MiB) } }] })))],
    ["a 4 MB string of escapes", () => `{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"esc","uid":"77777777-7777-4777-8777-777777777777","annotations":{"a":"${"\\\\\\\"".repeat(MiB)}"}}}}`],
    ["a 2 MB number", () => `{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"num","uid":"88888888-8888-4888-8888-888888888888","resourceVersion":${"9".repeat(2 * MiB)}}}}`],
  ];
  for (const [what, line] of cases) {
    it(
      `${what}: no exception, every format renders, the records around it are kept`,
      async () => {
        const bytes = `${JSON.stringify(before)}\n${line()}\n${JSON.stringify(after)}\n`;
        const report = await analyzeBytes({ "capture.jsonl": bytes });
        expectAroundKept(report);
        expectRenders(report);
        // Also delivered in small chunks, pretty-printed neighbours and all.
        const chunked = await analyzeBytes({ "capture.jsonl": bytes }, {}, [4093, 17]);
        expect(podsJson(chunked)).toEqual(podsJson(report));
      },
      60_000,
    );
  }
});

/** Every path of a JSON value (objects' keys, arrays' indices), parents before children. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => [[...prefix, k], ...paths((value as Record<string | number, unknown>)[k], [...prefix, k])]);
}

function replaced(value: unknown, path: readonly (string | number)[], by: unknown): unknown {
  if (path.length === 0) return by;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Json) }) as Record<string | number, unknown>;
  copy[path[0]!] = replaced(copy[path[0]!], path.slice(1), by);
  return copy;
}

describe("wrong types and nulls in every field of real pods and events", () => {
  /** Real records: a pod with init containers, terminations and managedFields; a kubectl pod; core/v1 and events.k8s.io/v1 events. */
  const real = (() => {
    const all = captures();
    const records = (name: string) => all.find((c) => c.name === name)!.files.flatMap((f) => f.records);
    const pick = (name: string, test: (r: Json) => boolean) => records(name).find(test)!;
    const obj = (r: Json) => (r["object"] ?? r) as Json;
    return {
      "pod with init containers (watch)": pick("samples/pods-and-events", (r) => JSON.stringify(r).includes("initContainerStatuses") && JSON.stringify(r).includes('"terminated"')),
      "crash-looping pod (watch)": records("samples/crashloop-oomkilled").at(-1)!,
      "kubectl pod (bare)": records("samples/busybox-kubectl-watch").at(-1)!,
      "core/v1 Pulled event": pick("samples/pods-and-events", (r) => obj(r)["reason"] === "Pulled"),
      "events.k8s.io/v1 event": pick("samples/events-v1-mixed", (r) => String(obj(r)["apiVersion"]).startsWith("events.k8s.io")),
    } as Record<string, Json>;
  })();

  for (const [what, record] of Object.entries(real)) {
    it(
      `${what}: every field replaced by null, one at a time`,
      async () => {
        const all = paths(record);
        expect(all.length).toBeGreaterThan(30);
        for (const path of all) {
          const bytes = toJsonl([before, replaced(record, path, null), after]);
          let report: Report;
          try {
            report = await analyzeBytes({ "capture.jsonl": bytes });
            expectAroundKept(report);
            expectRenders(report);
          } catch (error) {
            throw new Error(`${path.join(".")} = null: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
          }
        }
      },
      120_000,
    );
  }

  const wrongValues: unknown[] = [42, -1, 1e308, 0.5, "3", "", "x".repeat(300), true, [], {}, [null], { a: 1 }, "2024-13-45T99:99:99Z", "NaN", -0];
  it(
    "any field of a real record replaced by a value of the wrong type: no exception, every format renders, the records around it kept",
    async () => {
      const entries = Object.entries(real).map(([what, record]) => ({ what, record, all: paths(record) }));
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...wrongValues)), { minLength: 1, maxLength: 3 }), async (which, changes) => {
          const { record, all } = entries[which % entries.length]!;
          let value: unknown = record;
          for (const [p, by] of changes) value = replaced(value, all[p % all.length]!, by);
          const report = await analyzeBytes({ "capture.jsonl": toJsonl([before, value, after]) });
          expectAroundKept(report);
          expectRenders(report);
        }),
        params(300),
      );
    },
    timeoutFor(300, 30),
  );

  it("numbers where strings belong and strings where numbers belong: a located warning, the record used where it can be", async () => {
    const base = pod({ rv: 30, name: "typed", uid: "99999999-9999-4999-8999-999999999999", phase: "Running", node: "n1", statuses: [{ name: "app", state: { running: 3 }, restarts: 3 }] }) as Json & { metadata: Json; status: Json };
    const variants: [string, unknown][] = [
      ['"name": 42', { ...base, metadata: { ...base.metadata, name: 42 } }],
      ['"uid": 7', { ...base, metadata: { ...base.metadata, uid: 7 } }],
      ['"resourceVersion": 30 (a number)', { ...base, metadata: { ...base.metadata, resourceVersion: 30 } }],
      ['"creationTimestamp": 1714557600', { ...base, metadata: { ...base.metadata, creationTimestamp: 1714557600 } }],
      ['"restartCount": "3"', replaced(base, ["status", "containerStatuses", 0, "restartCount"], "3")],
      ['"phase": 1', { ...base, status: { ...base.status, phase: 1 } }],
      ['"conditions": "Ready"', { ...base, status: { ...base.status, conditions: "Ready" } }],
      ['"containerStatuses": {}', { ...base, status: { ...base.status, containerStatuses: {} } }],
      ['"labels": ["a"]', { ...base, metadata: { ...base.metadata, labels: ["a"] } }],
    ];
    for (const [what, value] of variants) {
      const report = await analyzeBytes({ "capture.jsonl": toJsonl([before, value, after]) });
      expectAroundKept(report);
      expectRenders(report);
      expect(report.warnings.filter((w) => w.line === 2), what).not.toEqual([]);
    }
  });
});

describe("unknown kinds, odd envelopes, empty inputs", () => {
  it("unknown kinds and odd envelopes are counted or warned about, never applied, never fatal", async () => {
    const odd: unknown[] = [
      { kind: "Node", apiVersion: "v1", metadata: { name: "n1" } },
      { kind: "ConfigMap", apiVersion: "v1", metadata: { name: "c" }, data: { a: "b" } },
      envelope("ADDED", { kind: "Deployment", apiVersion: "apps/v1", metadata: { name: "d" } }),
      { kind: 42, metadata: { name: "k" } },
      { kind: "", metadata: {} },
      { kind: "Event", apiVersion: "audit.k8s.io/v1", level: "Metadata" },
      { kind: "Pod", apiVersion: "v2alpha9", metadata: { name: "future" } },
      envelope("SYNC", { kind: "Pod", metadata: { name: "p" } }),
      envelope("ADDED", null),
      envelope("ADDED", [1, 2]),
      envelope("ADDED", "Pod"),
      { type: 42, object: {} },
      {},
      { items: "not a list", kind: "PodList" },
      { kind: "PodList", apiVersion: "v1", items: [null, 1, "x", [], { kind: "Node" }] },
    ];
    const report = await analyzeBytes({ "capture.jsonl": toJsonl([before, ...odd, after]) });
    expectAroundKept(report);
    expectRenders(report);
    expect(report.totals.skipped).toBeGreaterThan(0);
    expect(Object.keys(report.totals.skippedKinds)).toEqual(expect.arrayContaining(["ConfigMap", "Deployment", "Node"]));
    // The same objects as list items, as array elements and pretty-printed.
    for (const bytes of [JSON.stringify({ kind: "List", apiVersion: "v1", items: [before, ...odd, after] }, null, 4), JSON.stringify([before, ...odd, after]), odd.map((o) => JSON.stringify(o, null, 2)).join("\n")]) {
      const other = await analyzeBytes({ "capture.json": bytes });
      expectRenders(other);
    }
  });

  it("empty and blank inputs: no pods, no exception, only the one line that says the input is empty", async () => {
    for (const bytes of ["", " ", "\n\n\n", "\r\n", "\t \n", "\ufeff", "\ufeff\n"]) {
      const report = await analyzeBytes({ "empty.jsonl": bytes });
      expect(report.pods, JSON.stringify(bytes)).toEqual([]);
      expect(report.inputs[0]!.looksLike, JSON.stringify(bytes)).toMatch(/^empty file/);
      expect(report.warnings.map((w) => w.diagnostic.kind), JSON.stringify(bytes)).toEqual(["noCapture"]);
      expectRenders(report);
    }
    const mixed = await analyze([memorySource("a-empty.jsonl", ""), memorySource("b.jsonl", toJsonl([before, after])), memorySource("c-empty.json", "\n")]);
    expectAroundKept(mixed);
  });
});

describe("damaged gzip, in process", () => {
  const gz = gzipSync(Buffer.from(toJsonl([before, after])));

  it("a .gz cut anywhere after its data keeps every record, with one warning", async () => {
    const report = await analyzeBytes({ "pods.jsonl.gz": gz.subarray(0, gz.length - 4) });
    expectAroundKept(report);
    expect(report.warnings).toMatchObject([{ input: "pods.jsonl.gz", line: null, diagnostic: { kind: "damagedCompression", damage: "truncated" } }]);
    expect(report.warnings).toHaveLength(1);
  });

  // Regression: zlib drops the output of a failing write; src/input/decompress.ts feeds it slices and checks
  // the trailer itself, so damage costs at most one slice's output and a bad trailer none.
  it("a .gz whose trailer (CRC32, ISIZE) is damaged keeps every record it inflated, with one warning", async () => {
    for (const at of [gz.length - 1, gz.length - 5, gz.length - 8]) {
      const bad = Buffer.from(gz);
      bad[at] = bad[at]! ^ 1;
      const report = await analyzeBytes({ "pods.jsonl.gz": bad });
      expect(report.warnings).toMatchObject([{ input: "pods.jsonl.gz", line: null, diagnostic: { kind: "damagedCompression", damage: "corrupt" } }]);
      expect(report.warnings).toHaveLength(1);
      expectAroundKept(report);
    }
  });
});

describe("the built command line on hostile files", () => {
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
  });

  /** A PNG header, then binary. */
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256))]);

  it(
    "a directory holding a capture, a PNG and a README: exit 0, the non-captures skipped with a warning each, the capture's pods reported",
    () => {
      const d = mkdtempSync(join(dir, "caps-"));
      writeFileSync(join(d, "logo.png"), png);
      writeFileSync(join(d, "README.md"), "# Captures\n\nTaken during the incident of 2024-05-01.\n\n- pods.jsonl: `kubectl get pods -w`\n");
      writeFileSync(join(d, "pods.jsonl"), toJsonl([before, after]));
      writeFileSync(join(d, "notes.txt"), "{ not json at all }\n");
      const r = cli(["analyze", d, "-o", "json"]);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as { pods: { name: string }[]; warnings: { input: string }[] };
      expect(report.pods.map((p) => p.name)).toEqual(aroundNames);
      const warned = new Set(report.warnings.map((w) => w.input));
      for (const f of ["logo.png", "README.md", "notes.txt"]) expect(warned).toContain(join(d, f));
      expect(warned).not.toContain(join(d, "pods.jsonl"));
    },
    60_000,
  );

  const gz = gzipSync(Buffer.from(toJsonl([before, after])));
  const broken: [string, Buffer][] = [
    ["truncated in the header", gz.subarray(0, 6)],
    ["truncated in the data", gz.subarray(0, Math.floor(gz.length / 2))],
    ["truncated in the trailer", gz.subarray(0, gz.length - 3)],
    ["1f 8b then garbage", Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from("this is not deflate data at all\n".repeat(20))])],
    ["1f 8b 08 then zeros", Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08]), Buffer.alloc(5000)])],
    ["1f 8b alone", Buffer.from([0x1f, 0x8b])],
    ["1f alone", Buffer.from([0x1f])],
    ["two gzip members, the second cut", Buffer.concat([gz, gz.subarray(0, 20)])],
    ["gzip of gzip", gzipSync(gz)],
    ["gzip of a PNG", gzipSync(png)],
  ];
  it(
    "a .gz truncated, or not gzip after its magic bytes: a located warning and exit 0, or one line and exit 2; no hang, no stack trace",
    async () => {
      const results = await Promise.all(
        broken.map(async ([what, bytes]) => {
          const path = join(dir, `${what.replace(/\W+/g, "-")}.jsonl.gz`);
          writeFileSync(path, bytes);
          return { what, path, r: await cliAsync(["analyze", path, "-o", "json"]) };
        }),
      );
      for (const { what, path, r } of results) {
        expect([0, 2], what).toContain(r.code);
        if (r.code === 2) expect(r.stderr.trim().split("\n"), what).toHaveLength(1);
        else expect((JSON.parse(r.stdout) as { warnings: { input: string }[] }).warnings.map((w) => w.input), what).toContain(path);
      }
      // Under --strict the damage is a failure.
      const strict = await cliAsync(["analyze", results[1]!.path, "--strict"]);
      expect(strict.code).toBe(results[1]!.r.code === 2 ? 2 : 1);
    },
    60_000,
  );
});
