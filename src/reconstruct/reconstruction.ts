import type { CaptureGap, InputFormat, InputSummary, Location, Warning } from "../types.js";
import { compareText } from "../compareText.js";
import type { KubeEvent, PodRecord, StatusPatch } from "../records.js";
import { warningAt, type Diagnostic } from "../diagnostics.js";
import type { NormalizeResult } from "../normalize/normalizeValue.js";
import { InputNames, PodState, type PodSource, type PodStateData } from "./podHistory.js";
import { comparePatches } from "./statusPatches.js";

/** What one input told, counted while its records are applied. */
export interface InputTally {
  readonly name: string;
  records: number;
  skipped: number;
  /** Problems found, all of them; the first `MAX_WARNINGS_PER_INPUT` by line are kept. */
  warnings: number;
  readonly kept: Warning[];
  format: InputFormat | null;
  /** The first line of the part of the input whose format `format` is (an input read in parts: its first part's). */
  formatLine: number;
  bytes: number;
  /** Pod and event records applied. */
  captured: number;
  /** What the input looks like, said when it holds no pod or event (`captured` 0); null when not described. */
  looksLike: InputDescription | null;
  /** The first line of the part of the input `looksLike` describes (an input read in parts: its first part holding bytes); Infinity for an empty part. */
  looksLikeLine: number;
}

/** What an input looks like (decode's `describeContent`): the text, and whether it is in a capture format (its warnings stay). */
export interface InputDescription {
  readonly text: string;
  readonly captureFormat: boolean;
}

/**
 * What an input looks like, as a partial holds it: only while it holds no pod
 * or event (`finish` says it only then), so that a part of it read alone,
 * which can have none, leaves no trace once merged with one that has.
 */
function description(t: InputTally): { readonly looksLike: InputDescription | null; readonly looksLikeLine: number | null } {
  if (t.captured > 0 || t.looksLike === null) return { looksLike: null, looksLikeLine: null };
  return { looksLike: t.looksLike, looksLikeLine: Number.isFinite(t.looksLikeLine) ? t.looksLikeLine : null };
}

/** Everything the inputs of a run told, ready for derivation. */
export interface Reconstructed {
  /**
   * Each pod's history, built when asked (one at a time keeps memory down).
   * Handed over once: `takePods` gives the list and keeps no reference, so
   * each pod can be let go as soon as it is derived.
   */
  takePods(): PodSource[];
  readonly inputs: readonly InputSummary[];
  readonly events: readonly KubeEvent[];
  readonly gaps: readonly CaptureGap[];
  readonly warnings: readonly Warning[];
  readonly skippedKinds: Readonly<Record<string, number>>;
  readonly podRecords: number;
  readonly eventRecords: number;
  /** Records that repeated one already applied (docs/spec.md §2.2), over the whole run. */
  readonly duplicates: number;
}

/**
 * A reconstruction as a sequence of plain-data entries (a partial result):
 * its input names first (every input read, sorted), then each input's
 * tally, each pod's state, each event's versions, the gaps and the
 * counters. Input ids in pod states index `names`. `mergeEntries` of the
 * entries gives back what `merge` of the reconstruction would.
 */
export type PartialEntry =
  | { readonly kind: "names"; readonly names: readonly string[] }
  | { readonly kind: "input"; readonly tally: InputTallyData }
  | { readonly kind: "pod"; readonly pod: PodStateData }
  | { readonly kind: "event"; readonly map: EventMap; readonly key: string; readonly event: KubeEvent; readonly counts: readonly number[]; readonly firstTime: number | null }
  | { readonly kind: "gap"; readonly gap: CaptureGap }
  | { readonly kind: "patch"; readonly key: string; readonly patch: StatusPatch }
  | { readonly kind: "totals"; readonly skippedKinds: Readonly<Record<string, number>>; readonly podRecords: number; readonly eventRecords: number; readonly duplicates: number };

/** An input's tally as data: its kept warnings without their text (made again from the diagnostic), `formatLine` null for none. */
export interface InputTallyData {
  readonly name: string;
  readonly records: number;
  readonly skipped: number;
  readonly warnings: number;
  readonly kept: readonly { readonly line: number | null; readonly diagnostic: Diagnostic }[];
  readonly format: InputFormat | null;
  readonly formatLine: number | null;
  readonly bytes: number;
  readonly captured: number;
  readonly looksLike: InputDescription | null;
  readonly looksLikeLine: number | null;
}

type EventMap = "uid" | "name" | "other";

/**
 * Keeps the description of an input's first part that holds bytes (an empty
 * part's only while there is no other): the one reading the parts together gives.
 */
export function describeInput(tally: InputTally, looksLike: InputDescription | null, line: number): void {
  if (looksLike === null) return;
  if (tally.looksLike === null || line < tally.looksLikeLine) {
    tally.looksLike = looksLike;
    tally.looksLikeLine = line;
  }
}

/** Warnings about an input's bytes (compression, archive) rather than its text: told even for an input that is no capture. */
const DAMAGE: ReadonlySet<Diagnostic["kind"]> = new Set(["damagedCompression", "trailingCompressedBytes", "damagedArchive"]);

/** Warnings kept per input; beyond this they are counted in one closing warning. */
const MAX_WARNINGS_PER_INPUT = 1000;

/**
 * The per-pod state of one run, built record by record from the normalized
 * records of all its inputs: identity, duplicates (docs/spec.md §2), per-pod
 * histories, the latest version of each event. The state is the same
 * whatever order the records arrive in, and two states merge into the one
 * their records together would give (`merge`): so inputs can be read apart
 * (in other threads, other processes, other days) and joined later.
 */
export class Reconstruction {
  /** Pods by identity key (`podKey`); `byUid` finds a pod's state by its uid alone, without making its key. */
  private readonly pods = new Map<string, PodState>();
  private readonly byUid = new Map<string, PodState>();
  private readonly inputNames = new InputNames();
  private readonly tallies = new Map<string, InputTally>();
  /**
   * Each event's most advanced version and the counts seen of it (its
   * versions, for duplicates), by uid; events without one by name, else by
   * what they say. The uid itself is the key: no key string is made per event.
   */
  private readonly events = { uid: new Map<string, EventVersions>(), name: new Map<string, EventVersions>(), other: new Map<string, EventVersions>() };
  private readonly gaps: CaptureGap[] = [];
  /**
   * Status patches (docs/spec.md §1.7) by their request's audit ID (else
   * their place): which pod each belongs to is decided when all pods are
   * known (`finish`), as a patch may name its pod by name only.
   */
  private readonly patches = new Map<string, StatusPatch>();
  private readonly skippedKinds = new Map<string, number>();
  private podRecords = 0;
  private eventRecords = 0;
  private duplicates = 0;

  /** The tally of an input, made when first asked for. */
  input(name: string): InputTally {
    let tally = this.tallies.get(name);
    if (tally === undefined) {
      tally = { name, records: 0, skipped: 0, warnings: 0, kept: [], format: null, formatLine: Infinity, bytes: 0, captured: 0, looksLike: null, looksLikeLine: Infinity };
      this.tallies.set(name, tally);
    }
    return tally;
  }

  apply(result: NormalizeResult, tally: InputTally): void {
    tally.records++;
    if ((result.kind === "pod" || result.kind === "event") && result.diagnostics !== undefined) {
      for (const d of result.diagnostics) this.warn(tally, result.kind === "pod" ? result.observation.loc.line : result.event.loc.line, d);
    }
    switch (result.kind) {
      case "pod":
        this.podRecords++;
        tally.captured++;
        if (!this.applyPod(result, result.diagnostics === undefined)) this.duplicates++;
        return;
      case "event":
        this.eventRecords++;
        tally.captured++;
        if (!this.applyEvent(result.event)) this.duplicates++;
        return;
      case "gap":
        this.gaps.push({ input: result.loc.input, line: result.loc.line, code: result.code, reason: result.reason, message: result.message });
        return;
      case "statusPatch":
        this.podRecords++;
        if (!this.keepPatch(patchKey(result.patch), result.patch)) this.duplicates++;
        return;
      case "bookmark":
        tally.skipped++;
        return;
      case "skipped": {
        tally.skipped++;
        const kind = result.objectKind ?? "(no kind)";
        this.skippedKinds.set(kind, (this.skippedKinds.get(kind) ?? 0) + 1);
        return;
      }
      case "invalid":
        tally.skipped++;
        this.warn(tally, result.loc.line, result.diagnostic);
        return;
    }
  }

  /** Records a located problem of an input. */
  warn(tally: InputTally, line: number | null, diagnostic: Diagnostic): void {
    tally.warnings++;
    tally.kept.push(warningAt(tally.name, line, diagnostic));
    if (tally.kept.length >= 2 * MAX_WARNINGS_PER_INPUT) trimWarnings(tally.kept);
  }

  /**
   * Adds what another reconstruction holds, as if its records had been
   * applied here: the result is the same whichever is merged into which.
   */
  merge(other: Reconstruction): void {
    this.mergeEntries(other.toPartial());
  }

  /**
   * The reconstruction as plain-data entries (see `PartialEntry`), in an
   * order of their own, never the order records or merges came in: inputs
   * numbered and listed by name, pods by key, events by map and key, each
   * list inside sorted, an input's kept warnings cut to those `finish` would
   * keep. Two reconstructions that hold the same give the same entries, so
   * a partial file's bytes do not depend on threads or merge order.
   */
  *toPartial(): Generator<PartialEntry> {
    // Every input read, also those that gave no pod record (their events and gaps name them).
    const names = [...new Set([...this.inputNames.all(), ...this.tallies.keys()])].sort(compareText);
    const at = new Map(names.map((name, i) => [name, i]));
    const id = (input: number): number => at.get(this.inputNames.name(input))!;
    yield { kind: "names", names };
    for (const t of [...this.tallies.values()].sort((a, b) => compareText(a.name, b.name))) {
      const kept = [...t.kept];
      trimWarnings(kept, true);
      yield {
        kind: "input",
        tally: { name: t.name, records: t.records, skipped: t.skipped, warnings: t.warnings, kept: kept.map((w) => ({ line: w.line, diagnostic: w.diagnostic })), format: t.format, formatLine: Number.isFinite(t.formatLine) ? t.formatLine : null, bytes: t.bytes, captured: t.captured, ...description(t) },
      };
    }
    for (const pod of [...this.pods.values()].sort((a, b) => compareText(a.key, b.key))) yield { kind: "pod", pod: pod.toData(id) };
    for (const map of ["uid", "name", "other"] as const) {
      for (const [key, e] of [...this.events[map]].sort(([a], [b]) => compareText(a, b))) {
        yield { kind: "event", map, key, event: e.event, counts: [...e.counts].sort((a, b) => a - b), firstTime: e.firstTime };
      }
    }
    for (const gap of [...this.gaps].sort(compareGaps)) yield { kind: "gap", gap };
    for (const [key, patch] of [...this.patches].sort(([a], [b]) => compareText(a, b))) yield { kind: "patch", key, patch };
    const skippedKinds: Record<string, number> = {};
    for (const kind of [...this.skippedKinds.keys()].sort(compareText)) skippedKinds[kind] = this.skippedKinds.get(kind)!;
    yield { kind: "totals", skippedKinds, podRecords: this.podRecords, eventRecords: this.eventRecords, duplicates: this.duplicates };
  }

  /**
   * Adds what the entries of a partial result hold, as `merge` would. The
   * entries must come in `toPartial`'s order (its `names` first).
   */
  mergeEntries(entries: Iterable<PartialEntry>): void {
    const add = this.entryMerger();
    for (const entry of entries) add(entry);
  }

  /** Adds the entries of one partial one at a time (a partial read line by line), as `mergeEntries` would. */
  entryMerger(): (entry: PartialEntry) => void {
    let names: readonly string[] = [];
    const input = (id: number): number => this.inputNames.id(names[id]!);
    return (entry) => this.mergeEntry(entry, (n) => (names = n), input);
  }

  private mergeEntry(entry: PartialEntry, setNames: (names: readonly string[]) => void, input: (id: number) => number): void {
    switch (entry.kind) {
      case "names":
        setNames(entry.names);
        return;
      case "input": {
        const theirs = entry.tally;
        const mine = this.input(theirs.name);
        mine.records += theirs.records;
        mine.skipped += theirs.skipped;
        mine.warnings += theirs.warnings;
        for (const w of theirs.kept) mine.kept.push(warningAt(theirs.name, w.line, w.diagnostic));
        if (mine.kept.length >= 2 * MAX_WARNINGS_PER_INPUT) trimWarnings(mine.kept);
        if (theirs.formatLine !== null && theirs.formatLine < mine.formatLine) {
          mine.format = theirs.format;
          mine.formatLine = theirs.formatLine;
        }
        mine.bytes += theirs.bytes;
        mine.captured += theirs.captured;
        describeInput(mine, theirs.looksLike, theirs.looksLikeLine ?? Infinity);
        return;
      }
      case "pod": {
        let mine = this.pods.get(entry.pod.key);
        if (mine === undefined) {
          mine = new PodState(entry.pod.key, this.inputNames, entry.pod.namespace, entry.pod.name);
          this.pods.set(entry.pod.key, mine);
        }
        this.duplicates += mine.mergeData(entry.pod, input);
        return;
      }
      case "event": {
        const mine = this.events[entry.map].get(entry.key);
        if (mine === undefined) {
          this.events[entry.map].set(entry.key, { event: entry.event, counts: [...entry.counts], firstTime: entry.firstTime });
          return;
        }
        for (const count of entry.counts) {
          if (mine.counts.includes(count)) this.duplicates++;
          else mine.counts.push(count);
        }
        this.keepVersion(mine, entry.event, entry.firstTime);
        return;
      }
      case "gap":
        this.gaps.push(entry.gap);
        return;
      case "patch":
        if (!this.keepPatch(entry.key, entry.patch)) this.duplicates++;
        return;
      case "totals":
        for (const [kind, n] of Object.entries(entry.skippedKinds)) this.skippedKinds.set(kind, (this.skippedKinds.get(kind) ?? 0) + n);
        this.podRecords += entry.podRecords;
        this.eventRecords += entry.eventRecords;
        this.duplicates += entry.duplicates;
        return;
    }
  }

  finish(): Reconstructed {
    this.placePatches();
    let pods: PodSource[] | null = [...this.pods.values()];
    this.pods.clear();
    this.byUid.clear();
    const warnings: Warning[] = [];
    const inputs: InputSummary[] = [];
    for (const tally of this.tallies.values()) {
      const looksLike = tally.captured === 0 ? tally.looksLike : null;
      inputs.push({ name: tally.name, format: tally.format, records: tally.records, skipped: tally.skipped, bytes: tally.bytes, looksLike: looksLike?.text ?? null });
      if (looksLike !== null) {
        warnings.push(warningAt(tally.name, null, { kind: "noCapture", looksLike: looksLike.text }));
        // Text that is no capture is said once, by that one warning: its "not JSON" lines are not a page of warnings (damage to its bytes is still told).
        if (!looksLike.captureFormat) {
          warnings.push(...tally.kept.filter((w) => DAMAGE.has(w.diagnostic.kind)));
          continue;
        }
      }
      trimWarnings(tally.kept);
      warnings.push(...tally.kept);
      if (tally.warnings > MAX_WARNINGS_PER_INPUT) warnings.push(warningAt(tally.name, null, { kind: "moreWarnings", count: tally.warnings - MAX_WARNINGS_PER_INPUT }));
    }
    warnings.push(...sharedUidWarnings(pods));
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
      inputs,
      events,
      gaps: this.gaps,
      warnings,
      skippedKinds,
      podRecords: this.podRecords,
      eventRecords: this.eventRecords,
      duplicates: this.duplicates,
    };
  }

  /** Keeps a patch; false for a copy of one kept (the copy read from the earlier place is kept). */
  private keepPatch(key: string, patch: StatusPatch): boolean {
    const known = this.patches.get(key);
    if (known === undefined) {
      this.patches.set(key, patch);
      return true;
    }
    if (compareLocations(patch.loc, known.loc) < 0) this.patches.set(key, patch);
    return false;
  }

  /**
   * Gives each status patch to its pod, in time order: the pod of its uid;
   * else (a patch without one, or whose uid no record has) the pod of its
   * namespace and name created last at or before it, among those whose uid
   * does not contradict it; else a pod known only from patches.
   */
  private placePatches(): void {
    if (this.patches.size === 0) return;
    const byName = new Map<string, PodState[]>();
    const byUid = new Map<string, PodState>();
    for (const state of this.pods.values()) {
      const name = `${state.namespace}/${state.name}`;
      byName.set(name, [...(byName.get(name) ?? []), state]);
      for (const uid of state.uids) if (!byUid.has(uid)) byUid.set(uid, state);
    }
    for (const patch of [...this.patches.values()].sort(comparePatches)) {
      const name = `${patch.namespace}/${patch.name}`;
      let state = patch.uid === null ? undefined : byUid.get(patch.uid);
      if (state !== undefined && (state.namespace !== patch.namespace || state.name !== patch.name)) state = undefined;
      if (state === undefined) {
        const candidates = (byName.get(name) ?? []).filter((s) => patch.uid === null || s.uids.length === 0 || s.uids.includes(patch.uid));
        state = createdLastBefore(candidates, patch.time);
      }
      if (state === undefined) {
        const key = patch.uid === null ? `${name}@patches` : `${patch.uid} ${name}`;
        state = this.pods.get(key) ?? new PodState(key, this.inputNames, patch.namespace, patch.name);
        this.pods.set(key, state);
        byName.set(name, [...(byName.get(name) ?? []).filter((s) => s !== state), state]);
      }
      if (patch.uid !== null && !byUid.has(patch.uid)) byUid.set(patch.uid, state);
      state.addPatch(patch);
    }
  }

  private applyPod(record: PodRecord, clean: boolean): boolean {
    const { meta, observation } = record;
    // Most records name a pod already seen under the same uid and name: found without making its key.
    const uid = meta.staticHash === null ? meta.uid : null;
    let state = uid === null ? undefined : this.byUid.get(uid);
    if (state === undefined || state.namespace !== meta.namespace || state.name !== meta.name) {
      const key = podKey(meta);
      state = this.pods.get(key);
      if (state === undefined) {
        state = new PodState(key, this.inputNames, meta.namespace, meta.name);
        this.pods.set(key, state);
      }
      if (uid !== null) this.byUid.set(uid, state);
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
    this.keepVersion(known, event, event.firstTime);
    return !duplicate;
  }

  private keepVersion(known: EventVersions, event: KubeEvent, firstTime: number | null): void {
    if (firstTime !== null && (known.firstTime === null || firstTime < known.firstTime)) known.firstTime = firstTime;
    const kept = known.event;
    if (event.count > kept.count || (event.count === kept.count && compareLocations(event.loc, kept.loc) < 0)) known.event = event;
  }
}

/**
 * A pod's identity (docs/spec.md §2.1): its uid; without one, namespace/name
 * at its creation time. A static pod is its config hash: the kubelet's view
 * of it (uid = the hash) and its mirror pods are one pod. The name is part
 * of the key: one uid under two names (an edited capture) is two pods.
 */
function podKey(meta: PodRecord["meta"]): string {
  if (meta.staticHash !== null) return `static:${meta.staticHash}`;
  if (meta.uid !== null) return `${meta.uid} ${meta.namespace}/${meta.name}`;
  return `${meta.namespace}/${meta.name}@${meta.created ?? "?"}`;
}

/** A patch's identity: its request's audit ID, else its place (a patch without one is never a copy). */
function patchKey(patch: StatusPatch): string {
  return patch.id !== null ? `id:${patch.id}` : `at:${patch.loc.input}:${patch.loc.line}`;
}

/** Of a name's pods, the one created last at or before `time` (the earliest when all were created later; the last created when `time` is null). */
function createdLastBefore(pods: readonly PodState[], time: number | null): PodState | undefined {
  if (pods.length <= 1) return pods[0];
  const sorted = [...pods].sort((a, b) => (a.meta.created ?? -Infinity) - (b.meta.created ?? -Infinity) || compareText(a.key, b.key));
  if (time === null) return sorted[sorted.length - 1];
  return sorted.findLast((p) => (p.meta.created ?? -Infinity) <= time) ?? sorted[0];
}

function compareLocations(a: Location, b: Location): number {
  return compareText(a.input, b.input) || a.line - b.line;
}

/**
 * Keeps the first MAX_WARNINGS_PER_INPUT warnings of an input by place (line,
 * those without one last, then text): the same ones whatever order they were
 * found in and however the input was split.
 */
function trimWarnings(kept: Warning[], always = false): void {
  if (kept.length <= MAX_WARNINGS_PER_INPUT && !always) return;
  kept.sort(
    (a, b) =>
      (a.line === b.line ? 0 : a.line === null ? 1 : b.line === null ? -1 : a.line - b.line) ||
      compareText(a.message, b.message) ||
      // Two problems with one text on one line: rare, but their order must not be the order they were found in.
      (a.diagnostic === b.diagnostic ? 0 : compareText(JSON.stringify(a.diagnostic), JSON.stringify(b.diagnostic))),
  );
  if (kept.length > MAX_WARNINGS_PER_INPUT) kept.length = MAX_WARNINGS_PER_INPUT;
}

function compareGaps(a: CaptureGap, b: CaptureGap): number {
  return compareText(a.input, b.input) || a.line - b.line || (a.code ?? -1) - (b.code ?? -1) || compareText(a.reason ?? "", b.reason ?? "") || compareText(a.message ?? "", b.message ?? "");
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
