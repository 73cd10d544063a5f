import type { ObservationType, PodMeta, PodObservation, WatchType } from "../types.js";
import { compareDecimalVersions, isDecimalVersion } from "./resourceVersion.js";
import { sameObservation } from "./sameObservation.js";

/** An observation with its position in the input order (for pods whose versions are not decimal). */
interface Sequenced {
  readonly seq: number;
  readonly obs: PodObservation;
}

/** One pod's observations in order, each with its resolved watch type. */
export interface PodHistory {
  readonly key: string;
  readonly meta: PodMeta;
  readonly observations: readonly (PodObservation & { readonly resolvedType: WatchType })[];
}

/**
 * Collects the observations of one pod as records arrive, in any order.
 * Identical consecutive observations are kept once (memory follows transitions);
 * `finish` orders them by resourceVersion when all are decimal, else by input order.
 */
export class PodHistoryBuilder {
  private meta: PodMeta;
  private metaVersion: string | null;
  private readonly entries: Sequenced[] = [];
  private readonly seenVersions = new Set<string>();
  private allDecimal = true;

  constructor(
    readonly key: string,
    meta: PodMeta,
  ) {
    this.meta = meta;
    this.metaVersion = null;
  }

  /** Adds an observation; false when its resourceVersion was already seen (a duplicate). */
  add(meta: PodMeta, obs: PodObservation, seq: number): boolean {
    const rv = obs.resourceVersion;
    if (rv !== null) {
      if (this.seenVersions.has(rv)) return false;
      this.seenVersions.add(rv);
    }
    if (!isDecimalVersion(rv)) this.allDecimal = false;
    this.updateMeta(meta, rv);
    const last = this.entries[this.entries.length - 1];
    if (last !== undefined && this.comesAfter(obs, seq, last) && sameObservation(last.obs, obs)) return true;
    this.entries.push({ seq, obs });
    return true;
  }

  finish(): PodHistory {
    const byVersion = this.allDecimal;
    const sorted = [...this.entries].sort((a, b) =>
      byVersion ? compareDecimalVersions(a.obs.resourceVersion!, b.obs.resourceVersion!) || a.seq - b.seq : a.seq - b.seq,
    );
    const observations: (PodObservation & { resolvedType: WatchType })[] = [];
    let previous: PodObservation | null = null;
    for (const { obs } of sorted) {
      if (previous !== null && sameObservation(previous, obs)) continue;
      observations.push({ ...obs, resolvedType: resolveType(obs, previous === null) });
      previous = obs;
    }
    return { key: this.key, meta: this.meta, observations };
  }

  private comesAfter(obs: PodObservation, seq: number, last: Sequenced): boolean {
    const a = obs.resourceVersion;
    const b = last.obs.resourceVersion;
    if (isDecimalVersion(a) && isDecimalVersion(b)) return compareDecimalVersions(a, b) > 0;
    return seq > last.seq;
  }

  /** Descriptive fields follow the newest record; creation time the first that has it. */
  private updateMeta(meta: PodMeta, rv: string | null): void {
    const newer =
      this.metaVersion === null ||
      (isDecimalVersion(rv) && isDecimalVersion(this.metaVersion) && compareDecimalVersions(rv, this.metaVersion) > 0);
    const created = this.meta.created ?? meta.created;
    if (newer) {
      this.meta = { ...meta, created, uid: meta.uid ?? this.meta.uid, owner: meta.owner ?? this.meta.owner };
      this.metaVersion = rv;
    } else if (created !== this.meta.created) {
      this.meta = { ...this.meta, created };
    }
  }
}

/**
 * `kubectl get -w` without `--output-watch-events` prints no type: the first
 * sight of a pod is ADDED, later ones MODIFIED, and an object being deleted
 * whose containers all terminated is the DELETED one (SPEC section 1).
 */
function resolveType(obs: PodObservation, first: boolean): WatchType {
  const type: ObservationType = obs.type;
  if (type !== "UNTYPED") return type;
  // A container with no status (an unscheduled pod) never ran and cannot still be running.
  if (obs.deletionTimestamp !== null && obs.containers.every((c) => c.state.kind === "terminated" || c.state.kind === "unknown")) {
    return "DELETED";
  }
  return first ? "ADDED" : "MODIFIED";
}
