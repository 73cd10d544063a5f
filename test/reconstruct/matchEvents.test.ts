import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { KubeEvent } from "../../src/records.js";
import type { PodSource } from "../../src/reconstruct/podHistory.js";
import { matchEvents } from "../../src/reconstruct/matchEvents.js";

/*
 * Which pod each event goes to, and in what order (matchEvents.ts): by the
 * subject's uid, else by namespace and name within the pod's lifetime, else a
 * pod of its own known from events. Pods and events are drawn from a few
 * names, uids, namespaces and times, so that uids repeat across pods, names
 * are reused by pods created later, and events tie in time.
 */

const UIDS = ["u1", "u2", "u3", "u4", "u5"];
const NAMES = ["web-1", "web-2", "db-0"];
const NAMESPACES = ["shop", "default"];

const podArb = fc.record({
  uid: fc.constantFrom(...UIDS),
  name: fc.constantFrom(...NAMES),
  namespace: fc.constantFrom(...NAMESPACES),
  created: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
  // A static pod's records carry its config hash too.
  alsoUid: fc.option(fc.constantFrom(...UIDS), { nil: null }),
});

const eventArb = fc.record({
  reason: fc.option(fc.constantFrom("Scheduled", "Pulled", "Started", "BackOff"), { nil: null }),
  count: fc.integer({ min: 1, max: 3 }),
  time: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
  firstTime: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
  namespace: fc.option(fc.constantFrom(...NAMESPACES), { nil: null }),
  kind: fc.constantFrom<string | null>("Pod", null, "Node"),
  uid: fc.option(fc.constantFrom(...UIDS, "u-gone"), { nil: null }),
  name: fc.option(fc.constantFrom(...NAMES), { nil: null }),
  subjectNamespace: fc.option(fc.constantFrom(...NAMESPACES), { nil: null }),
  fieldPath: fc.option(fc.constantFrom("spec.containers{app}", "spec.initContainers{init}"), { nil: null }),
});

type PodDraw = { uid: string; name: string; namespace: string; created: number | null; alsoUid: string | null };
type EventDraw = {
  reason: string | null;
  count: number;
  time: number | null;
  firstTime: number | null;
  namespace: string | null;
  kind: string | null;
  uid: string | null;
  name: string | null;
  subjectNamespace: string | null;
  fieldPath: string | null;
};

function sources(pods: readonly PodDraw[]): PodSource[] {
  return pods.map((p, i) => ({
    key: `pod-${i}`,
    meta: { uid: p.uid, namespace: p.namespace, name: p.name, created: p.created, owner: null, labels: {}, staticHash: null, specContainers: [] },
    uids: p.alsoUid === null || p.alsoUid === p.uid ? [p.uid] : [p.uid, p.alsoUid],
    firstPlace: null,
    finish: () => {
      throw new Error("not read here");
    },
  }));
}

/** Events with an identity of their own each (the event's uid), so that no two tie in every field compared. */
function events(draws: readonly EventDraw[]): KubeEvent[] {
  return draws.map((d, i) => ({
    uid: `event-${String(i).padStart(3, "0")}`,
    name: `pod.${i}`,
    namespace: d.namespace,
    resourceVersion: null,
    apiGroup: "core",
    type: "Normal",
    reason: d.reason,
    message: null,
    subject: { kind: d.kind, uid: d.uid, name: d.name, namespace: d.subjectNamespace, fieldPath: d.fieldPath },
    count: d.count,
    time: d.time,
    firstTime: d.firstTime,
    reportingComponent: null,
    host: null,
    loc: { input: "events.jsonl", line: i + 1 },
  }));
}

/** The match as plain data: pods in order (key, name, uid), and each pod's events by their uid. */
function shape(histories: readonly PodSource[], list: readonly KubeEvent[]): unknown {
  const m = matchEvents(histories, list);
  return {
    pods: m.pods.map((p) => [p!.key, p!.meta.namespace, p!.meta.name, p!.meta.uid, p!.meta.specContainers]),
    events: [...m.eventsByPod].map(([key, l]) => [key, l.map((e) => e.uid)]).sort(([a], [b]) => String(a).localeCompare(String(b))),
  };
}

const timeOf = (e: KubeEvent): number => e.firstTime ?? e.time ?? Number.NEGATIVE_INFINITY;

describe("events matched to pods", () => {
  it("give the same pods and lists whatever order the events come in", () => {
    fc.assert(
      fc.property(fc.array(podArb, { maxLength: 5 }), fc.array(eventArb, { maxLength: 30 }), fc.infiniteStream(fc.nat()), (pods, draws, seeds) => {
        const histories = sources(pods);
        const list = events(draws);
        const shuffled = [...list];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = seeds.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(shape(histories, shuffled)).toEqual(shape(histories, list));
      }),
      { numRuns: 500 },
    );
  });

  it("send an event naming a pod's uid to that pod, and keep each pod's events in time order, those naming a uid first", () => {
    let withBoth = 0;
    fc.assert(
      fc.property(fc.array(podArb, { maxLength: 5 }), fc.array(eventArb, { maxLength: 30 }), (pods, draws) => {
        const histories = sources(pods);
        const list = events(draws);
        const m = matchEvents(histories, list);
        const placed = new Map<string, string>();
        for (const [key, l] of m.eventsByPod) for (const e of l) placed.set(e.uid!, key);
        for (const e of list) {
          const holders = histories.filter((h) => h.uids.includes(e.subject.uid ?? ""));
          const about = e.subject.kind === "Pod" || (e.subject.kind === null && (holders.length > 0 || e.subject.fieldPath !== null));
          if (!about || (e.subject.uid === null && e.subject.name === null)) expect(placed.has(e.uid!), e.uid!).toBe(false);
          else if (holders.length === 1 && e.subject.uid !== null) expect(placed.get(e.uid!), e.uid!).toBe(holders[0]!.key);
          else expect(placed.has(e.uid!), e.uid!).toBe(true);
        }
        for (const [, l] of m.eventsByPod) {
          const byUid = l.filter((e) => e.subject.uid !== null);
          const byName = l.filter((e) => e.subject.uid === null);
          expect(l).toEqual([...byUid, ...byName]);
          for (const part of [byUid, byName]) for (let i = 1; i < part.length; i++) expect(timeOf(part[i - 1]!)).toBeLessThanOrEqual(timeOf(part[i]!));
          if (byUid.length > 0 && byName.length > 0) withBoth++;
        }
      }),
      { numRuns: 500 },
    );
    // Pods that got events of both kinds were drawn: the order between the two was checked.
    expect(withBoth).toBeGreaterThan(0);
  });

  it("make a pod of its own for each uid no record has, named by its earliest event, in the order of their earliest events", () => {
    const list = events([
      { reason: "Started", count: 1, time: 3, firstTime: null, namespace: "shop", kind: "Pod", uid: "u-early", name: "early-pod", subjectNamespace: "shop", fieldPath: "spec.containers{app}" },
      { reason: "Pulled", count: 1, time: 5, firstTime: null, namespace: "shop", kind: "Pod", uid: "u-late", name: "late-pod", subjectNamespace: "shop", fieldPath: null },
      { reason: "Scheduled", count: 1, time: 1, firstTime: null, namespace: "shop", kind: "Pod", uid: "u-late", name: "renamed", subjectNamespace: "shop", fieldPath: null },
      { reason: "BackOff", count: 2, time: 4, firstTime: null, namespace: "shop", kind: "Pod", uid: null, name: "early-pod", subjectNamespace: "shop", fieldPath: null },
    ]);
    const m = matchEvents([], list);
    expect(m.pods.map((p) => [p!.key, p!.meta.name, p!.meta.specContainers.map((c) => c.name)])).toEqual([
      ["events:u-late", "renamed", []],
      ["events:u-early", "early-pod", ["app"]],
    ]);
    // The event naming only early-pod joins the pod of its uid, first seen before it; u-late's two in time order.
    expect(m.eventsByPod.get("events:u-early")!.map((e) => e.reason)).toEqual(["Started", "BackOff"]);
    expect(m.eventsByPod.get("events:u-late")!.map((e) => e.reason)).toEqual(["Scheduled", "Pulled"]);
  });
});
