import type { EpochMs, PodFailure } from "../types.js";
import type { KubeEvent, PodObservation } from "../records.js";
import { categoryOf } from "../catalog/index.js";
import { containerFromFieldPath } from "../kube/fieldPath.js";
import { terminationKey, terminationsOf } from "./podView.js";
import { compareText } from "../compareText.js";

/** Waiting reasons that are progress, not failure. */
export const PROGRESS_WAITING_REASONS: ReadonlySet<string> = new Set(["ContainerCreating", "PodInitializing"]);
/** PodScheduled=False reasons that are failures (SchedulingGated is a deliberate hold). */
const SCHEDULING_FAILURES: ReadonlySet<string> = new Set(["Unschedulable", "SchedulerError"]);

interface Tally {
  count: number;
  firstSeen: EpochMs | null;
  lastSeen: EpochMs | null;
  message: string | null;
  messageAt: EpochMs | null;
  readonly exitCodes: Set<number>;
}

/** Occurrences of failure reasons keyed by (reason, container), from one kind of source. */
class FailureTally {
  readonly entries = new Map<string, { reason: string; container: string | null; tally: Tally }>();

  add(reason: string, container: string | null, occurrences: number, first: EpochMs | null, last: EpochMs | null, message: string | null): Tally {
    const key = `${reason}\u0000${container ?? ""}`;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = { reason, container, tally: { count: 0, firstSeen: null, lastSeen: null, message: null, messageAt: null, exitCodes: new Set() } };
      this.entries.set(key, entry);
    }
    const t = entry.tally;
    t.count += occurrences;
    this.seen(t, first, last, message);
    return t;
  }

  /** A snapshot still showing a reason already counted: extends its last-seen time and message. */
  seen(t: Tally, first: EpochMs | null, last: EpochMs | null, message: string | null): void {
    if (first !== null && (t.firstSeen === null || first < t.firstSeen)) t.firstSeen = first;
    const end = last ?? first;
    if (end !== null && (t.lastSeen === null || end > t.lastSeen)) t.lastSeen = end;
    if (message !== null && (t.messageAt === null || end === null || end >= t.messageAt)) {
      t.message = message;
      t.messageAt = end ?? t.messageAt;
    }
  }
}

/**
 * Every distinct failure reason a pod showed (docs/spec.md §6): waiting and
 * terminated container states, pod status.reason, PodScheduled=False and
 * DisruptionTarget from its records; Warning and BackOff events. When records
 * and events report the same (reason, container), the larger count stands.
 */
/** An observation, with the managedFields time of the last record of its run when known. */
type Observed = PodObservation & { readonly lastManagedAt?: EpochMs | null };

export function deriveFailures(observations: readonly Observed[], events: readonly KubeEvent[]): PodFailure[] {
  const fromRecords = tallyRecords(observations);
  const fromEvents = tallyEvents(events);
  const merged = new Map(fromRecords.entries);
  for (const [key, ev] of fromEvents.entries) {
    const rec = merged.get(key);
    if (rec === undefined) {
      merged.set(key, ev);
      continue;
    }
    const t = rec.tally;
    const eventCount = ev.tally.count;
    fromRecords.seen(t, ev.tally.firstSeen, ev.tally.lastSeen, null);
    if (t.message === null) t.message = ev.tally.message;
    t.count = Math.max(t.count, eventCount);
  }
  const failures: PodFailure[] = [...merged.values()].map(({ reason, container, tally }) => ({
    reason,
    category: categoryOf(reason, tally.message),
    container,
    count: tally.count,
    firstSeen: tally.firstSeen,
    lastSeen: tally.lastSeen,
    message: tally.message,
    exitCodes: [...tally.exitCodes].sort((a, b) => a - b),
  }));
  return failures.sort(compareFailures);
}

function tallyRecords(observations: readonly Observed[]): FailureTally {
  const tally = new FailureTally();
  const waiting = new Map<string, string | null>();
  const terminations = new Set<string>();
  const held = new Map<string, string | null>(); // pod-level states: status.reason, conditions
  const open = new Map<string, Tally>();
  for (const obs of observations) {
    const at = obs.managedAt;
    // A run of identical records: the state was still shown at the run's last record.
    const until = obs.lastManagedAt ?? at;
    for (const c of obs.containers) {
      const key = `${c.init ? "i" : "c"}/${c.name}`;
      const reason = c.state.kind === "waiting" ? c.state.reason : null;
      const failing = reason !== null && !PROGRESS_WAITING_REASONS.has(reason) ? reason : null;
      const message = c.state.kind === "waiting" ? c.state.message : null;
      if (failing !== null) {
        if (waiting.get(key) !== failing) open.set(`w/${key}`, tally.add(failing, c.name, 1, at, until, message));
        else tally.seen(open.get(`w/${key}`)!, at, until, message);
      }
      waiting.set(key, failing);
      for (const { state } of terminationsOf(c)) {
        const failed = (state.reason !== null && state.reason !== "Completed") || (state.exitCode !== null && state.exitCode !== 0);
        if (!failed) continue;
        const id = `${key}|${terminationKey(c.name, state)}`;
        if (terminations.has(id)) continue;
        terminations.add(id);
        const name = state.reason === null || state.reason === "Completed" ? "Error" : state.reason;
        const t = tally.add(name, c.name, 1, state.finishedAt ?? at, state.finishedAt ?? at, state.message);
        if (state.exitCode !== null) t.exitCodes.add(state.exitCode);
      }
    }
    holdState(tally, held, open, "status", obs.reason, obs.message, at, until);
    const scheduled = obs.conditions.find((c) => c.type === "PodScheduled");
    const unschedulable = scheduled?.status === "False" && scheduled.reason !== null && SCHEDULING_FAILURES.has(scheduled.reason) ? scheduled : null;
    holdState(tally, held, open, "scheduled", unschedulable?.reason ?? null, unschedulable?.message ?? null, unschedulable?.lastTransitionTime ?? at, until);
    const disruption = obs.conditions.find((c) => c.type === "DisruptionTarget" && c.status === "True");
    holdState(tally, held, open, "disruption", disruption ? (disruption.reason ?? "DisruptionTarget") : null, disruption?.message ?? null, disruption?.lastTransitionTime ?? at, until);
  }
  return tally;
}

/** Counts a pod-level reason once per entry into it; later snapshots only extend it. */
function holdState(
  tally: FailureTally,
  held: Map<string, string | null>,
  open: Map<string, Tally>,
  slot: string,
  reason: string | null,
  message: string | null,
  first: EpochMs | null,
  last: EpochMs | null,
): void {
  if (reason !== null) {
    if (held.get(slot) !== reason) open.set(slot, tally.add(reason, null, 1, first, last ?? first, message));
    else tally.seen(open.get(slot)!, null, last, message);
  }
  held.set(slot, reason);
}

/** Warning events, BackOff of any type, and Killing after a failed probe. */
export function isFailureEvent(e: KubeEvent): boolean {
  if (e.reason === null) return false;
  if (e.type === "Warning" || e.reason === "BackOff") return true;
  return e.reason === "Killing" && e.message !== null && /failed (liveness|startup) probe/.test(e.message);
}

function tallyEvents(events: readonly KubeEvent[]): FailureTally {
  const tally = new FailureTally();
  for (const e of events) {
    if (!isFailureEvent(e)) continue;
    const container = containerFromFieldPath(e.subject.fieldPath)?.name ?? null;
    tally.add(e.reason!, container, e.count, e.firstTime ?? e.time, e.time ?? e.firstTime, e.message);
  }
  return tally;
}

function compareFailures(a: PodFailure, b: PodFailure): number {
  if (a.firstSeen !== b.firstSeen) {
    if (a.firstSeen === null) return 1;
    if (b.firstSeen === null) return -1;
    return a.firstSeen - b.firstSeen;
  }
  return compareText(a.reason, b.reason) || compareText(a.container ?? "", b.container ?? "");
}
