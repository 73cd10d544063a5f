/**
 * Reading on several threads (`-j N`) gives the report reading in one
 * thread gives, byte for byte, and the same partial file: files shared out, JSONL files cut into parts
 * at record boundaries, damage anywhere, including damage that leaves a
 * value open across a cut (then everything is read again in one thread).
 * The workers here run in this thread (vitest runs the TypeScript sources,
 * which a worker thread cannot load); they send what worker threads send,
 * lines of text, merged as they arrive. test/cli/jobs.test.ts runs real ones.
 *
 * Long run: FUZZ_RUNS=2000 npm test -- test/fuzz/parallel.test.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readInputs } from "../../src/analyze.js";
import { partialText } from "../../src/partial.js";
import { fileRange, resolveInputs, type InputSource } from "../../src/input/index.js";
import { readInParallel, readJob, type JobWorker } from "../../src/parallel.js";
import { Reconstruction } from "../../src/reconstruct/reconstruction.js";
import { buildReport } from "../../src/report.js";
import { renderJson } from "../../src/render/json.js";
import { arbCaptures, arbMutation, mergedRecords, mutate, params, timeoutFor, toJsonl, toPretty, type Json } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "podtrail-parallel-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lines that damage a JSONL file as a reader would find it damaged: open arrays and objects, garbage, cut records. */
const DAMAGE_LINES = ["[", "]", "{", "[{", '{"type":"ADDED","object":{"kind":"Pod"', "not json at all", '"a string"', "{}", "   ", '{"kind":"PodList","items":['];

const ORIGIN = { read: { maxRecordBytes: 64 * 1024 * 1024, inputFormat: null }, contains: [] };

/** What the runs did, over all of them: each path must have been taken. */
const seen = { parts: 0, fallbacks: 0 };

/** A worker in this thread, doing what readWorker.ts does, its messages delivered on a later turn as a thread's are. */
function inThisThread(): JobWorker {
  return {
    run(job, read, onMessage) {
      const readPart = (part: InputSource, firstLine: number, into: Reconstruction, onProgress: (p: { bytes: number; records: number }) => void) =>
        readInputs([part], { ...read, firstLine, onProgress }, into);
      const later = (m: Parameters<typeof onMessage>[0]) => setImmediate(() => onMessage(m));
      readJob(job, readPart, fileRange, later).catch((error: unknown) => later({ kind: "threw", id: job.id, error }));
    },
    async close() {},
  };
}

describe("reading on several threads", () => {
  it(
    "gives the report of reading in one thread, however files are cut and damaged",
    async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          arbCaptures(),
          fc.array(fc.tuple(fc.nat(), fc.constantFrom(...DAMAGE_LINES)), { maxLength: 3 }),
          fc.array(arbMutation, { maxLength: 2 }),
          fc.integer({ min: 1, max: 3 }),
          fc.integer({ min: 2, max: 4 }),
          fc.integer({ min: 64, max: 4000 }),
          fc.boolean(),
          async (chosen, insertions, mutations, fileCount, jobs, partBytes, pretty) => {
            const records = mergedRecords(chosen);
            const encode = (rs: readonly Json[]) => (pretty ? toPretty(rs) : toJsonl(rs));
            const paths: string[] = [];
            run++;
            for (let f = 0; f < fileCount; f++) {
              const mine = records.filter((_, i) => i % fileCount === f);
              const lines = encode(mine).split("\n");
              for (const [at, text] of insertions) lines.splice(at % (lines.length + 1), 0, text);
              let bytes: Buffer = Buffer.from(lines.join("\n"));
              if (mutations.length > 0 && bytes.length > 0) bytes = mutate(bytes, 0, bytes.length, mutations);
              const path = join(dir, `run-${run}-${f}.jsonl`);
              writeFileSync(path, bytes);
              paths.push(path);
            }
            const alone = await readInputs(paths);
            const expectedPartial = [...partialText(alone, ORIGIN)].join("");
            const expected = renderJson(buildReport(alone.finish()));
            let fallback = false;
            let parts = 0;
            const sequential = (sources: readonly InputSource[], options: object, into: Reconstruction) => {
              if (sources.length === paths.length && sources.every((s) => s.file !== undefined)) fallback = true;
              return readInputs(sources, { ...options, jobs: 1 }, into).then((reconstruction) => ({ reconstruction, stopped: null }));
            };
            const counting = (): JobWorker => {
              const w = inThisThread();
              return {
                run: (job, read, on) => {
                  parts++;
                  w.run(job, read, on);
                },
                close: () => w.close(),
              };
            };
            const { reconstruction: read } = await readInParallel(await resolveInputs(paths), { jobs, partBytes }, sequential, new Reconstruction(), counting);
            if (fallback) seen.fallbacks++;
            if (parts > 0 && !fallback) seen.parts++;
            // The same state, to the byte of its partial file.
            expect([...partialText(read, ORIGIN)].join("")).toBe(expectedPartial);
            expect(renderJson(buildReport(read.finish()))).toBe(expected);
          },
        ),
        params(60),
      );
      // Both ways through were taken: parts merged, and parts given up for a read in one thread.
      expect(seen.parts).toBeGreaterThan(0);
      expect(seen.fallbacks).toBeGreaterThan(0);
    },
    timeoutFor(60, 1000),
  );
});
