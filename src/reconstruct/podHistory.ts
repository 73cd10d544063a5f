import type { ObservationType, PodMeta, PodObservation, WatchType } from "../types.js";
import { compareDecimalVersions, isDecimalVersion } from "./resourceVersion.js";
import { sameObservation } from "./sameObservation.js";
import { VersionLog } from "./versionLog.js";

/** One pod's observations in order, each with its resolved watch type. */
export interface PodHistory {
  readonly key: string;
  readonly meta: PodMeta;
  readonly observations: readonly (PodObservation & { readonly resolvedType: WatchType })[];
}

const SAFE_DECIMAL = /^(0|[1-9][0-9]{0,14})$/;

/**
 * Collects the observations of one pod as records arrive, in any order.
 * Each record keeps its place (version, input position); its content is
 * stored once per run of identical observations, so memory follows
 * transitions, not records. `finish` orders them by resourceVersion when all
 * are decimal integers, else by input order (SPEC section 2).
 */
export class PodHistoryBuilder {
  private meta: PodMeta;
  private metaVersion: string | null = null;
  private readonly contents: PodObservation[] = [];
  /** Records with a decimal resourceVersion, sorted by it. */
  private readonly log = new VersionLog();
  /** Records without one (or beyond 2^53), in input order; their presence orders everything by input. */
  private readonly others: { readonly seq: number; readonly ref: number }[] = [];
  private readonly otherVersions = new Set<string>();
  private lastRef = -1;

  constructor(
    readonly key: string,
    meta: PodMeta,
  ) {
    this.meta = meta;
  }

  /** Adds an observation; false when its resourceVersion was already seen (a duplicate). */
  add(meta: PodMeta, obs: PodObservation, seq: number): boolean {
    const rv = obs.resourceVersion;
    let ref: number;
    if (rv !== null && SAFE_DECIMAL.test(rv)) {
      const version = Number(rv);
      const found = this.log.find(version);
      if (found >= 0) return false;
      const at = -found - 1;
      // The neighbour whose content it most likely repeats: the previous version, or the previous record read.
      const neighbour = this.others.length === 0 ? (at > 0 ? this.log.ref(at - 1) : -1) : this.lastRef;
      ref = this.contentRef(obs, neighbour);
      this.log.insert(at, version, seq, ref);
    } else {
      if (rv !== null) {
        if (this.otherVersions.has(rv)) return false;
        this.otherVersions.add(rv);
      }
      ref = this.contentRef(obs, this.lastRef);
      this.others.push({ seq, ref });
    }
    this.lastRef = ref;
    this.updateMeta(meta, rv);
    return true;
  }

  finish(): PodHistory {
    const order: { seq: number; ref: number }[] = [];
    for (let i = 0; i < this.log.length; i++) order.push({ seq: this.log.seq(i), ref: this.log.ref(i) });
    if (this.others.length > 0) {
      order.push(...this.others);
      order.sort((a, b) => a.seq - b.seq);
    }
    const observations: (PodObservation & { resolvedType: WatchType })[] = [];
    let previous: PodObservation | null = null;
    for (const { ref } of order) {
      const obs = this.contents[ref]!;
      if (previous !== null && (previous === obs || sameObservation(previous, obs))) continue;
      observations.push({ ...obs, resolvedType: resolveType(obs, previous === null) });
      previous = obs;
    }
    return { key: this.key, meta: this.meta, observations };
  }

  private contentRef(obs: PodObservation, neighbour: number): number {
    if (neighbour >= 0 && sameObservation(this.contents[neighbour]!, obs)) return neighbour;
    this.contents.push(obs);
    return this.contents.length - 1;
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
