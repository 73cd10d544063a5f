import type { CaptureGap, CaptureQuality, PodReport, QualityCheck, QualityCheckName, QualityExample, QualitySeverity, Summary } from "../types.js";
import type { PodQuality } from "../derive/podQuality.js";
import { compareText } from "../compareText.js";
import { formatTime } from "../kube/time.js";

/** What the report knows that tells how far its figures can be trusted. */
export interface QualityInputs {
  /** The report's pods (after filters), each with its quality facts. */
  readonly pods: readonly { readonly pod: PodReport; readonly facts: PodQuality }[];
  readonly gaps: readonly CaptureGap[];
  readonly duplicates: number;
  readonly eventRecords: number;
  readonly summary: Summary;
}

const MAX_EXAMPLES = 5;
/** A negative pair of 2 s or more between whole-second stamps means more than a second of skew (see `clockSkew`). */
const SKEW_BAD_MS = 2000;

/** The capture-quality section of a report (docs/spec.md §10). */
export function assessQuality(q: QualityInputs): CaptureQuality {
  const checks: Record<QualityCheckName, QualityCheck> = {
    gaps: gaps(q.gaps),
    holes: holes(q.pods),
    partialPods: partialPods(q.pods, q.summary),
    missingEvents: missingEvents(q.pods, q.eventRecords),
    clockSkew: clockSkew(q.pods),
    rewrittenConditions: rewrittenConditions(q.pods),
    duplicates: count(q.duplicates, "info", q.duplicates === 0 ? "no duplicate records" : `${plural(q.duplicates, "duplicate record")} (relists, overlapping files) counted once`),
    outOfOrder: outOfOrder(q.pods),
  };
  const severities = Object.values(checks).map((c) => c.severity);
  const verdict = severities.includes("bad") ? "unreliable" : severities.includes("warn") ? "degraded" : "reliable";
  return { verdict, checks };
}

function gaps(list: readonly CaptureGap[]): QualityCheck {
  const codes = [...new Set(list.map((g) => [g.code, g.reason].filter((x) => x !== null).join(" ")))].join(", ");
  return {
    severity: list.length > 0 ? "warn" : "ok",
    count: list.length,
    pods: null,
    summary: list.length === 0 ? "no watch gaps" : `${plural(list.length, "watch gap")} (${codes || "watch ERROR"}): changes in between may be missing`,
    examples: list.slice(0, MAX_EXAMPLES).map((g) => example({ input: g.input, line: g.line, detail: [g.code, g.reason, g.message].filter((x) => x !== null).join(" ") || "watch ERROR" })),
  };
}

function holes(pods: QualityInputs["pods"]): QualityCheck {
  const found = pods.flatMap(({ pod, facts }) => facts.missedRestarts.map((m) => ({ pod, m })));
  const missed = found.reduce((n, { m }) => n + m.to - m.from - 1, 0);
  const affected = new Set(found.map(({ pod }) => pod)).size;
  return {
    severity: found.length > 0 ? "warn" : "ok",
    count: missed,
    pods: affected,
    summary: found.length === 0 ? "no missing records seen" : `${plural(missed, "restart")} missing from the records of ${plural(affected, "pod")}`,
    examples: found.slice(0, MAX_EXAMPLES).map(({ pod, m }) =>
      example({ pod: podName(pod), node: pod.node, input: m.loc.input, line: m.loc.line, detail: `${m.container}: restartCount ${m.from} then ${m.to}` }),
    ),
  };
}

function partialPods(pods: QualityInputs["pods"], summary: Summary): QualityCheck {
  const partial = pods.filter(({ pod }) => pod.partial);
  const bounded = pods.filter(({ pod }) => Object.keys(pod.boundsMs).length > 0);
  const figures = bounded.reduce((n, { pod }) => n + Object.keys(pod.boundsMs).length, 0);
  const left = summary.includePartial ? "counted as figures (includePartial)" : "left out of the percentiles";
  const severity: QualitySeverity = figures > 0 ? "warn" : partial.length > 0 ? "info" : "ok";
  const parts: string[] = [];
  if (partial.length > 0) parts.push(`${partial.length} of ${plural(pods.length, "pod")} first seen after start-up began`);
  if (figures > 0) parts.push(`${plural(figures, "figure")} of ${plural(bounded.length, "pod")} only bounds, ${left}`);
  return {
    severity,
    count: partial.length,
    pods: partial.length,
    summary: parts.length === 0 ? "every pod seen from its creation" : parts.join("; "),
    examples: (partial.length > 0 ? partial : bounded).slice(0, MAX_EXAMPLES).map(({ pod, facts }) =>
      example({
        pod: podName(pod),
        node: pod.node,
        input: facts.firstSeen?.input ?? null,
        line: facts.firstSeen?.line ?? null,
        detail: pod.observations === 0 ? "known only from events" : `first seen ${pod.phases[0]?.phase ?? "past Pending"}${Object.keys(pod.boundsMs).length > 0 ? `; bounds: ${Object.keys(pod.boundsMs).join(", ")}` : ""}`,
      }),
    ),
  };
}

function missingEvents(pods: QualityInputs["pods"], eventRecords: number): QualityCheck {
  const withRecords = pods.filter(({ pod }) => pod.observations > 0);
  const without = withRecords.filter(({ pod }) => pod.events === 0);
  if (withRecords.length === 0 || without.length === 0) return { severity: "ok", count: 0, pods: 0, summary: withRecords.length === 0 ? "no pod records" : "events for every pod", examples: [] };
  const summary =
    eventRecords === 0
      ? "no events in the capture: image pull, container start and start-up SLI are unknown"
      : `${without.length} of ${plural(withRecords.length, "pod")} have no events (expired, or recorded apart): their image pulls are unknown`;
  return {
    severity: "warn",
    count: without.length,
    pods: without.length,
    summary,
    examples: eventRecords === 0 ? [] : without.slice(0, MAX_EXAMPLES).map(({ pod, facts }) => example({ pod: podName(pod), node: pod.node, input: facts.firstSeen?.input ?? null, line: facts.firstSeen?.line ?? null, detail: "no event matched this pod" })),
  };
}

/**
 * Per node, the pairs of a node time and a control-plane time in the wrong
 * order. Stamps are whole seconds, truncated: a 1 s inversion can come from
 * a skew of a few milliseconds across a second boundary, 2 s or more means
 * the clocks disagree by more than a second, and every figure mixing them
 * (scheduledToRunning, containerStart, the SLI, startup) is off by as much.
 */
function clockSkew(pods: QualityInputs["pods"]): QualityCheck {
  const byNode = new Map<string, { pairs: number; pods: Set<PodReport>; worst: { ms: number; direction: string; what: string; pod: PodReport; input: string | null; line: number | null } }>();
  for (const { pod, facts } of pods) {
    for (const pair of facts.skew) {
      const node = pod.node ?? "(no node)";
      let entry = byNode.get(node);
      if (entry === undefined) {
        entry = { pairs: 0, pods: new Set(), worst: { ms: -1, direction: "", what: "", pod, input: null, line: null } };
        byNode.set(node, entry);
      }
      entry.pairs++;
      entry.pods.add(pod);
      if (pair.ms > entry.worst.ms) entry.worst = { ms: pair.ms, direction: pair.direction, what: pair.what, pod, input: pair.loc?.input ?? null, line: pair.loc?.line ?? null };
    }
  }
  const nodes = [...byNode.entries()].sort((a, b) => b[1].worst.ms - a[1].worst.ms || compareText(a[0], b[0]));
  const pairs = nodes.reduce((n, [, e]) => n + e.pairs, 0);
  const affected = nodes.reduce((n, [, e]) => n + e.pods.size, 0);
  const worst = nodes[0];
  const severity: QualitySeverity = worst === undefined ? "ok" : worst[1].worst.ms >= SKEW_BAD_MS ? "bad" : "info";
  const summary =
    worst === undefined
      ? "no clock skew seen"
      : `${plural(nodes.length, "node")} with times out of order against the control plane (${plural(pairs, "pair")}); up to ${seconds(worst[1].worst.ms)} on ${worst[0]}${severity === "info" ? ", within the stamps' whole-second precision" : ""}`;
  return {
    severity,
    count: pairs,
    pods: affected,
    summary,
    examples: nodes.slice(0, MAX_EXAMPLES).map(([node, e]) =>
      example({
        pod: podName(e.worst.pod),
        node,
        input: e.worst.input,
        line: e.worst.line,
        ms: Math.round(e.worst.ms),
        detail: `${plural(e.pairs, "pair")} on this node; the node ${e.worst.direction === "behind" ? "behind" : "ahead"} by up to ${seconds(e.worst.ms)} (${e.worst.what})`,
      }),
    ),
  };
}

function rewrittenConditions(pods: QualityInputs["pods"]): QualityCheck {
  const rewrites = pods.flatMap(({ pod, facts }) => facts.rewritten.map((r) => ({ pod, r })));
  const kubelet = pods.filter(({ facts }) => facts.kubeletScheduled);
  const affected = new Set([...rewrites.map(({ pod }) => pod), ...kubelet.map(({ pod }) => pod)]).size;
  const parts: string[] = [];
  if (rewrites.length > 0) parts.push(`${plural(rewrites.length, "condition time")} changed between records showing the same status (a flip the capture missed)`);
  if (kubelet.length > 0) parts.push(`${plural(kubelet.length, "pod")} whose PodScheduled the kubelet wrote, not the scheduler`);
  return {
    severity: parts.length > 0 ? "warn" : "ok",
    count: rewrites.length + kubelet.length,
    pods: affected,
    summary: parts.length === 0 ? "no condition time rewritten" : parts.join("; "),
    examples: [
      ...rewrites.map(({ pod, r }) => example({ pod: podName(pod), node: pod.node, input: r.loc.input, line: r.loc.line, detail: `${r.condition}=${r.status} went from ${stamp(r.from)} to ${stamp(r.to)}` })),
      ...kubelet.map(({ pod }) => example({ pod: podName(pod), node: pod.node, detail: "PodScheduled later than the pod's start: written by the kubelet" })),
    ].slice(0, MAX_EXAMPLES),
  };
}

function outOfOrder(pods: QualityInputs["pods"]): QualityCheck {
  const found = pods.flatMap(({ pod, facts }) => facts.outOfOrder.map((loc) => ({ pod, loc })));
  return {
    severity: found.length > 0 ? "info" : "ok",
    count: found.length,
    pods: new Set(found.map(({ pod }) => pod)).size,
    summary: found.length === 0 ? "records in resourceVersion order" : `${plural(found.length, "record")} read after a newer version of the same pod, put back in resourceVersion order`,
    examples: found.slice(0, MAX_EXAMPLES).map(({ pod, loc }) => example({ pod: podName(pod), node: pod.node, input: loc.input, line: loc.line, detail: "older than a record before it in this input" })),
  };
}

function count(n: number, severity: QualitySeverity, summary: string): QualityCheck {
  return { severity: n > 0 ? severity : "ok", count: n, pods: null, summary, examples: [] };
}

function example(e: Partial<QualityExample> & { readonly detail: string }): QualityExample {
  return { pod: e.pod ?? null, node: e.node ?? null, input: e.input ?? null, line: e.line ?? null, ms: e.ms ?? null, detail: e.detail };
}

function podName(p: PodReport): string {
  return `${p.namespace}/${p.name}`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(3)}s`;
}

function stamp(t: number | null): string {
  return t === null ? "none" : formatTime(t);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
