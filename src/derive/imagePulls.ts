import type { EpochMs, Location } from "../types.js";
import type { KubeEvent } from "../records.js";
import { containerFromFieldPath } from "../kube/fieldPath.js";
import { parsePullMessage } from "../kube/pullMessage.js";
import { containerKey } from "./podView.js";

/** A container's first completed image pull, from kubelet events (docs/spec.md §5). */
export interface ContainerPull {
  /** Wall time in ms (fractional); 0 when the image was already present. */
  readonly wallMs: number | null;
  readonly cached: boolean;
  readonly at: EpochMs | null;
}

/** A container's first Pulled event that gives a negative pull time (docs/spec.md §5: left null). */
export interface NegativePull {
  readonly container: string;
  readonly ms: number;
  readonly loc: Location;
}

/**
 * For each container (by `containerKey`) its FIRST `Pulled` record: W when the
 * message has it, else D, else the time since the matching `Pulling` event;
 * `already present` counts 0. Containers with no Pulled event are absent. A
 * negative W or D (`in -5s`: a duration is never negative) is null, and
 * listed in `negative` with the event's place.
 */
export function deriveImagePulls(events: readonly KubeEvent[]): { pulls: Map<string, ContainerPull>; negative: NegativePull[] } {
  const byContainer = new Map<string, { pulling: EpochMs[]; pulled: KubeEvent[] }>();
  for (const e of events) {
    if (e.reason !== "Pulling" && e.reason !== "Pulled") continue;
    const container = containerFromFieldPath(e.subject.fieldPath);
    if (container === null) continue;
    const key = containerKey(container);
    let entry = byContainer.get(key);
    if (entry === undefined) {
      entry = { pulling: [], pulled: [] };
      byContainer.set(key, entry);
    }
    if (e.reason === "Pulling") {
      for (const t of [e.firstTime, e.time]) if (t !== null) entry.pulling.push(t);
    } else {
      entry.pulled.push(e);
    }
  }
  const pulls = new Map<string, ContainerPull>();
  const negative: NegativePull[] = [];
  for (const [key, { pulling, pulled }] of byContainer) {
    const first = [...pulled].sort((a, b) => (a.firstTime ?? a.time ?? Infinity) - (b.firstTime ?? b.time ?? Infinity))[0];
    if (first === undefined) continue;
    const at = first.firstTime ?? first.time;
    const parsed = parsePullMessage(first.reason, first.message);
    if (parsed === null || parsed.kind === "pulling") continue;
    if (parsed.kind === "cached") {
      pulls.set(key, { wallMs: 0, cached: true, at });
      continue;
    }
    let wallMs = parsed.wallMs ?? parsed.pullMs;
    if (wallMs !== null && wallMs < 0) {
      negative.push({ container: key.slice(key.indexOf("/") + 1), ms: wallMs, loc: first.loc });
      pulls.set(key, { wallMs: null, cached: false, at });
      continue;
    }
    if (wallMs === null && at !== null) {
      // No duration printed (Kubernetes before 1.19): since the latest Pulling before it.
      const started = pulling.filter((t) => t <= at).sort((a, b) => b - a)[0];
      wallMs = started === undefined ? null : at - started;
    }
    pulls.set(key, { wallMs, cached: false, at });
  }
  return { pulls, negative };
}

/**
 * The pulls that can belong to each container's first run. A pull precedes
 * the start it serves, so a first Pulled event a second or more after the
 * container's first start (start times are whole seconds) served a later
 * run: a container restarted after a node reboot, seen by a capture that
 * began after its first start. When the records show only later runs, the
 * earliest start they show is the reference (the first run began no later).
 * A Pulled event repeated by later runs keeps its first occurrence, so an
 * aggregated `already present` still counts for the first run.
 */
export function firstRunPulls(pulls: ReadonlyMap<string, ContainerPull>, starts: { readonly first: ReadonlyMap<string, EpochMs>; readonly earliestSeen: ReadonlyMap<string, EpochMs> }): Map<string, ContainerPull> {
  const kept = new Map<string, ContainerPull>();
  for (const [key, pull] of pulls) {
    const start = starts.first.get(key) ?? starts.earliestSeen.get(key);
    if (start !== undefined && pull.at !== null && pull.at >= start + 1000) continue;
    kept.set(key, pull);
  }
  return kept;
}
