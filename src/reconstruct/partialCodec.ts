import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { CaptureGap } from "../types.js";
import type { Diagnostic } from "../diagnostics.js";
import type { ConditionObservation, ContainerObservation, KubeEvent, PatchJson, PodMeta, PodObservation, StatusPatch } from "../records.js";
import { intern, lazily } from "../memo.js";
import type { NewestData, OtherRow, PodStateData } from "./podHistory.js";
import type { InputTallyData, PartialEntry } from "./reconstruction.js";
import { definitionChecks } from "./schemaCheck.js";
import type {
  DeepReadonly,
  PartialCondition,
  PartialContainer,
  PartialDiagnostic,
  PartialEvent,
  PartialEventLine,
  PartialGapLine,
  PartialInputLine,
  PartialLine,
  PartialNamesLine,
  PartialNewestMeta,
  PartialNewestText,
  PartialPatchLine,
  PartialPodLine,
  PartialPodMeta,
  PartialStatus,
  PartialTotalsLine,
} from "./partialLines.js";

/*
 * The lines of a partial file (docs/partial.md, schemas/partial.schema.json)
 * to and from the entries of a reconstruction. What a line holds is what
 * merging needs and nothing the order of reading decided: a pod's statuses,
 * conditions and containers are tables numbered in order of first use, each
 * entry once; a status keeps only what a history reads of it (each record's
 * version, managedFields time and place are its row's).
 */

export type { PartialLine } from "./partialLines.js";

export const PARTIAL_FORMAT = "podtrail-partial";
/** The format version this podtrail writes and reads: a change to the lines' schema is a new version (docs/partial.md). */
export const PARTIAL_VERSION = 1;
/**
 * Who wrote a partial, for the message that refuses another version.
 * package.json is two folders up from src/reconstruct/, dist/reconstruct/
 * and the command's bundle in dist/cli/ alike, as schemas/ is. Read when a
 * partial is written or refused, not when the module is loaded.
 */
export const writer = lazily(() => `podtrail ${(createRequire(import.meta.url)("../../package.json") as { version: string }).version}`);

/** The lines an entry becomes: all but the header and the end line, which belong to the file. */
export type EntryLine = DeepReadonly<PartialNamesLine | PartialInputLine | PartialPodLine | PartialEventLine | PartialGapLine | PartialPatchLine | PartialTotalsLine>;

/** A line that is well-formed but does not fit its partial (an index out of range, columns of different lengths). */
export class PartialLineError extends Error {
  override readonly name = "PartialLineError";
}

// A problem podtrail records must be one a partial can carry, and the other way round: a new kind of
// diagnostic changes the partial format (schemas/partial.schema.json, and its version).
const carried: (d: Diagnostic) => DeepReadonly<PartialDiagnostic> = (d) => d;
const restored: (d: DeepReadonly<PartialDiagnostic>) => Diagnostic = (d) => d;

/**
 * Makes the lines of one partial, entry by entry, in the order `toPartial`
 * gives them (its `names` first). `canonical` (for files): equal statuses,
 * conditions and containers are stored once even when they were not one
 * object in memory, so that the bytes depend only on what is held; without
 * it (lines crossing between threads, merged and never written as they are)
 * only one object is stored once, which costs no text per value.
 */
export class PartialEncoder {
  private ids = new Map<string, number>();

  constructor(private readonly canonical = true) {}

  line(entry: PartialEntry): EntryLine {
    switch (entry.kind) {
      case "names":
        this.ids = new Map(entry.names.map((name, i) => [name, i]));
        return { kind: "names", names: [...entry.names] };
      case "input":
        return inputLine(entry.tally);
      case "pod":
        return podLine(entry.pod, this.canonical);
      case "event":
        return { kind: "event", map: entry.map, key: entry.key, counts: [...entry.counts], firstTime: entry.firstTime, event: this.eventLine(entry.event) };
      case "gap":
        return { kind: "gap", input: this.id(entry.gap.input), line: entry.gap.line, code: entry.gap.code, reason: entry.gap.reason, message: entry.gap.message };
      case "patch": {
        const p = entry.patch;
        return {
          kind: "patch",
          key: entry.key,
          op: p.op,
          uid: p.uid,
          namespace: p.namespace,
          name: p.name,
          time: p.time,
          id: p.id,
          status: p.status,
          nodeName: p.nodeName,
          meta: p.meta === null ? null : metaLine(p.meta),
          input: this.id(p.loc.input),
          line: p.loc.line,
        };
      }
      case "totals":
        return { kind: "totals", skippedKinds: { ...entry.skippedKinds }, podRecords: entry.podRecords, eventRecords: entry.eventRecords, duplicates: entry.duplicates };
    }
  }

  private id(name: string): number {
    const id = this.ids.get(name);
    if (id === undefined) throw new Error(`input ${JSON.stringify(name)} is not among the partial's names`);
    return id;
  }

  private eventLine(e: KubeEvent): PartialEvent {
    const s = e.subject;
    return {
      uid: e.uid,
      name: e.name,
      namespace: e.namespace,
      resourceVersion: e.resourceVersion,
      apiGroup: e.apiGroup,
      type: e.type,
      reason: e.reason,
      message: e.message,
      subject: { kind: s.kind, uid: s.uid, namespace: s.namespace, name: s.name, fieldPath: s.fieldPath },
      count: e.count,
      time: e.time,
      firstTime: e.firstTime,
      reportingComponent: e.reportingComponent,
      host: e.host,
      input: this.id(e.loc.input),
      line: e.loc.line,
    };
  }
}

function inputLine(t: InputTallyData): DeepReadonly<PartialInputLine> {
  return {
    kind: "input",
    name: t.name,
    records: t.records,
    skipped: t.skipped,
    warnings: t.warnings,
    kept: t.kept.map((w) => ({ line: w.line, diagnostic: carried(w.diagnostic) })),
    format: t.format,
    formatLine: t.formatLine,
    bytes: t.bytes,
    captured: t.captured,
    looksLike: t.looksLike === null ? null : { text: t.looksLike.text, captureFormat: t.looksLike.captureFormat },
    looksLikeLine: t.looksLikeLine,
  };
}

/** A pod's metadata as a line holds it: the fields a record without a status or spec lacks are left out, not written as null. */
function metaLine(m: PodMeta): PartialPodMeta {
  return {
    uid: m.uid,
    namespace: m.namespace,
    name: m.name,
    created: m.created,
    owner: m.owner,
    labels: { ...m.labels },
    staticHash: m.staticHash,
    specContainers: m.specContainers.map((c) => ({ name: c.name, init: c.init, image: c.image })),
    ...(m.startTime === undefined ? {} : { startTime: m.startTime }),
    ...(m.deletionGracePeriodSeconds === undefined ? {} : { deletionGracePeriodSeconds: m.deletionGracePeriodSeconds }),
    ...(m.finalizers === undefined ? {} : { finalizers: [...m.finalizers] }),
    ...(m.stateful === undefined ? {} : { stateful: m.stateful }),
  };
}

/**
 * Numbers values in order of first use, each once: equal values (by their
 * JSON text) share a number, whether or not they were one object in memory.
 */
class Table<T, L> {
  readonly lines: L[] = [];
  private readonly byObject = new Map<T, number>();
  private readonly byText = new Map<string, number>();

  constructor(
    private readonly toLine: (value: T) => L,
    private readonly byValue: boolean,
  ) {}

  index(value: T): number {
    const known = this.byObject.get(value);
    if (known !== undefined) return known;
    const line = this.toLine(value);
    const text = this.byValue ? JSON.stringify(line) : "";
    let index = this.byValue ? this.byText.get(text) : undefined;
    if (index === undefined) {
      index = this.lines.length;
      this.lines.push(line);
      if (this.byValue) this.byText.set(text, index);
    }
    this.byObject.set(value, index);
    return index;
  }
}

function podLine(pod: PodStateData, canonical: boolean): DeepReadonly<PartialPodLine> {
  const conditions = new Table<ConditionObservation, PartialCondition>((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message, lastTransitionTime: c.lastTransitionTime }), canonical);
  const containers = new Table<ContainerObservation, PartialContainer>((c) => ({
    name: c.name,
    init: c.init,
    image: c.image,
    ready: c.ready,
    restartCount: c.restartCount,
    state: c.state,
    lastState: c.lastState,
    containerID: c.containerID,
  }), canonical);
  const statuses = new Table<PodObservation, PartialStatus>((o) => ({
    type: o.type,
    phase: o.phase,
    reason: o.reason,
    message: o.message,
    nodeName: o.nodeName,
    deletionTimestamp: o.deletionTimestamp,
    conditions: o.conditions.map((c) => conditions.index(c)),
    containers: o.containers.map((c) => containers.index(c)),
  }), canonical);
  const status = (ref: number): number => statuses.index(pod.contents[ref]!);
  const rows = pod.rows;
  const metas = new Table<PodMeta, PartialPodMeta>(metaLine, canonical);
  const statusColumn = rows.ref.map(status);
  const others = pod.others.map((o) => ({ resourceVersion: o.rv, status: status(o.ref), managedAt: o.managedAt, input: o.input, line: o.line, quality: o.quality }));
  return {
    kind: "pod",
    key: pod.key,
    namespace: pod.namespace,
    name: pod.name,
    created: pod.created,
    first: pod.first === null ? null : { input: pod.first.input, line: pod.first.line },
    uids: [...pod.uids],
    conditions: conditions.lines,
    containers: containers.lines,
    statuses: statuses.lines,
    rows: { hi: rows.hi === null ? null : [...rows.hi], lo: [...rows.lo], status: statusColumn, managedAt: [...rows.managed], input: [...rows.input], line: [...rows.line], quality: [...rows.quality] },
    others,
    metas: metas.lines,
    newestMeta: newestLine(pod.newestMeta, (m) => metas.index(m)),
    newestOwner: newestLine(pod.newestOwner, (s) => s),
    newestApiUid: newestLine(pod.newestApiUid, (s) => s),
  };
}

function newestLine<T, V>(n: NewestData<T>, value: (v: T) => V): { byVersion: { value: V; hi: number; lo: number; quality: number; input: number; line: number } | null; byPlace: { value: V; input: number; line: number } | null } {
  const v = n.byVersion;
  const p = n.byPlace;
  return {
    byVersion: v === null ? null : { value: value(v.value), hi: v.hi, lo: v.lo, quality: v.quality, input: v.input, line: v.line },
    byPlace: p === null ? null : { value: value(p.value), input: p.input, line: p.line },
  };
}

// ---------------------------------------------------------------------------
// Reading

/** A status's own location is never read (its rows carry each record's). */
const NO_LOC = { input: "", line: 0 };

/**
 * Turns the checked lines of one partial back into entries, in file order
 * (its `names` line first). Throws `PartialLineError` for a line that passed
 * the schema but does not fit the partial.
 */
export class PartialDecoder {
  private names: readonly string[] = [];

  entry(line: EntryLine): PartialEntry {
    switch (line.kind) {
      case "names": {
        if (new Set(line.names).size !== line.names.length) throw new PartialLineError("an input name is listed twice");
        this.names = line.names;
        return { kind: "names", names: line.names };
      }
      case "input":
        return {
          kind: "input",
          tally: {
            name: line.name,
            records: line.records,
            skipped: line.skipped,
            warnings: line.warnings,
            kept: line.kept.map((w) => ({ line: w.line, diagnostic: restored(w.diagnostic) })),
            format: line.format,
            formatLine: line.formatLine,
            bytes: line.bytes,
            captured: line.captured,
            looksLike: line.looksLike,
            looksLikeLine: line.looksLikeLine,
          },
        };
      case "pod":
        return { kind: "pod", pod: this.pod(line) };
      case "event":
        return { kind: "event", map: line.map, key: line.key, counts: line.counts, firstTime: line.firstTime, event: this.event(line.event) };
      case "gap": {
        const gap: CaptureGap = { input: this.name(line.input), line: line.line, code: line.code, reason: line.reason, message: line.message };
        return { kind: "gap", gap };
      }
      case "patch": {
        // The status is JSON as the request carried it, and the meta has the shape of a PodMeta (the schema allows nothing more).
        const patch: StatusPatch = {
          op: line.op,
          uid: line.uid,
          namespace: line.namespace,
          name: line.name,
          time: line.time,
          id: line.id,
          status: line.status as PatchJson | null,
          nodeName: line.nodeName,
          meta: line.meta as PodMeta | null,
          loc: { input: this.name(line.input), line: line.line },
        };
        return { kind: "patch", key: line.key, patch };
      }
      case "totals":
        return { kind: "totals", skippedKinds: line.skippedKinds as Readonly<Record<string, number>>, podRecords: line.podRecords, eventRecords: line.eventRecords, duplicates: line.duplicates };
    }
  }

  private name(id: number): string {
    const name = this.names[id];
    if (name === undefined) throw new PartialLineError(`input id ${id} is not in the names line (${this.names.length} names)`);
    return name;
  }

  private input(id: number): number {
    this.name(id);
    return id;
  }

  private event(e: DeepReadonly<PartialEvent>): KubeEvent {
    const s = e.subject;
    return {
      uid: e.uid,
      name: e.name,
      namespace: intern(e.namespace),
      resourceVersion: e.resourceVersion,
      apiGroup: e.apiGroup,
      type: intern(e.type),
      reason: intern(e.reason),
      message: e.message,
      subject: { kind: intern(s.kind), uid: s.uid, namespace: intern(s.namespace), name: s.name, fieldPath: intern(s.fieldPath) },
      count: e.count,
      time: e.time,
      firstTime: e.firstTime,
      reportingComponent: intern(e.reportingComponent),
      host: intern(e.host),
      loc: { input: this.name(e.input), line: e.line },
    };
  }

  private pod(line: DeepReadonly<PartialPodLine>): PodStateData {
    const at = <T>(table: readonly T[], i: number, what: string): T => {
      const value = table[i];
      if (value === undefined) throw new PartialLineError(`pod ${line.key}: ${what} ${i} is not in its table of ${table.length}`);
      return value;
    };
    // Conditions, containers and metas have the shape of what they stand for (the schema allows nothing more): used as parsed.
    const conditions: readonly ConditionObservation[] = line.conditions;
    const containers: readonly ContainerObservation[] = line.containers;
    const contents: PodObservation[] = line.statuses.map((s) => ({
      type: s.type,
      resourceVersion: null,
      phase: s.phase,
      reason: intern(s.reason),
      message: s.message,
      nodeName: intern(s.nodeName),
      deletionTimestamp: s.deletionTimestamp,
      conditions: s.conditions.map((i) => at(conditions, i, "condition")),
      containers: s.containers.map((i) => at(containers, i, "container")),
      managedAt: null,
      loc: NO_LOC,
    }));
    const rows = line.rows;
    const n = rows.lo.length;
    for (const [column, values] of Object.entries(rows)) {
      if (values !== null && values.length !== n) throw new PartialLineError(`pod ${line.key}: rows.${column} has ${values.length} values, rows.lo ${n}`);
    }
    for (const s of rows.status) at(contents, s, "status");
    for (const o of line.others) at(contents, o.status, "status");
    for (const i of rows.input) this.input(i);
    const others: OtherRow[] = line.others.map((o) => ({ rv: o.resourceVersion, ref: o.status, managedAt: o.managedAt, input: this.input(o.input), line: o.line, quality: o.quality }));
    const metas = line.metas as readonly PodMeta[];
    if (line.first !== null) this.input(line.first.input);
    return {
      key: line.key,
      namespace: intern(line.namespace)!,
      name: line.name,
      contents,
      rows: { hi: rows.hi, lo: rows.lo, ref: rows.status, managed: rows.managedAt, input: rows.input, line: rows.line, quality: rows.quality },
      others,
      newestMeta: this.newest<number, PodMeta>(line.newestMeta, (i) => at(metas, i, "meta")),
      newestOwner: this.newest<string, string>(line.newestOwner, (s) => s),
      newestApiUid: this.newest<string, string>(line.newestApiUid, (s) => s),
      created: line.created,
      first: line.first,
      uids: line.uids,
    };
  }

  private newest<V, T>(n: DeepReadonly<PartialNewestMeta | PartialNewestText>, value: (v: V) => T): NewestData<T> {
    const v = n.byVersion;
    const p = n.byPlace;
    return {
      byVersion: v === null ? null : { value: value(v.value as V), hi: v.hi, lo: v.lo, quality: v.quality, input: this.input(v.input), line: v.line },
      byPlace: p === null ? null : { value: value(p.value as V), input: this.input(p.input), line: p.line },
    };
  }
}

// ---------------------------------------------------------------------------
// Checking a line against the schema

type LineKind = PartialLine["kind"];

/** Line kinds in the order a partial holds them; input, pod, event, gap and patch lines may repeat. */
export const LINE_RANK: Readonly<Record<LineKind, number>> = { header: 0, names: 1, input: 2, pod: 3, event: 4, gap: 5, patch: 6, totals: 7, end: 8 };

const LINE_KINDS = Object.keys(LINE_RANK) as readonly LineKind[];

/** One check per line kind, made on first use. */
const checks = lazily(() => definitionChecks(partialSchema() as { definitions: Record<string, boolean | Record<string, unknown>> }));

/** The schema of the lines of a partial file, shipped in `schemas/` (two folders up, as package.json). */
export function partialSchema(): unknown {
  return JSON.parse(readFileSync(new URL("../../schemas/partial.schema.json", import.meta.url), "utf8"));
}

/** Checks a parsed line against the schema: null when it is a line of this format version, else what is wrong (one line of text). */
export function checkLine(value: unknown): string | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "not a JSON object";
  const kind = (value as { kind?: unknown }).kind;
  const check = typeof kind === "string" && (LINE_KINDS as readonly string[]).includes(kind) ? checks().get(kind) : undefined;
  if (check === undefined) return `no line kind ${typeof kind === "string" ? JSON.stringify(kind) : "given"} (${LINE_KINDS.join(", ")})`;
  const problem = check(value);
  if (problem === null) return null;
  return `not a valid ${kind} line: ${problem.at.length === 0 ? "/" : `/${problem.at.join("/")}`} ${problem.message}`;
}
