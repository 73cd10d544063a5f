import type { DurationBound, EpochMs, Location, PodReport, Stage, TimestampName } from "../types.js";
import type { KubeEvent } from "../records.js";
import type { PodHistory } from "../reconstruct/podHistory.js";
import { containerFromFieldPath } from "../kube/fieldPath.js";
import { phaseStart } from "./history.js";
import { containerKey, terminationKey, terminationsOf, type TerminatedState } from "./podView.js";
import { deletedAt, deletionRequestedAt } from "./timestamps.js";
import { deletionRecord, NO_CONTEXT, type DeriveContext } from "./deletion.js";

/** One piece of evidence in a pod's timeline. */
export type TimelineEntry =
  | { readonly kind: "phase"; readonly at: EpochMs | null; readonly phase: string; readonly source: Location }
  | { readonly kind: "condition"; readonly at: EpochMs | null; readonly type: string; readonly status: string; readonly reason: string | null; readonly message: string | null; readonly source: Location }
  | { readonly kind: "container"; readonly at: EpochMs | null; readonly container: string; readonly init: boolean; readonly state: string; readonly detail: string | null; readonly source: Location }
  | { readonly kind: "pod"; readonly at: EpochMs | null; readonly what: string; readonly source: Location }
  | { readonly kind: "event"; readonly at: EpochMs | null; readonly reason: string; readonly type: string | null; readonly container: string | null; readonly count: number; readonly message: string | null; readonly source: Location };

/** Where a stage begins and ends, for marking the timeline. */
export interface StageSpan {
  readonly stage: Stage;
  /** The moments it spans, measured or (before the capture) their latest possible time. */
  readonly from: EpochMs | null;
  readonly to: EpochMs | null;
  readonly ms: number | null;
  /** The stage's bound when it is not measured. */
  readonly bound: DurationBound | null;
}

/**
 * The evidence behind a pod's figures: every observed transition (phase,
 * condition, container state, deletion), every termination the failures and
 * restarts count (those seen only in `lastState` too, at their `finishedAt`)
 * and every matched event, with the record it came from, in time order.
 */
export function deriveTimeline(history: PodHistory, events: readonly KubeEvent[], context: DeriveContext = NO_CONTEXT): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let phase: string | null = null;
  const conditions = new Map<string, string>();
  const containers = new Map<string, string>();
  /** Terminations listed, by container and identity, as failures.ts counts them. */
  const terminations = new Set<string>();
  let deleting = false;
  const requested = deletionRequestedAt(history);
  const deleted = deletedAt(history, context);
  const gone = deletionRecord(history, context);
  const first = history.observations[0];
  if (first !== undefined && history.meta.created !== null) {
    entries.push({ kind: "pod", at: history.meta.created, what: "created (metadata.creationTimestamp)", source: first.loc });
  }
  for (const obs of history.observations) {
    if (obs.phase !== null && obs.phase !== phase) {
      phase = obs.phase;
      entries.push({ kind: "phase", at: phaseStart(obs, history.meta.created), phase: obs.phase, source: obs.loc });
    }
    for (const c of obs.conditions) {
      const key = `${c.status}|${c.reason ?? ""}|${c.lastTransitionTime ?? ""}`;
      if (conditions.get(c.type) === key) continue;
      conditions.set(c.type, key);
      entries.push({ kind: "condition", at: c.lastTransitionTime, type: c.type, status: c.status, reason: c.reason, message: c.message, source: obs.loc });
    }
    for (const c of obs.containers) {
      const s = c.state;
      let label: string;
      let at: EpochMs | null = obs.managedAt;
      let detail: string | null = null;
      switch (s.kind) {
        case "waiting":
          label = `waiting ${s.reason ?? ""}`.trim();
          detail = s.message;
          break;
        case "running":
          label = "running";
          at = s.startedAt ?? at;
          break;
        case "terminated":
          label = terminatedLabel(s);
          at = s.finishedAt ?? at;
          detail = s.message;
          break;
        case "unknown":
          label = "";
          break;
      }
      const ckey = containerKey(c);
      // A termination shown as the current state is listed with it; one seen only in lastState (the container
      // restarted between two records, as in a crash loop) gets its own entry at its finishedAt.
      for (const { state, current } of terminationsOf(c)) {
        const id = `${ckey}|${terminationKey(c.name, state)}`;
        if (terminations.has(id)) continue;
        terminations.add(id);
        if (!current) entries.push({ kind: "container", at: state.finishedAt ?? obs.managedAt, container: c.name, init: c.init, state: `${terminatedLabel(state)}, seen in lastState`, detail: state.message, source: obs.loc });
      }
      if (s.kind === "unknown") continue;
      const key = `${label}|${c.restartCount}|${at ?? ""}`;
      if (containers.get(ckey) === key) continue;
      containers.set(ckey, key);
      const restarts = c.restartCount > 0 ? ` [restarts ${c.restartCount}]` : "";
      entries.push({ kind: "container", at, container: c.name, init: c.init, state: label + restarts, detail, source: obs.loc });
    }
    if (obs.deletionTimestamp !== null && !deleting) {
      deleting = true;
      if (requested !== null) entries.push({ kind: "pod", at: requested, what: "deletion requested (metadata.deletionTimestamp minus deletionGracePeriodSeconds)", source: obs.loc });
      entries.push({ kind: "pod", at: obs.deletionTimestamp, what: "grace period ends (metadata.deletionTimestamp)", source: obs.loc });
    }
    if (obs === gone) entries.push({ kind: "pod", at: deleted ?? obs.deletionTimestamp, what: "DELETED", source: obs.loc });
  }
  for (const e of events) {
    entries.push({
      kind: "event",
      at: e.firstTime ?? e.time,
      reason: e.reason ?? "(no reason)",
      type: e.type,
      container: containerFromFieldPath(e.subject.fieldPath)?.name ?? null,
      count: e.count,
      message: e.message,
      source: e.loc,
    });
  }
  // Stable sort by time; an entry without a time stays after the one before it.
  let lastAt = -Infinity;
  const keyed = entries.map((entry, i) => {
    if (entry.at !== null) lastAt = entry.at;
    return { entry, at: entry.at ?? lastAt, i };
  });
  return keyed.sort((a, b) => a.at - b.at || a.i - b.i).map((k) => k.entry);
}

function terminatedLabel(s: TerminatedState): string {
  return `terminated ${s.reason ?? ""}`.trim() + (s.exitCode === null ? "" : ` (exit ${s.exitCode})`);
}

/** The spans of the stages that pod records and events give, for the timeline's stage section. */
export function stageSpans(pod: PodReport): StageSpan[] {
  const t = (name: TimestampName): EpochMs | null => pod.timestamps[name] ?? pod.notAfter[name] ?? null;
  const span = (stage: Stage, from: TimestampName | null, to: TimestampName | null): StageSpan => ({
    stage,
    from: from === null ? null : t(from),
    to: to === null ? null : t(to),
    ms: pod.durationsMs[stage],
    bound: pod.boundsMs[stage] ?? null,
  });
  return [
    span("scheduling", "created", "scheduled"),
    span("imagePull", null, null),
    span("containerStart", "scheduled", "containersStarted"),
    span("scheduledToRunning", "scheduled", "containersStarted"),
    span("readiness", "containersStarted", "ready"),
    span("startup", "created", "ready"),
    span("startupSLI", "created", "containersStarted"),
    span("createdToSandboxReady", "created", "sandboxReady"),
    span("createdToInitialized", "created", "initialized"),
    span("createdToContainersStarted", "created", "containersStarted"),
    span("createdToContainersReady", "created", "containersReady"),
  ];
}
