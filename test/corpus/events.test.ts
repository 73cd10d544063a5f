import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { CORPUS_ABSENT, corpusFile, readCorpus } from "../helpers/files.js";

/** Kubelet and scheduler events of two real OpenShift clusters (must-gather, 5000+ events each; stored gzipped in test/fixtures/corpus). */
const CAPTURES = ["openshift-must-gather-clean-aws", "openshift-must-gather-clean-metal"].map((d) => ({ rel: `${d}/events-all-namespaces.json`, file: corpusFile(`${d}/events-all-namespaces.json`) }));

interface RawEvent {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  series?: { count?: number };
  involvedObject?: { kind?: string; uid?: string; fieldPath?: string };
}

for (const { rel, file } of CAPTURES) describe.skipIf(file === null)(`events of ${rel}${file === null ? ` ${CORPUS_ABSENT}` : ""}`, () => {
  const path = file?.path ?? "";
  const items = file === null ? [] : (JSON.parse(readCorpus(file).toString("utf8")) as { items: RawEvent[] }).items;
  const podEvents = items.filter((e) => e.involvedObject?.kind === "Pod");

  it("counts every failure reason as often as an independent count of the raw events", async () => {
    const expected = new Map<string, number>();
    for (const e of podEvents) {
      const failure = e.type === "Warning" || e.reason === "BackOff" || (e.reason === "Killing" && /failed (liveness|startup) probe/.test(e.message ?? ""));
      if (!failure || e.reason === undefined) continue;
      // A series exists from the second occurrence on, whatever older clients wrote in series.count.
      const count = Math.max(e.count ?? 1, e.series?.count ?? 0, e.series === undefined ? 0 : 2);
      expected.set(e.reason, (expected.get(e.reason) ?? 0) + count);
    }
    const report = await analyze([path]);
    const got = new Map(report.summary.failures.map((f) => [f.reason, f.occurrences]));
    expect(got).toEqual(expected);
    expect(expected.size).toBeGreaterThan(3);
  });

  it("builds a partial pod for every pod the events name, with image pull time for each pod that pulled", async () => {
    const report = await analyze([path]);
    const uids = new Set(podEvents.map((e) => e.involvedObject?.uid).filter((u) => u !== undefined));
    // Events naming no uid join a pod of that name, or make one of their own.
    const name = (e: RawEvent & { involvedObject?: { namespace?: string; name?: string } }) => `${e.involvedObject?.namespace}/${e.involvedObject?.name}`;
    const namedWithUid = new Set(podEvents.filter((e) => e.involvedObject?.uid !== undefined).map(name));
    const nameOnly = new Set(podEvents.filter((e) => e.involvedObject?.uid === undefined).map(name).filter((n) => !namedWithUid.has(n)));
    expect(report.pods.length).toBe(uids.size + nameOnly.size);
    expect(report.pods.every((p) => p.partial)).toBe(true);
    const pulled = new Set(podEvents.filter((e) => e.reason === "Pulled" && e.involvedObject?.fieldPath !== undefined).map((e) => e.involvedObject!.uid));
    expect(report.pods.filter((p) => p.durationsMs.imagePull !== null).length).toBe(pulled.size);
    // Every Pulled event parsed: each container with a Pulled event has a pull time or is cached.
    const containers = report.pods.flatMap((p) => p.containers).filter((c) => c.cached !== null);
    expect(containers.every((c) => c.imagePullMs !== null)).toBe(true);
    expect(containers.filter((c) => c.cached).every((c) => c.imagePullMs === 0)).toBe(true);
  });
});
