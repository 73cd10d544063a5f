import type { EpochMs } from "../types.js";
import type { ContainerObservation, ObservationType, PodMeta, PodObservation, StatusPatch, WatchType } from "../records.js";
import { compareVersionKeys, versionKey } from "../kube/resourceVersion.js";
import { compareText } from "../compareText.js";
import { sameCondition, sameContainer, sameObservation, sameState } from "./sameObservation.js";
import { VersionLog, type VersionLogData } from "./versionLog.js";
import { comparePatches, withPatches, type TimedObservation } from "./statusPatches.js";

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
  /** Known only from status patches (no record of the whole pod): its figures lack what the patches did not say. */
  readonly patchesOnly?: boolean;
}

/** A pod whose history can be built: its identity first, its observations when asked. */
export interface PodSource {
  readonly key: string;
  readonly meta: PodMeta;
  /** Every uid the pod's records carried (a static pod: the kubelet's config hash and its mirror pods' uids). */
  readonly uids: readonly string[];
  /** Where its first record was read (input name, then line). */
  readonly firstPlace: { readonly input: string; readonly line: number } | null;
  finish(): PodHistory;
}

/** Names of the inputs of a run, by id: locations compare by name, never by the order inputs were read. */
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

  /** Every name, by id. */
  all(): readonly string[] {
    return this.names;
  }

  /** Orders two locations by input name, then line. */
  compare(inputA: number, lineA: number, inputB: number, lineB: number): number {
    if (inputA === inputB) return lineA - lineB;
    return compareText(this.names[inputA]!, this.names[inputB]!) || lineA - lineB;
  }
}

/**
 * How good a copy of a record is, when the same (uid, resourceVersion) is
 * read more than once (relists, overlapping captures): one with managedFields
 * times tells more than one without (kubectl strips them), and one read
 * without wrong-typed fields more than one with. Equal copies are told apart
 * by where they were read (input name, line): never by which was read first.
 */
function copyQuality(obs: PodObservation, clean: boolean): number {
  return (obs.managedAt !== null ? 2 : 0) + (clean ? 1 : 0);
}

/** A record whose resourceVersion is not a decimal integer: ordered by where it was read. */
export interface OtherRow {
  readonly rv: string | null;
  ref: number;
  managedAt: number | null;
  input: number;
  line: number;
  quality: number;
}

/**
 * The newest of some records, by resourceVersion and by place, each kept as
 * records arrive: which of the two orderings counts is known only at the end
 * (docs/spec.md §2.3). Equal versions (copies of one record) go to the better
 * copy, then the earlier place.
 */
class Newest<T> {
  // Overwritten in place: records mostly arrive newest last, and this runs for every record.
  private byVersion: Mutable<NonNullable<NewestData<T>["byVersion"]>> | null = null;
  private byPlace: Mutable<NonNullable<NewestData<T>["byPlace"]>> | null = null;

  constructor(private readonly inputs: InputNames) {}

  offer(value: T, hi: number | null, lo: number, quality: number, input: number, line: number): void {
    const v = this.byVersion;
    if (hi !== null) {
      if (v === null) this.byVersion = { value, hi, lo, quality, input, line };
      else {
        const order = compareVersionKeys(hi, lo, v.hi, v.lo);
        if (order > 0 || (order === 0 && (quality > v.quality || (quality === v.quality && this.inputs.compare(input, line, v.input, v.line) < 0)))) {
          v.value = value;
          v.hi = hi;
          v.lo = lo;
          v.quality = quality;
          v.input = input;
          v.line = line;
        }
      }
    }
    const p = this.byPlace;
    if (p === null) this.byPlace = { value, input, line };
    else if (this.inputs.compare(input, line, p.input, p.line) > 0) {
      p.value = value;
      p.input = input;
      p.line = line;
    }
  }

  pick(byPlace: boolean): T | undefined {
    return (byPlace ? this.byPlace : (this.byVersion ?? this.byPlace))?.value;
  }

  /** As data, its input ids through `id` (a partial's own numbering). */
  toData(id: (input: number) => number = same): NewestData<T> {
    const v = this.byVersion;
    const p = this.byPlace;
    return { byVersion: v === null ? null : { ...v, input: id(v.input) }, byPlace: p === null ? null : { ...p, input: id(p.input) } };
  }

  /** Offers another's newest (whose input ids `input` maps to this run's). */
  mergeData(other: NewestData<T>, input: (id: number) => number): void {
    const v = other.byVersion;
    if (v !== null) this.offer(v.value, v.hi, v.lo, v.quality, input(v.input), v.line);
    const p = other.byPlace;
    if (p !== null) this.offer(p.value, null, 0, 0, input(p.input), p.line);
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const same = (input: number): number => input;

/** The newest of some records, as data. */
export interface NewestData<T> {
  readonly byVersion: { readonly value: T; readonly hi: number; readonly lo: number; readonly quality: number; readonly input: number; readonly line: number } | null;
  readonly byPlace: { readonly value: T; readonly input: number; readonly line: number } | null;
}

/**
 * A pod's state as plain data, for a partial result: everything `merge`
 * needs, nothing derived. Input ids index the names of the run that wrote it.
 */
export interface PodStateData {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly contents: readonly PodObservation[];
  readonly rows: VersionLogData;
  readonly others: readonly OtherRow[];
  readonly newestMeta: NewestData<PodMeta>;
  readonly newestOwner: NewestData<string>;
  readonly newestApiUid: NewestData<string>;
  readonly created: EpochMs | null;
  readonly first: { readonly input: number; readonly line: number } | null;
  readonly uids: readonly string[];
}

/**
 * Collects the records of one pod as they arrive, in any order, to the same
 * state whatever that order: each record keeps its place and its own facts
 * in a `VersionLog`, its content is stored once per run of identical
 * statuses, a duplicate keeps the better copy (`copyQuality`, then the
 * earlier place), and descriptive fields come from the newest record.
 * `finish` orders records by resourceVersion when all are decimal integers,
 * else by where they were read (docs/spec.md §2.3).
 */
export class PodState implements PodSource {
  private readonly contents: PodObservation[] = [];
  /** Records with a decimal resourceVersion, sorted by it. */
  private readonly log = new VersionLog();
  /** Records without one, made when needed (rare). */
  private others: OtherRow[] | null = null;
  /** The newest record's descriptive fields; the newest owner and API uid (a record may lack them, a static pod's kubelet view has only its config hash). */
  private readonly newestMeta: Newest<PodMeta>;
  private readonly newestOwner: Newest<string>;
  private readonly newestApiUid: Newest<string>;
  private created: EpochMs | null = null;
  private first: { input: number; line: number } | null = null;
  private readonly uidSet = new Set<string>();
  /** Status patches of this pod (docs/spec.md §1.7), given when the run's records are all read; null: none. */
  private patches: StatusPatch[] | null = null;

  constructor(
    readonly key: string,
    private readonly inputs: InputNames,
    /** The namespace and name its records carry (a pod's are fixed: part of its key, §2.1). */
    readonly namespace: string,
    readonly name: string,
  ) {
    this.newestMeta = new Newest(inputs);
    this.newestOwner = new Newest(inputs);
    this.newestApiUid = new Newest(inputs);
  }

  get meta(): PodMeta {
    const byPlace = this.others !== null;
    const chosen = this.newestMeta.pick(byPlace) ?? this.patchMeta();
    const owner = chosen.owner ?? this.newestOwner.pick(byPlace) ?? null;
    const uid = this.newestApiUid.pick(byPlace) ?? chosen.uid;
    const created = this.created ?? chosen.created;
    return created === chosen.created && owner === chosen.owner && uid === chosen.uid ? chosen : { ...chosen, created, owner, uid };
  }

  get uids(): readonly string[] {
    return [...this.uidSet].sort(compareText);
  }

  get firstPlace(): { readonly input: string; readonly line: number } | null {
    if (this.first === null) return this.patches?.[0]?.loc ?? null;
    return { input: this.inputs.name(this.first.input), line: this.first.line };
  }

  /**
   * Adds a status patch of this pod. Patches are given once the records of
   * the run are all read (which pod a patch without a uid belongs to is
   * known only then), so they are not part of `toData`.
   */
  addPatch(patch: StatusPatch): void {
    if (this.patches === null) this.patches = [patch];
    else this.patches.push(patch);
    if (patch.uid !== null) this.uidSet.add(patch.uid);
  }

  /** A pod known only from patches: what the first that says most tells (a created pod's request, else the patch's names). */
  private patchMeta(): PodMeta {
    const patches = [...(this.patches ?? [])].sort(comparePatches);
    const described = patches.find((p) => p.meta !== null)?.meta;
    if (described !== undefined && described !== null) return this.uidSet.size > 0 && described.uid === null ? { ...described, uid: [...this.uidSet].sort(compareText)[0]! } : described;
    const uid = patches.find((p) => p.uid !== null)?.uid ?? null;
    return { uid, namespace: this.namespace, name: this.name, created: null, owner: null, labels: {}, staticHash: null, specContainers: [] };
  }

  /** Adds a record; false when its resourceVersion was already seen (a duplicate). `clean`: read without wrong-typed fields. */
  add(meta: PodMeta, obs: PodObservation, clean: boolean): boolean {
    const input = this.inputs.id(obs.loc.input);
    const line = obs.loc.line;
    const quality = copyQuality(obs, clean);
    const key = versionKey(obs.resourceVersion);
    this.note(meta, key === null ? null : key.hi, key === null ? 0 : key.lo, quality, input, line);
    if (key === null) return this.addOther(obs.resourceVersion, obs, obs.managedAt, input, line, quality);
    return this.addVersioned(key.hi, key.lo, obs, obs.managedAt, input, line, quality);
  }

  /**
   * Adds every record another state holds (of the same pod, in another run of
   * inputs), as if they had been added here; returns how many were
   * duplicates of records already here.
   */
  merge(other: PodState): number {
    return this.mergeData(other.toData(), (id) => this.inputs.id(other.inputs.name(id)));
  }

  /**
   * The state as data, its input ids through `id` (a partial numbers its
   * inputs by name). What depends on the order records arrived in is put in
   * an order of its own: records without a decimal version by place, uids
   * sorted. (Which content index a row points at still follows arrival: the
   * partial's encoder numbers contents afresh.)
   */
  toData(id: (input: number) => number = same): PodStateData {
    const rows = this.log.toData();
    const others = [...(this.others ?? [])].sort((a, b) => this.inputs.compare(a.input, a.line, b.input, b.line)).map((o) => ({ ...o, input: id(o.input) }));
    return {
      key: this.key,
      namespace: this.namespace,
      name: this.name,
      contents: this.contents,
      rows: id === same ? rows : { ...rows, input: rows.input.map(id) },
      others,
      newestMeta: this.newestMeta.toData(id),
      newestOwner: this.newestOwner.toData(id),
      newestApiUid: this.newestApiUid.toData(id),
      created: this.created,
      first: this.first === null ? null : { input: id(this.first.input), line: this.first.line },
      uids: [...this.uidSet].sort(compareText),
    };
  }

  /** `merge` of a state given as data, whose input ids `input` maps to this run's; returns the duplicates found. */
  mergeData(data: PodStateData, input: (id: number) => number): number {
    let duplicates = 0;
    const rows = data.rows;
    // A pod not seen yet (most pods of a merge are in one part only): its contents are taken as they are, each
    // row pointing at its own, instead of looking for one to share with a neighbour. finish() reads equal
    // contents alike, whichever row points at which.
    const fresh = this.log.length === 0 && this.others === null && this.contents.length === 0;
    if (fresh) for (const c of data.contents) this.contents.push(c);
    const log = this.log;
    for (let i = 0; i < rows.lo.length; i++) {
      const hi = rows.hi === null ? 0 : rows.hi[i]!;
      const lo = rows.lo[i]!;
      if (fresh) {
        const { found, at } = log.find(hi, lo);
        if (!found) {
          log.insert(at, { hi, lo, ref: rows.ref[i]!, managedAt: rows.managed[i]!, input: input(rows.input[i]!), line: rows.line[i]!, quality: rows.quality[i]! });
          continue;
        }
      }
      if (!this.addVersioned(hi, lo, data.contents[rows.ref[i]!]!, rows.managed[i]!, input(rows.input[i]!), rows.line[i]!, rows.quality[i]!)) duplicates++;
    }
    for (const o of data.others) if (!this.addOther(o.rv, data.contents[o.ref]!, o.managedAt, input(o.input), o.line, o.quality)) duplicates++;
    this.newestMeta.mergeData(data.newestMeta, input);
    this.newestOwner.mergeData(data.newestOwner, input);
    this.newestApiUid.mergeData(data.newestApiUid, input);
    if (data.created !== null && (this.created === null || data.created < this.created)) this.created = data.created;
    if (data.first !== null) {
      const first = input(data.first.input);
      if (this.first === null || this.inputs.compare(first, data.first.line, this.first.input, this.first.line) < 0) this.first = { input: first, line: data.first.line };
    }
    for (const uid of data.uids) this.uidSet.add(uid);
    return duplicates;
  }

  private addVersioned(hi: number, lo: number, obs: PodObservation, managedAt: number | null, input: number, line: number, quality: number): boolean {
    const log = this.log;
    const { found, at } = log.find(hi, lo);
    // The neighbour whose content it most likely repeats: the previous version (else the next).
    const previous = log.length === 0 ? null : log.before(at);
    if (found) {
      if (this.better(quality, input, line, log.quality(at), log.input(at), log.line(at))) {
        log.replace(at, { ref: this.contentRef(obs, previous === null ? -1 : log.ref(previous)), managedAt, input, line, quality });
      }
      return false;
    }
    const next = previous === null && log.length > 0 ? log.rowAt(at) : null;
    const neighbour = previous !== null ? log.ref(previous) : next !== null ? log.ref(next) : -1;
    log.insert(at, { hi, lo, ref: this.contentRef(obs, neighbour), managedAt, input, line, quality });
    return true;
  }

  finish(): PodHistory {
    type Row = { ref: number; managedAt: number | null; input: number; line: number };
    // Rows come straight from the log (sorted by version); only records without a decimal version make a list to sort.
    let rows: Iterable<Row> = this.log.rows();
    if (this.others !== null) rows = [...rows, ...this.others].sort((a, b) => this.inputs.compare(a.input, a.line, b.input, b.line));
    if (this.patches !== null) return this.finishWithPatches(rows);
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
    return { key: this.key, meta: this.meta, observations };
  }

  /** `finish` of a pod with status patches: its records as a list, the patches applied between them. */
  private finishWithPatches(rows: Iterable<{ ref: number; managedAt: number | null; input: number; line: number }>): PodHistory {
    const records: TimedObservation[] = [];
    for (const row of rows) {
      const obs = this.contents[row.ref]!;
      records.push({ obs: { ...obs, managedAt: row.managedAt, loc: { input: this.inputs.name(row.input), line: row.line } }, at: row.managedAt });
    }
    const meta = this.meta;
    const observations: HistoryObservation[] = [];
    let previous: PodObservation | null = null;
    for (const { obs } of withPatches(records, this.patches ?? [], meta.specContainers)) {
      if (previous !== null && sameObservation(previous, obs)) {
        const last = observations[observations.length - 1]!;
        if (obs.managedAt !== null) observations[observations.length - 1] = historyObservation(last, last.managedAt, obs.managedAt, last.loc, last.resolvedType);
        continue;
      }
      observations.push(historyObservation(obs, obs.managedAt, obs.managedAt, obs.loc, resolveType(obs, previous === null)));
      previous = obs;
    }
    return records.length === 0 ? { key: this.key, meta, observations, patchesOnly: true } : { key: this.key, meta, observations };
  }

  /** A duplicate copy replaces the kept one when it is better, or as good and read from an earlier place. */
  private better(quality: number, input: number, line: number, keptQuality: number, keptInput: number, keptLine: number): boolean {
    if (quality !== keptQuality) return quality > keptQuality;
    return this.inputs.compare(input, line, keptInput, keptLine) < 0;
  }

  private addOther(rv: string | null, obs: PodObservation, managedAt: number | null, input: number, line: number, quality: number): boolean {
    this.others ??= [];
    const kept = rv === null ? undefined : this.others.find((o) => o.rv === rv);
    if (kept !== undefined) {
      if (this.better(quality, input, line, kept.quality, kept.input, kept.line)) Object.assign(kept, { ref: this.contentRef(obs, kept.ref), managedAt, input, line, quality });
      return false;
    }
    this.others.push({ rv, ref: this.contentRef(obs, -1), managedAt, input, line, quality });
    return true;
  }

  /** What every record tells, whatever its order: the first place, uids, the earliest creation time, the newest fields. `hi` is null for a version that is not decimal. */
  private note(meta: PodMeta, hi: number | null, lo: number, quality: number, input: number, line: number): void {
    const first = this.first;
    if (first === null) this.first = { input, line };
    else if (this.inputs.compare(input, line, first.input, first.line) < 0) {
      first.input = input;
      first.line = line;
    }
    if (meta.uid !== null) this.uidSet.add(meta.uid);
    // The kubelet names a static pod by its config hash in its events, even when only the mirror pod was captured.
    if (meta.staticHash !== null) this.uidSet.add(meta.staticHash);
    if (meta.created !== null && (this.created === null || meta.created < this.created)) this.created = meta.created;
    this.newestMeta.offer(meta, hi, lo, quality, input, line);
    if (meta.owner !== null) this.newestOwner.offer(meta.owner, hi, lo, quality, input, line);
    // A static pod's kubelet view carries the config hash as its uid; its mirror pod carries the API's.
    if (meta.uid !== null && meta.uid !== meta.staticHash) this.newestApiUid.offer(meta.uid, hi, lo, quality, input, line);
  }

  private contentRef(obs: PodObservation, neighbour: number): number {
    const near = neighbour >= 0 ? this.contents[neighbour]! : this.contents[this.contents.length - 1];
    if (neighbour >= 0 && sameObservation(near!, obs)) return neighbour;
    this.contents.push(near === undefined ? obs : shareParts(obs, near, this.contents));
    return this.contents.length - 1;
  }
}

/** An observation with its run's facts; written out field by field (an object spread of this size is several times slower, and this runs once per transition). */
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
 * whose containers all terminated is the DELETED one (docs/spec.md §1).
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
 * A container not as it was in the previous one may be as it was a few
 * statuses before; one that changed (its readiness, its restart count)
 * still keeps the previous one's state objects where they are equal.
 */
function shareParts(obs: PodObservation, previous: PodObservation, contents: readonly PodObservation[]): PodObservation {
  const conditions = obs.conditions.map((c) => previous.conditions.find((p) => sameCondition(p, c)) ?? c);
  const containers = obs.containers.map((c) => previous.containers.find((p) => sameContainer(p, c)) ?? recentContainer(c, contents) ?? shareStates(c, previous.containers));
  return { ...obs, conditions: sameItems(conditions, previous.conditions), containers: sameItems(containers, previous.containers), loc: SHARED_LOC };
}

/** The previous list itself when it holds the very same items. */
function sameItems<T>(items: readonly T[], previous: readonly T[]): readonly T[] {
  if (items.length !== previous.length) return items;
  for (let i = 0; i < items.length; i++) if (items[i] !== previous[i]) return items;
  return previous;
}

/**
 * Statuses stored shortly before this one (in the order read): a container
 * whose readiness flaps goes back to a status it had two or three statuses
 * ago, which its conditions (each with a new transition time) never do.
 */
const RECENT = 8;

function recentContainer(c: ContainerObservation, contents: readonly PodObservation[]): ContainerObservation | undefined {
  for (let k = contents.length - 1; k >= 0 && k >= contents.length - RECENT; k--) {
    const found = contents[k]!.containers.find((p) => sameContainer(p, c));
    if (found !== undefined) return found;
  }
  return undefined;
}

function shareStates(c: ContainerObservation, previous: readonly ContainerObservation[]): ContainerObservation {
  const p = previous.find((x) => x.name === c.name && x.init === c.init);
  if (p === undefined) return c;
  const state = sameState(p.state, c.state) ? p.state : c.state;
  const lastState = c.lastState !== null && p.lastState !== null && sameState(p.lastState, c.lastState) ? p.lastState : c.lastState;
  if (state === c.state && lastState === c.lastState) return c;
  return { name: c.name, init: c.init, image: c.image, ready: c.ready, restartCount: c.restartCount, state, lastState, containerID: c.containerID };
}

/** Rows carry each record's location; the content's own is not read. */
const SHARED_LOC = { input: "", line: 0 };
