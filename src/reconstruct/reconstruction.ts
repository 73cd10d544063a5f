import type { CaptureGap, Location, Warning } from "../types.js";
import { compareText } from "../compareText.js";
import type { KubeEvent, PodRecord } from "../records.js";
import { warningAt, type Diagnostic } from "../diagnostics.js";
import type { NormalizeResult } from "../normalize/normalizeValue.js";
import { InputNames, PodState, type PodSource } from "./podHistory.js";

/** Counters of one input, filled while its records are applied. */
export interface InputStats {
  readonly name: string;
  records: number;
  skipped: number;
  duplicates: number;
  warnings: number;
}

/** Everything the inputs of a run told, ready for derivation. */
export interface Reconstructed {
  /**
   * Each pod's history, built when asked (one at a time keeps memory down).
   * Handed over once: `takePods` gives the list and keeps no reference, so
   * each pod can be let go as soon as it is derived.
   */
  takePods(): PodSource[];
  readonly events: readonly KubeEvent[];
  readonly gaps: readonly CaptureGap[];
  readonly warnings: readonly Warning[];
  readonly skippedKinds: Readonly<Record<string, number>>;
  readonly podRecords: number;
  readonly eventRecords: number;
}

/** Warnings kept per input; beyond this they are counted in one closing warning. */
const MAX_WARNINGS_PER_INPUT = 1000;

/**
 * The per-pod state of one run, built record by record from the normalized
 * records of all its inputs: identity, duplicates (docs/spec.md §2), per-pod
 * histories, the latest version of each event.
 */
export class Reconstruction {
  private readonly pods = new Map<string, PodState>();
  private readonly inputNames = new InputNames();
  /**
   * Each event's most advanced version and the counts seen of it (its
   * versions, for duplicates), by uid; events without one by name, else by
   * what they say. The uid itself is the key: no key string is made per event.
   */
  private readonly events = { uid: new Map<string, EventVersions>(), name: new Map<string, EventVersions>(), other: new Map<string, EventVersions>() };
  private readonly gaps: CaptureGap[] = [];
  private readonly warnings: Warning[] = [];
  private readonly skippedKinds = new Map<string, number>();
  private podRecords = 0;
  private eventRecords = 0;

  apply(result: NormalizeResult, stats: InputStats): void {
    stats.records++;
    if ((result.kind === "pod" || result.kind === "event") && result.diagnostics !== undefined) {
      for (const d of result.diagnostics) this.warn(stats, result.kind === "pod" ? result.observation.loc.line : result.event.loc.line, d);
    }
    switch (result.kind) {
      case "pod":
        this.podRecords++;
        if (!this.applyPod(result, result.diagnostics === undefined)) stats.duplicates++;
        return;
      case "event":
        this.eventRecords++;
        if (!this.applyEvent(result.event)) stats.duplicates++;
        return;
      case "gap":
        this.gaps.push({ input: result.loc.input, line: result.loc.line, code: result.code, reason: result.reason, message: result.message });
        return;
      case "bookmark":
        stats.skipped++;
        return;
      case "skipped": {
        stats.skipped++;
        const kind = result.objectKind ?? "(no kind)";
        this.skippedKinds.set(kind, (this.skippedKinds.get(kind) ?? 0) + 1);
        return;
      }
      case "invalid":
        stats.skipped++;
        this.warn(stats, result.loc.line, result.diagnostic);
        return;
    }
  }

  /** Records a located problem of an input. */
  warn(stats: InputStats, line: number | null, diagnostic: Diagnostic): void {
    stats.warnings++;
    if (stats.warnings <= MAX_WARNINGS_PER_INPUT) this.warnings.push(warningAt(stats.name, line, diagnostic));
  }

  /** Closes an input: a summary warning when its warnings were too many to keep. */
  closeInput(stats: InputStats): void {
    if (stats.warnings > MAX_WARNINGS_PER_INPUT) {
      this.warnings.push(warningAt(stats.name, null, { kind: "moreWarnings", count: stats.warnings - MAX_WARNINGS_PER_INPUT }));
    }
  }

  finish(): Reconstructed {
    let pods: PodSource[] | null = [...this.pods.values()];
    this.pods.clear();
    const warnings = [...this.warnings, ...sharedUidWarnings(pods)];
    const events = (["uid", "name", "other"] as const).flatMap((map) =>
      [...this.events[map]].sort(([a], [b]) => compareText(a, b)).map(([, e]) => (e.firstTime === e.event.firstTime ? e.event : { ...e.event, firstTime: e.firstTime })),
    );
    const skippedKinds: Record<string, number> = {};
    for (const kind of [...this.skippedKinds.keys()].sort()) skippedKinds[kind] = this.skippedKinds.get(kind)!;
    return {
      takePods() {
        if (pods === null) throw new Error("the pods of this reconstruction were already taken");
        const taken = pods;
        pods = null;
        return taken;
      },
      events,
      gaps: this.gaps,
      warnings,
      skippedKinds,
      podRecords: this.podRecords,
      eventRecords: this.eventRecords,
    };
  }

  private applyPod(record: PodRecord, clean: boolean): boolean {
    const { meta, observation } = record;
    // docs/spec.md §2: a pod is its uid; without one, namespace/name at its creation time. A static pod is its
    // config hash: the kubelet's view of it (uid = the hash) and its mirror pods are one pod.
    // The name is part of the key: one uid under two names (a hand-edited capture) is two pods, with a warning.
    const key = meta.staticHash !== null ? `static:${meta.staticHash}` : meta.uid !== null ? `${meta.uid} ${meta.namespace}/${meta.name}` : `${meta.namespace}/${meta.name}@${meta.created ?? "?"}`;
    let state = this.pods.get(key);
    if (state === undefined) {
      state = new PodState(key, this.inputNames);
      this.pods.set(key, state);
    }
    return state.add(meta, observation, clean);
  }

  /**
   * Keeps the most advanced version of each event (the highest count; of
   * equal copies the one read from the earliest place) and its earliest first
   * occurrence; false for a duplicate (a count already seen). The result does
   * not depend on the order records arrive in.
   */
  private applyEvent(event: KubeEvent): boolean {
    const [versions, key] = eventKey(this.events, event);
    const known = versions.get(key);
    if (known === undefined) {
      versions.set(key, { event, counts: [event.count], firstTime: event.firstTime });
      return true;
    }
    const duplicate = known.counts.includes(event.count);
    if (!duplicate) known.counts.push(event.count);
    if (event.firstTime !== null && (known.firstTime === null || event.firstTime < known.firstTime)) known.firstTime = event.firstTime;
    const kept = known.event;
    if (event.count > kept.count || (event.count === kept.count && this.readEarlier(event.loc, kept.loc))) known.event = event;
    return !duplicate;
  }

  private readEarlier(a: Location, b: Location): boolean {
    return compareText(a.input, b.input) < 0 || (a.input === b.input && a.line < b.line);
  }
}

interface EventVersions {
  event: KubeEvent;
  readonly counts: number[];
  /** The earliest first occurrence any version told. */
  firstTime: number | null;
}

/** The map an event's versions are kept in, and its key there. */
function eventKey(maps: Readonly<Record<"uid" | "name" | "other", Map<string, EventVersions>>>, event: KubeEvent): [Map<string, EventVersions>, string] {
  if (event.uid !== null) return [maps.uid, event.uid];
  if (event.name !== null) return [maps.name, `${event.namespace ?? ""}/${event.name}`];
  const s = event.subject;
  return [maps.other, `${s.namespace ?? ""}/${s.name ?? ""}/${s.fieldPath ?? ""}/${event.reason ?? ""}/${event.firstTime ?? ""}`];
}

/** One warning for each pod that shares its uid with another (names and namespaces never change, so a capture that shows this was edited or corrupted). */
function sharedUidWarnings(pods: readonly PodSource[]): Warning[] {
  const byUid = new Map<string, PodSource[]>();
  for (const p of pods) {
    if (p.meta.uid === null || p.meta.staticHash !== null) continue;
    const same = byUid.get(p.meta.uid);
    if (same === undefined) byUid.set(p.meta.uid, [p]);
    else same.push(p);
  }
  const warnings: Warning[] = [];
  for (const [uid, same] of byUid) {
    if (same.length < 2) continue;
    const names = same.map((p) => `${p.meta.namespace}/${p.meta.name}`).sort(compareText);
    for (const p of same) {
      const at = p.firstPlace;
      warnings.push(warningAt(at?.input ?? "", at?.line ?? null, { kind: "sharedUid", uid, name: `${p.meta.namespace}/${p.meta.name}`, names }));
    }
  }
  return warnings;
}
