/**
 * Adversarial values in every field of real-shaped captures (the samples and
 * the corpus, and a built pod lifecycle with its kubelet events): negative and
 * huge numbers, odd strings, control characters, far-future and far-past
 * times, Pulled messages with negative and huge durations.
 *
 * Whatever the values, the JSON report validates against its own schema
 * (schemas/report.schema.json), and no output meant for people (text,
 * Markdown, HTML, timeline) carries a raw control character.
 *
 * Long run: FUZZ_RUNS=2000 npm test -- test/fuzz/adversarial.test.ts
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { render } from "../../src/render/index.js";
import { toJsonReport } from "../../src/render/json.js";
import { renderTimelineText } from "../../src/render/timelineText.js";
import { validateJsonReport } from "../../src/render/validateReport.js";
import { timeline } from "../../src/timeline.js";
import { isUserError } from "../../src/errors.js";
import type { Report } from "../../src/types.js";
import { at, envelope, pod } from "../helpers/pods.js";
import { analyzeBytes, captures, memorySource, mergedRecords, params, timeoutFor, toJsonl, type Json } from "./helpers.js";

/** Control characters a capture can smuggle: C0, DEL, C1, and the sequences terminals act on. */
const CONTROL_SNIPPETS = ["\u001b[2J", "\u001b]0;owned\u0007", "\u001b]52;c;ZWNobw==\u0007", "\u001b[8m", "\u009b31m", "\b\b\b", "\r", "\n", "\t", "\u0000", "\u007f", "\u0085", "\u000b\f"];

const arbControlChar = fc.integer({ min: 0, max: 0x9f }).filter((c) => c < 0x20 || c >= 0x7f).map((c) => String.fromCharCode(c));

/** Odd strings: control characters anywhere, formula starts, empty, blank, long, lone surrogates, bidi overrides, wide text. */
const arbOddString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("", " ", "=1+2", "-2+3", "@SUM(1)", "+cmd|' /C calc'!A0", "\ud800", "\u202eevil", "节点-一", "x".repeat(5000), "a,b;\"c\"", "|`*_<>&"),
  fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...CONTROL_SNIPPETS), fc.string({ maxLength: 8 })).map(([a, c, b]) => `${a}${c}${b}`),
  fc.array(fc.oneof(arbControlChar, fc.string({ maxLength: 2 })), { minLength: 1, maxLength: 12 }).map((parts) => parts.join("")),
  fc.string({ unit: "binary", maxLength: 20 }),
);

/** Numbers a JSON field can hold: negative, zero, huge, fractional, beyond 2^53. */
const arbOddNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, -0.5, 1e308, -1e308, 2 ** 31, -(2 ** 31), 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 2 ** 64, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Times: far past and far future (still RFC 3339), Go's zero time, a leap second, digits beyond nanoseconds, odd offsets, not times at all. */
const arbOddTime: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "0001-01-01T00:00:00Z",
    "0001-01-01T00:00:01Z",
    "0002-03-04T05:06:07.000001Z",
    "1000-01-01T00:00:00Z",
    "1969-12-31T23:59:59.999999Z",
    "1970-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999999Z",
    "9999-12-31T23:59:59-23:59",
    "0001-01-01T00:00:00+23:59",
    "2016-12-31T23:59:60Z",
    "2024-05-01T10:00:00.123456789012Z",
    "2024-02-30T10:00:00Z",
    "2024-05-01T24:00:00Z",
    "not a time",
    "",
  ),
  fc.date({ min: new Date(-62135596800000), max: new Date(253402300799999), noInvalidDate: true }).map((d) => d.toISOString()),
);

/** Go durations as a kubelet could print them, and some it never would. */
const arbDuration: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("-5s", "-0s", "0s", "-1ns", "2562047h47m16.854775807s", "-2562047h47m16.854775808s", "9999999999h", "1.5ms", "12.3µs", "1h0m3s", ".5s"),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((ms) => `${ms}ms`),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((s) => `${s}s`),
);

const arbPulledMessage: fc.Arbitrary<string> = fc.oneof(
  arbDuration.map((d) => `Successfully pulled image "nginx:1.27" in ${d}`),
  fc.tuple(arbDuration, arbDuration).map(([d, w]) => `Successfully pulled image "nginx:1.27" in ${d} (${w} including waiting)`),
  fc.tuple(arbDuration, arbDuration, fc.oneof(fc.nat(), fc.constant(2 ** 64))).map(([d, w, n]) => `Successfully pulled image "nginx:1.27" in ${d} (${w} including waiting). Image size: ${n} bytes.`),
);

type Path = readonly (string | number)[];

/** Every leaf (string, number, boolean) of a JSON value, with its path. */
function leaves(value: unknown, prefix: Path = []): { path: Path; value: unknown }[] {
  if (value === null || typeof value !== "object") return prefix.length === 0 ? [] : [{ path: prefix, value }];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => leaves(v, [...prefix, k]));
}

function replaced(value: unknown, path: Path, by: unknown): unknown {
  if (path.length === 0) return by;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Json) }) as Record<string | number, unknown>;
  copy[path[0]!] = replaced(copy[path[0]!], path.slice(1), by);
  return copy;
}

const TIME_LIKE = /^\d{4}-\d\d-\d\dT/;

/** A value of the leaf's own type (so it is read, not dropped as a wrong type), chosen adversarially. */
function arbReplacement(path: Path, value: unknown): fc.Arbitrary<unknown> {
  if (typeof value === "number") return arbOddNumber;
  if (typeof value === "boolean") return fc.boolean();
  const key = String(path[path.length - 1]);
  if (key === "message" && typeof value === "string" && value.startsWith("Successfully pulled")) return fc.oneof(arbPulledMessage, arbOddString);
  if (typeof value === "string" && TIME_LIKE.test(value)) return fc.oneof({ weight: 3, arbitrary: arbOddTime }, { weight: 1, arbitrary: arbOddString });
  return arbOddString;
}

/** A pod's whole start-up with its kubelet events: every stage, a restart, an init container, a pull with both durations. */
function lifecycle(): Json[] {
  const uid = "a1b2c3d4-0000-4000-8000-000000000001";
  const base = { uid, name: "web-0", namespace: "shop", node: "n1", containers: [{ name: "init", image: "busybox", init: true }, { name: "app", image: "nginx:1.27" }], owner: { kind: "ReplicaSet", name: "web" } };
  const event = (n: number, reason: string, message: string, container: string | null, s: number): Json =>
    envelope("ADDED", {
      kind: "Event",
      apiVersion: "v1",
      metadata: { name: `web-0.${n}`, namespace: "shop", uid: `e-${n}`, resourceVersion: String(100 + n) },
      involvedObject: { kind: "Pod", namespace: "shop", name: "web-0", uid, ...(container === null ? {} : { fieldPath: `spec.containers{${container}}` }) },
      reason,
      message,
      type: reason === "BackOff" ? "Warning" : "Normal",
      firstTimestamp: at(s),
      lastTimestamp: at(s),
      count: 1,
      source: { component: "kubelet", host: "n1" },
    }) as Json;
  return [
    envelope("ADDED", pod({ ...base, rv: 1, managed: 0 })) as Json,
    event(1, "Scheduled", "Successfully assigned shop/web-0 to n1", null, 1),
    envelope("MODIFIED", pod({ ...base, rv: 2, managed: 1, conditions: [{ type: "PodScheduled", status: "True", at: 1 }] })) as Json,
    event(2, "Pulling", 'Pulling image "nginx:1.27"', "app", 2),
    event(3, "Pulled", 'Successfully pulled image "nginx:1.27" in 1.5s (2.5s including waiting). Image size: 1000 bytes.', "app", 5),
    envelope(
      "MODIFIED",
      pod({
        ...base,
        rv: 3,
        managed: 6,
        phase: "Running",
        conditions: [{ type: "PodScheduled", status: "True", at: 1 }, { type: "Initialized", status: "True", at: 4 }, { type: "Ready", status: "True", at: 8 }],
        statuses: [
          { name: "init", init: true, state: { terminated: "Completed", exitCode: 0, started: 2, finished: 4 } },
          { name: "app", state: { running: 6 }, last: { terminated: "OOMKilled", exitCode: 137, started: 5, finished: 6 }, restarts: 1, ready: true },
        ],
      }),
    ) as Json,
    event(4, "BackOff", "Back-off restarting failed container app", "app", 6),
  ];
}

/** Base captures: the built lifecycle, every sample and the corpus. */
function bases(): { name: string; records: Json[] }[] {
  return [{ name: "lifecycle", records: lifecycle() }, ...captures().map((c) => ({ name: c.name, records: mergedRecords([c]) }))];
}

/** Any control character (C0, DEL, C1) except the newline that ends a line. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function expectSchemaValid(report: Report): void {
  expect(validateJsonReport(toJsonReport(report))).toEqual([]);
  // And as written: what JSON.stringify makes of -0, 1e308 and friends must validate too.
  expect(validateJsonReport(JSON.parse(render(report, "json")))).toEqual([]);
}

function expectNoRawControl(report: Report): void {
  for (const format of ["text", "markdown", "html"] as const) {
    const out = render(report, format);
    const bad = RAW_CONTROL.exec(out);
    expect(bad === null ? null : `${format}: ${JSON.stringify(out.slice(Math.max(0, bad.index - 40), bad.index + 40))}`).toBeNull();
  }
}

describe("adversarial values in every field of real-shaped captures", () => {
  const pool = bases();
  /** One base capture and up to 6 of its leaves, each replaced by an adversarial value of its type. */
  const arbCase = fc
    .tuple(fc.nat(pool.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }))
    .chain(([which, picks]) => {
      const base = pool[which]!;
      const leafs = base.records.map((r) => leaves(r));
      const chosen = picks
        .map(([r, l]) => {
          const record = r % base.records.length;
          const ls = leafs[record]!;
          return ls.length === 0 ? null : { record, leaf: ls[l % ls.length]! };
        })
        .filter((c) => c !== null);
      return fc.tuple(fc.constant(base), fc.tuple(...chosen.map((c) => arbReplacement(c.leaf.path, c.leaf.value).map((by) => ({ ...c, by })))));
    })
    .map(([base, changes]) => {
      const records = [...base.records] as unknown[];
      for (const c of changes) records[c.record] = replaced(records[c.record], c.leaf.path, c.by);
      return { name: base.name, records, changes: changes.map((c) => `${c.record}:${c.leaf.path.join(".")}=${JSON.stringify(c.by).slice(0, 80)}`) };
    });

  it(
    "-o json validates against schemas/report.schema.json, and text, Markdown and HTML carry no raw control character",
    async () => {
      await fc.assert(
        fc.asyncProperty(arbCase, fc.constantFrom(undefined, "namespace", "node", "owner"), async ({ records }, groupBy) => {
          const report = await analyzeBytes({ "capture.jsonl": toJsonl(records) }, groupBy === undefined ? {} : { groupBy });
          expectSchemaValid(report);
          expectNoRawControl(report);
        }),
        params(120),
      );
    },
    timeoutFor(120, 400),
  );

  it(
    "the same holds for the built lifecycle with many fields changed at once, and for its timeline",
    async () => {
      const base = lifecycle();
      const all = base.flatMap((r, record) => leaves(r).map((leaf) => ({ record, leaf })));
      // Each field changed with probability 1/8 (enough at once that stages, pulls and failures disagree, few enough
      // that the pod stays a pod); the Pulled message, whose durations become figures, one time in two.
      const weightKept = (path: Path): number => (path.join(".") === "object.message" ? 1 : 7);
      const arbAll = fc.tuple(
        ...all.map((c) => fc.oneof({ weight: weightKept(c.leaf.path), arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arbReplacement(c.leaf.path, c.leaf.value) })),
      );
      await fc.assert(
        fc.asyncProperty(arbAll, async (bys) => {
          let records = base as unknown[];
          bys.forEach((by, i) => {
            if (by === undefined) return;
            const { record, leaf } = all[i]!;
            records = records.map((r, k) => (k === record ? replaced(r, leaf.path, by) : r));
          });
          const text = toJsonl(records);
          const report = await analyzeBytes({ "capture.jsonl": text });
          expectSchemaValid(report);
          expectNoRawControl(report);
          for (const p of report.pods.slice(0, 3)) {
            // A query that names several pods (edited uids) is a user error, not this test's concern; anything else is a bug.
            const t = await timeline(p.uid ?? `${p.namespace}/${p.name}`, [memorySource("capture.jsonl", text)]).catch((error: unknown) => {
              if (isUserError(error)) return null;
              throw error;
            });
            if (t === null) continue;
            expect(renderTimelineText(t.pod, t.entries, t.spans)).not.toMatch(RAW_CONTROL);
          }
        }),
        params(60),
      );
    },
    timeoutFor(60, 400),
  );
});
