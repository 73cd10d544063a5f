/**
 * A capture cut off at any byte (Ctrl-C, a full disk, a partial copy): every
 * complete record before the cut is applied, exactly as if the file had ended
 * after it, and the cut costs exactly one located warning when it falls inside
 * a record (none on a record boundary).
 *
 * Every offset of samples/busybox-watch-jsonl; offsets near each record
 * boundary plus sampled ones for the pretty samples/busybox-kubectl-watch and
 * for every other capture (JSONL, pretty, gzip).
 *
 * Long run: FUZZ_RUNS=2000 npm test -- test/fuzz
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { warningAt } from "../../src/diagnostics.js";
import type { Report } from "../../src/types.js";
import { analyzeBytes, arbCaptures, bare, mergedRecords, params, recoverable, runs, timeoutFor, type Json } from "./helpers.js";

/** Everything but the inputs' byte counts: what the complete records determine. */
function applied(report: Report): string {
  // What each input is (inputs, and the one-line description of an input with no pod or event) is not what was applied.
  const { inputs: _inputs, ...rest } = report;
  return JSON.stringify({ ...rest, warnings: rest.warnings.filter((w) => w.diagnostic.kind !== "noCapture") });
}

/** The report with the warning the cut adds: on the cut record's first line, sorted in (warnings are by input, line, message). */
function withCutWarning(report: Report, input: string, line: number): Report {
  const warnings = [...report.warnings, warningAt(input, line, { kind: "truncatedAtEnd" })];
  warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  return { ...report, warnings };
}

/** A text made of records, each followed by a newline: where each record starts and ends, and its first line. */
interface Layout {
  readonly bytes: Buffer;
  readonly starts: number[];
  readonly ends: number[];
  readonly lines: number[];
}

function layout(texts: readonly string[], eol = "\n"): Layout {
  const starts: number[] = [];
  const ends: number[] = [];
  const lines: number[] = [];
  let at = 0;
  let line = 1;
  for (const t of texts) {
    starts.push(at);
    lines.push(line);
    at += Buffer.byteLength(t);
    ends.push(at);
    at += eol.length;
    line += t.split("\n").length;
  }
  return { bytes: Buffer.from(texts.map((t) => `${t}${eol}`).join("")), starts, ends, lines };
}

/** Splits a sample the way its writer wrote it: compact lines, or pretty objects starting with `{` at column 0. */
function recordTexts(path: string): string[] {
  const text = readFileSync(path, "utf8").replace(/\n$/, "");
  return text.includes("\n{") && !text.startsWith('{"') ? text.split(/\n(?=\{)/) : text.split("\n");
}

/**
 * Analyzes the capture cut at `cut` and checks it against the capture of the
 * records complete before the cut (`references` caches those by record count):
 * the same report, plus one warning when the cut falls inside a record.
 */
async function checkCut(l: Layout, cut: number, references: Map<number, Report>, name: string): Promise<void> {
  const complete = l.ends.filter((e) => e <= cut).length;
  let reference = references.get(complete);
  if (reference === undefined) {
    reference = await analyzeBytes({ [name]: l.bytes.subarray(0, complete === 0 ? 0 : (l.starts[complete] ?? l.bytes.length)) });
    references.set(complete, reference);
  }
  const report = await analyzeBytes({ [name]: l.bytes.subarray(0, cut) });
  const inside = complete < l.starts.length && cut > l.starts[complete]!;
  expect(applied(report), `cut at byte ${cut} of ${l.bytes.length}`).toBe(applied(inside ? withCutWarning(reference, name, l.lines[complete]!) : reference));
}

describe("truncation at any byte keeps every complete record", () => {
  it(
    "samples/busybox-watch-jsonl cut at every byte offset",
    async () => {
      const l = layout(recordTexts("samples/busybox-watch-jsonl/input/pods.jsonl"));
      const references = new Map<number, Report>();
      for (let cut = 0; cut <= l.bytes.length; cut++) await checkCut(l, cut, references, "pods.jsonl");
    },
    120_000,
  );

  it(
    "samples/busybox-kubectl-watch (pretty, kubectl get -w -o json) cut near every record boundary and at sampled offsets (every offset when FUZZ_RUNS >= 1000)",
    async () => {
      const l = layout(recordTexts("samples/busybox-kubectl-watch/input/pods-watch.json"));
      expect(l.starts).toHaveLength(4);
      const references = new Map<number, Report>();
      if (runs(300) >= 1000) {
        for (let cut = 0; cut <= l.bytes.length; cut++) await checkCut(l, cut, references, "pods-watch.json");
        return;
      }
      const near = new Set<number>();
      for (const b of [...l.starts, ...l.ends]) for (let d = -40; d <= 40; d++) near.add(Math.min(l.bytes.length, Math.max(0, b + d)));
      for (const cut of [...near].sort((a, b) => a - b)) await checkCut(l, cut, references, "pods-watch.json");
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: l.bytes.length }), (cut) => checkCut(l, cut, references, "pods-watch.json")),
        params(300),
      );
    },
    timeoutFor(300, 20, 120_000),
  );

  it(
    "any capture, compact or pretty, LF or CRLF, cut at a random offset",
    async () => {
      await fc.assert(
        fc.asyncProperty(arbCaptures(), fc.constantFrom(0, 2, 4), fc.boolean(), fc.constantFrom("\n", "\r\n"), fc.nat(), async (chosen, indent, unwrap, eol, at) => {
          const records = mergedRecords(chosen).map((r) => (unwrap ? bare(r) : r));
          const text = (r: Json): string => (indent === 0 ? JSON.stringify(r) : JSON.stringify(r, null, indent).replace(/\n/g, eol));
          const l = layout(records.map(text), eol);
          await checkCut(l, at % (l.bytes.length + 1), new Map(), "capture.json");
        }),
        params(60),
      );
    },
    timeoutFor(60, 200),
  );

  it(
    "a .gz cut at a random offset: the records inflated before the cut are applied, and the damage is a warning on the input",
    async () => {
      await fc.assert(
        fc.asyncProperty(arbCaptures(), fc.nat(), async (chosen, at) => {
          const records: Json[] = mergedRecords(chosen);
          const l = layout(records.map((r) => JSON.stringify(r)));
          const gz = gzipSync(l.bytes);
          const cut = 2 + (at % (gz.length - 2)); // past the magic bytes (1f alone is not gzip), short of the whole
          const report = await analyzeBytes({ "pods.jsonl.gz": gz.subarray(0, cut) });
          const out = await recoverable(gz.subarray(0, cut));
          expect(l.bytes.subarray(0, out.length).equals(out)).toBe(true);
          const complete = l.ends.filter((e) => e <= out.length).length;
          let reference = await analyzeBytes({ "pods.jsonl.gz": l.bytes.subarray(0, complete === 0 ? 0 : l.ends[complete - 1]! + 1) });
          const inside = complete < l.starts.length && out.length > l.starts[complete]!;
          if (inside) reference = withCutWarning(reference, "pods.jsonl.gz", l.lines[complete]!);
          // The damage itself: one warning on the input, not tied to a line.
          const damage = report.warnings.filter((w) => w.line === null && !w.message.startsWith("pod ") && w.diagnostic.kind !== "noCapture");
          expect(damage).toHaveLength(1);
          expect(damage[0]!.message).toMatch(/gzip/);
          expect(applied({ ...report, warnings: report.warnings.filter((w) => w !== damage[0]) })).toBe(applied(reference));
        }),
        params(40),
      );
    },
    timeoutFor(40, 200),
  );
});
