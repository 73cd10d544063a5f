import type { CaptureGap, KubeEvent, PodRecord, Warning } from "../types.js";
import type { NormalizeResult } from "../normalize/normalizeValue.js";
import { InputNames, PodHistoryBuilder, type PodSource } from "./podHistory.js";

/** Counters of one input, filled while its records are applied. */
export interface InputStats {
  readonly name: string;
  records: number;
  skipped: number;
  duplicates: number;
  warnings: number;
}

/** Everything a capture told, ready for derivation. */
export interface CaptureContents {
  /** Each pod's history, built when asked (one at a time keeps memory down); `buildReport` empties these. */
  readonly pods: PodSource[];
  readonly events: KubeEvent[];
  readonly gaps: readonly CaptureGap[];
  readonly warnings: readonly Warning[];
  readonly skippedKinds: Readonly<Record<string, number>>;
  readonly podRecords: number;
  readonly eventRecords: number;
}

/** Warnings kept per input; beyond this they are counted in one closing warning. */
const MAX_WARNINGS_PER_INPUT = 1000;

/**
 * Applies normalized records of all inputs of one run: identity, duplicates
 * (docs/spec.md §2.2), per-pod histories, the latest version of each event.
 */
export class CaptureBuilder {
  private readonly pods = new Map<string, PodHistoryBuilder>();
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
  private seq = 0;
  private podRecords = 0;
  private eventRecords = 0;

  apply(result: NormalizeResult, stats: InputStats): void {
    stats.records++;
    if ((result.kind === "pod" || result.kind === "event") && result.warning !== undefined) {
      this.warn(stats, result.kind === "pod" ? result.observation.loc.line : result.event.loc.line, result.warning);
    }
    switch (result.kind) {
      case "pod":
        this.podRecords++;
        if (!this.applyPod(result)) stats.duplicates++;
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
        this.warn(stats, result.loc.line, result.problem);
        return;
    }
  }

  /** Records a located problem of an input. */
  warn(stats: InputStats, line: number | null, message: string): void {
    stats.warnings++;
    if (stats.warnings <= MAX_WARNINGS_PER_INPUT) this.warnings.push({ input: stats.name, line, message });
  }

  /** Closes an input: a summary warning when its warnings were too many to keep. */
  closeInput(stats: InputStats): void {
    if (stats.warnings > MAX_WARNINGS_PER_INPUT) {
      this.warnings.push({
        input: stats.name,
        line: null,
        message: `${stats.warnings - MAX_WARNINGS_PER_INPUT} more warnings not listed`,
      });
    }
  }

  finish(): CaptureContents {
    const pods = [...this.pods.values()];
    const skippedKinds: Record<string, number> = {};
    for (const kind of [...this.skippedKinds.keys()].sort()) skippedKinds[kind] = this.skippedKinds.get(kind)!;
    return {
      pods,
      events: [...this.events.uid.values(), ...this.events.name.values(), ...this.events.other.values()].map((e) => e.event),
      gaps: this.gaps,
      warnings: this.warnings,
      skippedKinds,
      podRecords: this.podRecords,
      eventRecords: this.eventRecords,
    };
  }

  private applyPod(record: PodRecord): boolean {
    const { meta, observation } = record;
    // docs/spec.md §2.1: a pod is its uid; without one, namespace/name at its creation time.
    const key = meta.uid ?? `${meta.namespace}/${meta.name}@${meta.created ?? "?"}`;
    let builder = this.pods.get(key);
    if (builder === undefined) {
      builder = new PodHistoryBuilder(key, meta, this.inputNames);
      this.pods.set(key, builder);
    }
    return builder.add(meta, observation, this.seq++);
  }

  /** Keeps the most advanced version of each event; false for a duplicate (the same event with a count already seen). */
  private applyEvent(event: KubeEvent): boolean {
    const [versions, key] = eventKey(this.events, event);
    const known = versions.get(key);
    if (known === undefined) {
      versions.set(key, { event, counts: [event.count] });
      return true;
    }
    if (known.counts.includes(event.count)) return false;
    known.counts.push(event.count);
    // Counts differ here (an equal one returned above): the higher count is the newer version.
    known.event = event.count > known.event.count ? mergeEvent(known.event, event) : mergeEvent(event, known.event);
    return true;
  }
}

interface EventVersions {
  event: KubeEvent;
  readonly counts: number[];
}

/** The map an event's versions are kept in, and its key there. */
function eventKey(maps: Readonly<Record<"uid" | "name" | "other", Map<string, EventVersions>>>, event: KubeEvent): [Map<string, EventVersions>, string] {
  if (event.uid !== null) return [maps.uid, event.uid];
  if (event.name !== null) return [maps.name, `${event.namespace ?? ""}/${event.name}`];
  const s = event.subject;
  return [maps.other, `${s.namespace ?? ""}/${s.name ?? ""}/${s.fieldPath ?? ""}/${event.reason ?? ""}/${event.firstTime ?? ""}`];
}

/** A newer version of an event keeps the earliest first occurrence seen. */
function mergeEvent(older: KubeEvent, newer: KubeEvent): KubeEvent {
  if (older.firstTime === null || (newer.firstTime !== null && newer.firstTime <= older.firstTime)) return newer;
  return { ...newer, firstTime: older.firstTime };
}
