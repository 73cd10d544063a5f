/**
 * Inputs given together are one capture (SPEC section 2): any order of the
 * files, any split of one capture into several files, duplicated records or
 * whole files, and any order of a pod's records (decimal resourceVersions)
 * give the same report.
 *
 * Long run: FUZZ_RUNS=2000 npm test -- test/fuzz
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderJson, toJsonReport } from "../../src/render/json.js";
import type { Report } from "../../src/types.js";
import { envelope, pod, type PodSpec } from "../helpers/pods.js";
import { analyzeBytes, arbCaptures, arbOrderFreeCaptures, bare, contentOf, kindOf, mergedRecords, params, timeoutFor, toJsonl, toPretty, type Capture, type Json } from "./helpers.js";

/** A capture's files under names that keep captures apart (`0-pods.jsonl`, `1-events.jsonl`). */
function filesOf(chosen: readonly Capture[]): [string, Json[]][] {
  return chosen.flatMap((c, i) => c.files.map((f): [string, Json[]] => [`${i}-${f.name}`, [...f.records]]));
}

const encoders = { jsonl: (r: readonly Json[]) => toJsonl(r), pretty: (r: readonly Json[]) => toPretty(r), jq: (r: readonly Json[]) => toPretty(r, 2) };
const arbEncoding = fc.constantFrom(...(Object.keys(encoders) as (keyof typeof encoders)[]));

/** Records that a repeat of must be a duplicate: pods with a resourceVersion, events with a uid (not BOOKMARK or ERROR envelopes). */
function deduplicable(record: Json): boolean {
  const kind = kindOf(record);
  const meta = bare(record)["metadata"] as Json | undefined;
  if (kind === "Pod") return typeof meta?.["resourceVersion"] === "string" && meta["resourceVersion"] !== "";
  if (kind === "Event") return typeof meta?.["uid"] === "string";
  return false;
}

/** A copy of a record that tells less: without managedFields (as kubectl prints it), or with a field of the wrong type. */
function worseCopy(record: Json, how: number): Json {
  const copy = JSON.parse(JSON.stringify(record)) as Json;
  const object = bare(copy);
  const meta = (object["metadata"] ?? {}) as Json;
  if (how % 2 === 0) delete meta["managedFields"];
  else if (kindOf(copy) === "Pod") ((object["status"] ?? {}) as Json)["phase"] = 7;
  else object["count"] = "many";
  return copy;
}

function totals(report: Report): Report["totals"] {
  return report.totals;
}

describe("any order, any split, any duplicate: the same report", () => {
  it(
    "any order of the input files gives a byte-identical JSON report",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          arbOrderFreeCaptures(4).chain((chosen) => fc.tuple(fc.constant(chosen), fc.shuffledSubarray(filesOf(chosen), { minLength: filesOf(chosen).length }))),
          arbEncoding,
          async ([chosen, shuffled], encoding) => {
            // Files may hold the same pod version with different contents (some corpus fixtures): the better copy wins,
            // then the one read from the earlier place, never the one read first.
            const encode = encoders[encoding];
            const inOrder = await analyzeBytes(Object.fromEntries(filesOf(chosen).map(([n, r]) => [n, encode(r)])));
            const reordered = await analyzeBytes(Object.fromEntries(shuffled.map(([n, r]) => [n, encode(r)])));
            expect(renderJson(reordered)).toBe(renderJson(inOrder));
          },
        ),
        params(40),
      );
    },
    timeoutFor(40, 300),
  );

  it(
    "the same records split over several files, with copies (some telling less) in other files, in every order of the files: byte-identical JSON",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          arbCaptures(),
          fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
          fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 }),
          fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
          arbEncoding,
          async (chosen, cutsAt, copies, order, encoding) => {
            const records = mergedRecords(chosen);
            const cuts = [...new Set(cutsAt.map((c) => c % (records.length + 1)))].sort((a, b) => a - b);
            const parts: Json[][] = [];
            let from = 0;
            for (const c of [...cuts, records.length]) {
              parts.push(records.slice(from, c));
              from = c;
            }
            const candidates = records.filter(deduplicable);
            fc.pre(candidates.length > 0);
            for (const [which, where, how] of copies) {
              const record = candidates[which % candidates.length]!;
              parts[where % parts.length]!.push(how % 3 === 0 ? record : worseCopy(record, how));
            }
            const files = parts.map((p, i): [string, string] => [`part-${i}.json`, encoders[encoding](p)]);
            const shuffled = files.map((f, i) => [order[i % order.length]!, i, f] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , f]) => f);
            const given = await analyzeBytes(Object.fromEntries(files));
            const reordered = await analyzeBytes(Object.fromEntries(shuffled));
            expect(renderJson(reordered)).toBe(renderJson(given));
          },
        ),
        params(40),
      );
    },
    timeoutFor(40, 300),
  );

  // Regression: a pod-level warning was located at the copy of the record read first; a duplicate now keeps the
  // smallest (input name, line) of its copies.
  it("the same pod version in two inputs: byte-identical JSON in either order (the warning located at the same copy)", async () => {
    // A static pod (owner Node/...) whose mirror object was created after its container started: a pod-level warning.
    const line = toJsonl([envelope("ADDED", pod({ rv: 7, phase: "Running", node: "n1", owner: { kind: "Node", name: "n1" }, conditions: [{ type: "PodScheduled", status: "True", at: 5 }], statuses: [{ name: "app", state: { running: 2 } }] }))]);
    const ab = await analyzeBytes({ "a.jsonl": line, "b.jsonl": line });
    const ba = await analyzeBytes({ "b.jsonl": line, "a.jsonl": line });
    expect(ab.warnings).toHaveLength(1);
    expect(renderJson(ba)).toBe(renderJson(ab));
  });

  it(
    "any split of a capture into files, given in any order, in any format: the same pods, summary and totals",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          arbOrderFreeCaptures(3),
          fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
          fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), arbEncoding), { minLength: 6, maxLength: 6 }),
          async (chosen, cutsAt, namesAndFormats) => {
            const records = mergedRecords(chosen);
            const cuts = [...new Set(cutsAt.map((c) => c % (records.length + 1)))].sort((a, b) => a - b);
            const parts: Json[][] = [];
            let from = 0;
            for (const c of [...cuts, records.length]) {
              parts.push(records.slice(from, c));
              from = c;
            }
            const whole = await analyzeBytes({ "capture.jsonl": toJsonl(records) });
            // Random names: the files' name order (the order they are read) is unrelated to the capture's order.
            const files = Object.fromEntries(parts.map((p, i) => [`${namesAndFormats[i]![0]}-${i}.json`, encoders[namesAndFormats[i]![1]](p)]));
            const split = await analyzeBytes(files);
            expect(contentOf(split)).toEqual(contentOf(whole));
          },
        ),
        params(40),
      );
    },
    timeoutFor(40, 300),
  );

  it(
    "duplicated records (a relist, overlapping captures) change nothing but the duplicate counts",
    async () => {
      await fc.assert(
        fc.asyncProperty(arbCaptures(), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 }), async (chosen, copies) => {
          const records = mergedRecords(chosen);
          const candidates = records.map((r, i) => [r, i] as const).filter(([r]) => deduplicable(r));
          fc.pre(candidates.length > 0);
          // Each copy goes after its original, so even a capture ordered by input order reads the same history.
          const inserts = copies.map(([which, where]) => {
            const [record, at] = candidates[which % candidates.length]!;
            return { record, at: at + 1 + (where % (records.length - at)) };
          });
          const withCopies: Json[] = [];
          records.forEach((r, i) => {
            for (const c of inserts) if (c.at === i) withCopies.push(c.record);
            withCopies.push(r);
          });
          for (const c of inserts) if (c.at === records.length) withCopies.push(c.record);
          const original = await analyzeBytes({ "capture.jsonl": toJsonl(records) });
          const duplicated = await analyzeBytes({ "capture.jsonl": toJsonl(withCopies) });
          const { pods, summary } = toJsonReport(duplicated) as { pods: unknown; summary: unknown };
          expect({ pods, summary }).toEqual({ pods: (toJsonReport(original) as { pods: unknown }).pods, summary: original.summary });
          expect(totals(duplicated)).toEqual({
            ...totals(original),
            records: totals(original).records + inserts.length,
            duplicates: totals(original).duplicates + inserts.length,
            podRecords: totals(original).podRecords + inserts.filter((c) => kindOf(c.record) === "Pod").length,
            eventRecords: totals(original).eventRecords + inserts.filter((c) => kindOf(c.record) === "Event").length,
          });
        }),
        params(40),
      );
    },
    timeoutFor(40, 300),
  );

  it(
    "a whole file given twice (under another name) changes nothing but the duplicate counts",
    async () => {
      await fc.assert(
        fc.asyncProperty(arbCaptures((c) => c.numeric && c.files.every((f) => f.records.every((r) => deduplicable(r) || kindOf(r) !== "Pod"))), fc.nat(), arbEncoding, async (chosen, pick, encoding) => {
          const files = filesOf(chosen);
          const [name, records] = files[pick % files.length]!;
          const encode = encoders[encoding];
          const once = await analyzeBytes(Object.fromEntries(files.map(([n, r]) => [n, encode(r)])));
          const twice = await analyzeBytes(Object.fromEntries([...files.map(([n, r]): [string, string] => [n, encode(r)]), [`copy-of-${name}`, encode(records)]]));
          expect(contentOf({ ...twice, totals: once.totals })).toEqual(contentOf(once));
          const repeated = records.filter(deduplicable);
          expect(twice.totals.duplicates).toBe(once.totals.duplicates + repeated.length);
        }),
        params(30),
      );
    },
    timeoutFor(30, 300),
  );

  /** Each pod's records put back in resourceVersion order, in the places the pod's records took in `shuffled`. */
  function podsInVersionOrder(shuffled: readonly Json[]): Json[] {
    const uidOf = (r: Json): string | null => (kindOf(r) === "Pod" ? String(((bare(r)["metadata"] ?? {}) as Json)["uid"]) : null);
    const rvOf = (r: Json): bigint => BigInt(String((bare(r)["metadata"] as Json)["resourceVersion"]));
    const queues = new Map<string, Json[]>();
    for (const r of shuffled) {
      const uid = uidOf(r);
      if (uid !== null) queues.set(uid, [...(queues.get(uid) ?? []), r]);
    }
    for (const q of queues.values()) q.sort((a, b) => (rvOf(a) < rvOf(b) ? -1 : rvOf(a) > rvOf(b) ? 1 : 0));
    return shuffled.map((r) => {
      const uid = uidOf(r);
      return uid === null ? r : queues.get(uid)!.shift()!;
    });
  }

  const arbShuffledCapture = arbOrderFreeCaptures(3).chain((chosen) =>
    fc.tuple(fc.constant(chosen), fc.shuffledSubarray(mergedRecords(chosen), { minLength: mergedRecords(chosen).length })),
  );

  it(
    "any interleaving of the pods' record streams and the events (each pod's records in resourceVersion order): the same pods and summary",
    async () => {
      await fc.assert(
        fc.asyncProperty(arbShuffledCapture, async ([chosen, shuffled]) => {
          const inOrder = await analyzeBytes({ "capture.jsonl": toJsonl(mergedRecords(chosen)) });
          const reordered = await analyzeBytes({ "capture.jsonl": toJsonl(podsInVersionOrder(shuffled)) });
          expect(contentOf(reordered)).toEqual(contentOf(inOrder));
        }),
        params(40),
      );
    },
    timeoutFor(40, 300),
  );

  // Regression: samples/image-pull-backoff (ErrImagePull and ImagePullBackOff alternate with identical statuses)
  // with its records shuffled reported ErrImagePull lastSeen 12:00:03 instead of 12:00:18; before 59d3b22 the
  // same shuffle also lost whole entries. Each record now keeps its own managedFields time and location.
  it(
    "any order of the records of a capture with decimal resourceVersions: the same pods and summary",
    async () => {
      await fc.assert(
        fc.asyncProperty(arbShuffledCapture, async ([chosen, shuffled]) => {
          const inOrder = await analyzeBytes({ "capture.jsonl": toJsonl(mergedRecords(chosen)) });
          const reordered = await analyzeBytes({ "capture.jsonl": toJsonl(shuffled) });
          expect(contentOf(reordered)).toEqual(contentOf(inOrder));
        }),
        params(40),
      );
    },
    timeoutFor(40, 300),
  );

  /**
   * The reducer on its own: a pod whose status flaps between a few states
   * (the same state may come back, as a container going from CrashLoopBackOff
   * to running and back does), each record stamped with its own managedFields
   * time, recorded with increasing resourceVersions and read in any order, has
   * one history.
   *
   * Regression: a status that comes back (equal to an earlier one but for its
   * resourceVersion and managedFields time) was read with its earlier twin's
   * time when the record between them arrived later; every record now keeps
   * its own time (src/reconstruct/versionLog.ts). Minimal reproduction: the
   * test after next.
   */
  it(
    "a flapping pod's records in any order give the history of the records in resourceVersion order",
    async () => {
      const states: Omit<PodSpec, "rv" | "managed">[] = [
        { phase: "Pending", node: "n1", conditions: [{ type: "PodScheduled", status: "True", at: 1 }], statuses: [{ name: "app", state: { waiting: "ContainerCreating" } }] },
        { phase: "Running", node: "n1", conditions: [{ type: "PodScheduled", status: "True", at: 1 }], statuses: [{ name: "app", state: { waiting: "CrashLoopBackOff" }, restarts: 1 }] },
        { phase: "Running", node: "n1", conditions: [{ type: "PodScheduled", status: "True", at: 1 }], statuses: [{ name: "app", state: { running: 8 }, restarts: 1 }] },
        { phase: "Running", node: "n1", conditions: [{ type: "PodScheduled", status: "True", at: 1 }], statuses: [{ name: "app", state: { waiting: "CrashLoopBackOff", message: "back-off 10s" }, restarts: 1 }] },
      ];
      await fc.assert(flappingProperty(states, true), params(100));
    },
    timeoutFor(100, 50),
  );

  function flappingProperty(states: readonly Omit<PodSpec, "rv" | "managed">[], stamped: boolean) {
    return fc.asyncProperty(
      fc.array(fc.integer({ min: 0, max: states.length - 1 }), { minLength: 2, maxLength: 8 }).chain((seq) => fc.tuple(fc.constant(seq), fc.shuffledSubarray([...seq.keys()], { minLength: seq.length }))),
      async ([seq, order]) => {
        const records = seq.map((s, i) => envelope(i === 0 ? "ADDED" : "MODIFIED", pod({ ...states[s]!, rv: 100 + i, ...(stamped ? { managed: 10 + i } : {}) })));
        const inOrder = await analyzeBytes({ "pods.jsonl": toJsonl(records) });
        const shuffled = await analyzeBytes({ "pods.jsonl": toJsonl(order.map((i) => records[i]!)) });
        expect(contentOf(shuffled)).toEqual(contentOf(inOrder));
      },
    );
  }

  it(
    "a flapping pod's records (without managedFields) in any order give the history of the records in resourceVersion order",
    async () => {
      const states: Omit<PodSpec, "rv" | "managed">[] = [
        { phase: "Pending", node: "n1", conditions: [{ type: "PodScheduled", status: "True", at: 1 }], statuses: [{ name: "app", state: { waiting: "ContainerCreating" } }] },
        { phase: "Running", node: "n1", conditions: [{ type: "PodScheduled", status: "True", at: 1 }], statuses: [{ name: "app", state: { waiting: "CrashLoopBackOff" }, restarts: 1 }] },
        { phase: "Running", node: "n1", conditions: [{ type: "PodScheduled", status: "True", at: 1 }, { type: "Ready", status: "True", at: 8 }], statuses: [{ name: "app", state: { running: 8 }, restarts: 1, ready: true }] },
        { phase: "Running", node: "n1", conditions: [{ type: "PodScheduled", status: "True", at: 1 }], statuses: [{ name: "app", state: { waiting: "CrashLoopBackOff", message: "back-off 10s" }, restarts: 1 }] },
      ];
      await fc.assert(flappingProperty(states, false), params(100));
    },
    timeoutFor(100, 50),
  );

  // Fixed in 59d3b22 (PodHistoryBuilder.add dropped rv 103, equal to rv 101 which arrived just before it,
  // though rv 102, read later, falls between them).
  it("CrashLoopBackOff (rv 101), running (rv 102), CrashLoopBackOff (rv 103) read as 101, 103, 102: the same report", async () => {
    const crash: Omit<PodSpec, "rv"> = { phase: "Running", node: "n1", statuses: [{ name: "app", state: { waiting: "CrashLoopBackOff" }, restarts: 1 }] };
    const running: Omit<PodSpec, "rv"> = { phase: "Running", node: "n1", statuses: [{ name: "app", state: { running: 8 }, restarts: 1 }] };
    const [a, b, c] = [pod({ ...crash, rv: 101 }), pod({ ...running, rv: 102 }), pod({ ...crash, rv: 103 })].map((p) => envelope("MODIFIED", p));
    const inOrder = await analyzeBytes({ "pods.jsonl": toJsonl([a, b, c]) });
    expect(inOrder.pods[0]!.stuckIn).toBe("CrashLoopBackOff");
    const late = await analyzeBytes({ "a-part.jsonl": toJsonl([a, c]), "b-part.jsonl": toJsonl([b]) });
    expect(contentOf(late)).toEqual(contentOf(inOrder));
  });

  // Regression (see "a flapping pod" above): ErrImagePull x2, lastSeen 10:00:18 (rv 103's managedFields time)
  // in every order, including a-part (101, 103) then b-part (102).
  it("ErrImagePull (rv 101, 10:00:03), ImagePullBackOff (rv 102), ErrImagePull (rv 103, 10:00:18) in two overlapping files: lastSeen 10:00:18", async () => {
    const waiting = (rv: number, managed: number, reason: string, message: string) =>
      envelope("MODIFIED", pod({ rv, managed, phase: "Pending", node: "n1", statuses: [{ name: "app", state: { waiting: reason, message } }] }));
    const [a, b, c] = [waiting(101, 3, "ErrImagePull", "not found"), waiting(102, 10, "ImagePullBackOff", "Back-off"), waiting(103, 18, "ErrImagePull", "not found")];
    const inOrder = await analyzeBytes({ "pods.jsonl": toJsonl([a, b, c]) });
    expect(inOrder.pods[0]!.failures.find((f) => f.reason === "ErrImagePull")).toMatchObject({ count: 2, lastSeen: Date.parse("2024-05-01T10:00:18Z") });
    const late = await analyzeBytes({ "a-part.jsonl": toJsonl([a, c]), "b-part.jsonl": toJsonl([b]) });
    expect(contentOf(late)).toEqual(contentOf(inOrder));
  });
});
