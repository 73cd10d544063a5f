import type { EpochMs, ObservationType, PodMeta, PodObservation, WatchType } from "../types.js";
import { compareDecimalVersions, isDecimalVersion } from "../kube/resourceVersion.js";
import { sameCondition, sameContainer, sameObservation } from "./sameObservation.js";
import { VersionLog } from "./versionLog.js";
import { compareText } from "../compareText.js";

/** An observation in a pod's history: a run of records that said the same. */
export type HistoryObservation = PodObservation & {
  readonly resolvedType: WatchType;
  /** managedFields time of the run's last record (its first is `managedAt`). */
  readonly lastManagedAt: EpochMs | null;
};

/** One pod's observations in order, each with its resolved watch type. */
export interface PodHistory {
  readonly key: string;
  readonly meta: PodMeta;
  readonly observations: readonly HistoryObservation[];
}

/** A pod whose history can be built: its identity first, its observations when asked. */
export interface PodSource {
  readonly key: string;
  readonly meta: PodMeta;
  finish(): PodHistory;
}

/** Names of the inputs of a run, by id: locations compare by name, not by reading order. */
export class InputNames {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }

  name(id: number): string {
    return this.names[id]!;
  }

  /** Orders two locations by input name, then line. */
  compare(inputA: number, lineA: number, inputB: number, lineB: number): number {
    return compareText(this.names[inputA]!, this.names[inputB]!) || lineA - lineB;
  }
}

const SAFE_DECIMAL = /^(0|[1-9][0-9]{0,14})$/;

/**
 * Collects the observations of one pod as records arrive, in any order.
 * Each record keeps its place and its own facts (version, input position,
 * managedFields time, location) in a `VersionLog`; its content is stored once
 * per run of identical observations, so memory follows transitions, not
 * records. `finish` orders records by resourceVersion when all are decimal
 * integers, else by input order (docs/spec.md §2.3).
 */
export class PodHistoryBuilder implements PodSource {
  private currentMeta: PodMeta;
  private metaVersion: string | null = null;
  private readonly contents: PodObservation[] = [];
  /** Records with a decimal resourceVersion, sorted by it. */
  private readonly log = new VersionLog();
  /** Records without one (or beyond 2^53), in input order; their presence orders everything by input. Rare: made when needed. */
  private others: VersionLog | null = null;
  private otherVersions: Set<string> | null = null;
  private lastRef = -1;

  constructor(
    readonly key: string,
    meta: PodMeta,
    private readonly inputs: InputNames,
  ) {
    this.currentMeta = meta;
  }

  get meta(): PodMeta {
    return this.currentMeta;
  }

  /** Adds an observation; false when its resourceVersion was already seen (a duplicate). */
  add(meta: PodMeta, obs: PodObservation, seq: number): boolean {
    const rv = obs.resourceVersion;
    const input = this.inputs.id(obs.loc.input);
    const line = obs.loc.line;
    let ref: number;
    if (rv !== null && SAFE_DECIMAL.test(rv)) {
      const version = Number(rv);
      const found = this.log.find(version);
      if (found >= 0) {
        // The same record read again: it counts where it was read first in name order, whatever the reading order.
        if (this.inputs.compare(input, line, this.log.input(found), this.log.line(found)) < 0) this.log.relocate(found, input, line);
        return false;
      }
      const at = -found - 1;
      // The neighbour whose content it most likely repeats: the previous version, or the previous record read.
      const neighbour = this.others === null ? (at > 0 ? this.log.ref(at - 1) : -1) : this.lastRef;
      ref = this.contentRef(obs, neighbour);
      this.log.insert(at, { version, seq, ref, managedAt: obs.managedAt, input, line });
    } else {
      if (rv !== null) {
        this.otherVersions ??= new Set();
        if (this.otherVersions.has(rv)) return false;
        this.otherVersions.add(rv);
      }
      ref = this.contentRef(obs, this.lastRef);
      this.others ??= new VersionLog();
      this.others.insert(this.others.length, { version: 0, seq, ref, managedAt: obs.managedAt, input, line });
    }
    this.lastRef = ref;
    this.updateMeta(meta, rv);
    return true;
  }

  finish(): PodHistory {
    type Row = { seq: number; ref: number; managedAt: number | null; input: number; line: number };
    const rows: Row[] = [];
    for (const log of this.others === null ? [this.log] : [this.log, this.others]) {
      for (let i = 0; i < log.length; i++) {
        rows.push({ seq: log.seq(i), ref: log.ref(i), managedAt: log.managedAt(i), input: log.input(i), line: log.line(i) });
      }
    }
    if (this.others !== null) rows.sort((a, b) => a.seq - b.seq);
    const observations: HistoryObservation[] = [];
    let previous: PodObservation | null = null;
    for (const row of rows) {
      const obs = this.contents[row.ref]!;
      if (previous !== null && (previous === obs || sameObservation(previous, obs))) {
        // The run goes on: only its last time moves.
        const last = observations[observations.length - 1]!;
        if (row.managedAt !== null) observations[observations.length - 1] = historyObservation(last, last.managedAt, row.managedAt, last.loc, last.resolvedType);
        continue;
      }
      observations.push(historyObservation(obs, row.managedAt, row.managedAt, { input: this.inputs.name(row.input), line: row.line }, resolveType(obs, previous === null)));
      previous = obs;
    }
    return { key: this.key, meta: this.currentMeta, observations };
  }

  private contentRef(obs: PodObservation, neighbour: number): number {
    const near = neighbour >= 0 ? this.contents[neighbour]! : this.contents[this.contents.length - 1];
    if (neighbour >= 0 && sameObservation(near!, obs)) return neighbour;
    this.contents.push(near === undefined ? obs : shareParts(obs, near));
    return this.contents.length - 1;
  }

  /** Descriptive fields follow the newest record; creation time the first that has it. */
  private updateMeta(meta: PodMeta, rv: string | null): void {
    const newer =
      this.metaVersion === null ||
      (isDecimalVersion(rv) && isDecimalVersion(this.metaVersion) && compareDecimalVersions(rv, this.metaVersion) > 0);
    const created = this.currentMeta.created ?? meta.created;
    if (newer) {
      this.currentMeta = { ...meta, created, uid: meta.uid ?? this.currentMeta.uid, owner: meta.owner ?? this.currentMeta.owner };
      this.metaVersion = rv;
    } else if (created !== this.currentMeta.created) {
      this.currentMeta = { ...this.currentMeta, created };
    }
  }
}

/** An observation with its run's facts; written out field by field (an object spread of this size is slower, and this runs once per transition; docs/performance.md). */
function historyObservation(obs: PodObservation, managedAt: EpochMs | null, lastManagedAt: EpochMs | null, loc: HistoryObservation["loc"], resolvedType: WatchType): HistoryObservation {
  return {
    type: obs.type,
    resourceVersion: obs.resourceVersion,
    phase: obs.phase,
    reason: obs.reason,
    message: obs.message,
    nodeName: obs.nodeName,
    deletionTimestamp: obs.deletionTimestamp,
    conditions: obs.conditions,
    containers: obs.containers,
    managedAt,
    loc,
    resolvedType,
    lastManagedAt,
  };
}

/**
 * `kubectl get -w` without `--output-watch-events` prints no type: the first
 * sight of a pod is ADDED, later ones MODIFIED, and an object being deleted
 * whose containers all terminated is the DELETED one (docs/spec.md §1.3).
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

/**
 * The observation, reusing the condition and container objects of a previous
 * one where they are equal: successive statuses of a pod differ in a field or
 * two, so its history holds each condition and container state about once.
 */
function shareParts(obs: PodObservation, previous: PodObservation): PodObservation {
  const conditions = obs.conditions.map((c) => previous.conditions.find((p) => sameCondition(p, c)) ?? c);
  const containers = obs.containers.map((c) => previous.containers.find((p) => sameContainer(p, c)) ?? c);
  return { ...obs, conditions, containers, loc: SHARED_LOC };
}

/** Rows carry each record's location; the content's own is not read. */
const SHARED_LOC = { input: "", line: 0 };
