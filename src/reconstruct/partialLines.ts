/*
 * The types of the lines of a partial file, generated from
 * schemas/partial.schema.json by `npm run schema:types`. Do not edit:
 * change the schema and regenerate.
 */

/**
 * One line of a podtrail partial file, format version 1 (docs/partial.md): the state `podtrail analyze --partial` folds its inputs into, which `podtrail merge` combines into the report. A partial is gzip of UTF-8 JSON lines: a header, the input names, one line per input, pod and event, the capture gaps, the totals, and an end line with the SHA-256 of every line before it. Input ids index the `names` line of the same partial. Times are epoch milliseconds (fractional for microsecond precision).
 */
export type PartialLineDocument =
  | PartialHeaderLine
  | PartialNamesLine
  | PartialInputLine
  | PartialPodLine
  | PartialEventLine
  | PartialGapLine
  | PartialPatchLine
  | PartialTotalsLine
  | PartialEndLine;
export type InputFormat = "watch-jsonl" | "watch-json-stream" | "object-stream" | "list" | "array" | "yaml" | null;
export type Sha256 = string;
export type Strings = string[];
export type Count = number;
/**
 * A problem with the input, as data (src/diagnostics.ts); its text is made again from it.
 */
export type PartialDiagnostic =
  | {
      kind: "invalidJson";
      error: string;
    }
  | {
      kind: "notAnObject";
      found: JsonValueKind;
    }
  | {
      kind: "truncatedAtEnd" | "invalidUtf8" | "listHeadInvalid" | "listTailInvalid" | "podWithoutIdentity";
    }
  | {
      kind: "recordTooLarge" | "listKindLate";
      limitBytes: number;
    }
  | {
      kind: "lineBreakInString";
      from: number;
      through: number | null;
    }
  | {
      kind: "notJson";
      excerpt: string;
      from: number;
      through: number | null;
    }
  | {
      kind: "incompleteRecord";
      from: number;
      next: number;
      topLevel: boolean;
    }
  | {
      kind: "wrongTopLevel";
      expected: "array" | "list" | "objects";
      found: "object" | "array";
    }
  | {
      kind: "notAList";
      objectKind: Text;
    }
  | {
      kind: "itemsOfNonList";
      objectKind: string;
    }
  | {
      kind: "damagedCompression";
      damage: "truncated" | "corrupt";
      detail: string;
    }
  | {
      kind: "trailingCompressedBytes";
      bytes: number;
      zeros: boolean;
    }
  | {
      kind: "watchEventWithoutObject" | "unknownWatchType";
      type: string;
    }
  | {
      kind: "envelopeWithoutType";
      found: JsonValueKind | null;
    }
  | {
      kind: "eventWithoutSubject";
      field: "involvedObject" | "regarding";
    }
  | {
      kind: "wrongTypes" | "unreadableTimes" | "leapSeconds";
      object: "Pod" | "Event";
      namespace: string;
      name: string;
      fields: Strings;
      more: number;
    }
  | {
      kind: "moreWarnings";
      count: number;
    }
  | {
      kind: "sharedUid";
      uid: string;
      name: string;
      names: Strings;
    }
  | {
      kind: "inconsistentTimes";
      namespace: string;
      name: string;
      stage: string;
      to: string;
      from: string;
      cause: InconsistencyCause;
    }
  | {
      kind: "negativeStartupSLI";
      namespace: string;
      name: string;
      cause: InconsistencyCause;
    }
  | {
      kind: "negativePull";
      namespace: string;
      name: string;
      container: string;
      ms: number;
    }
  | {
      kind: "linePrefix";
      prefix: "nul" | "klog" | "cri" | "timestamp" | "syslog" | "text";
      from: number;
      through: number;
    }
  | {
      kind: "invalidYaml";
      error: string;
      where: "record" | "list";
    }
  | {
      kind: "notYaml";
      excerpt: string;
      from: number;
      through: number;
    }
  | {
      kind: "damagedArchive";
      detail: string;
    }
  | {
      kind: "envelopePayloadInvalid";
      field: string;
      error: string;
    }
  | {
      kind: "auditPatchUnreadable";
      namespace: string;
      name: string;
      why: "jsonPatch" | "notAnObject";
    }
  | {
      kind: "noCapture";
      looksLike: string;
    }
  | {
      kind: "kubeletWrittenScheduled";
      namespace: string;
      name: string;
      conditionAt: string;
      limit: string;
      limitSource: "startTime" | "containerStart";
      resolution: "event" | "createdWithNode" | "acceptedAtCreation" | "bounded";
    };
export type JsonValueKind = "null" | "array" | "number" | "string" | "boolean" | "object";
export type Text = string | null;
export type InconsistencyCause = "staticPod" | "clockSkew";
/**
 * An index into the partial's `names` line.
 */
export type InputId = number;
/**
 * A 1-based line of an input.
 */
export type LineNumber = number;
/**
 * Every uid its records carried, sorted.
 */
export type Strings1 = string[];
/**
 * Epoch milliseconds (years 0000 to 9999, as RFC 3339 writes them in UTC), or null when unknown.
 */
export type Time = null | number;
export type PartialContainerState =
  | {
      kind: "waiting";
      reason: Text;
      message: Text;
    }
  | {
      kind: "running";
      startedAt: Time;
    }
  | {
      kind: "terminated";
      reason: Text;
      message: Text;
      exitCode: number | null;
      signal: number | null;
      startedAt: Time;
      finishedAt: Time;
      containerID: Text;
    }
  | {
      kind: "unknown";
    };
/**
 * An index into a table of the same line.
 */
export type Index = number;
/**
 * How good a copy of a record is (managedFields times: +2; read without wrong-typed fields: +1).
 */
export type Quality = number;

/**
 * The first line. `format` and `version` are read before anything else: a reader refuses a version it does not know.
 */
export interface PartialHeaderLine {
  kind: "header";
  format: "podtrail-partial";
  version: 1;
  /**
   * The podtrail that wrote it (`podtrail 0.1.0`).
   */
  writer: string;
  read: PartialReadOptions;
  /**
   * The SHA-256 (end line) of every partial of captures merged into this one, however the merges were grouped, sorted; empty for a partial of captures. Merging a partial twice is refused.
   */
  contains: Sha256[];
}
/**
 * The read options its inputs were read with: partials read with different ones do not merge.
 */
export interface PartialReadOptions {
  maxRecordBytes: number;
  inputFormat: InputFormat;
}
/**
 * The second line: every input name, sorted by UTF-16 code units, each once. Input ids index this list.
 */
export interface PartialNamesLine {
  kind: "names";
  names: Strings;
}
/**
 * What one input told: counts, the warnings kept (at most 1000, the first by line), and its format with the first line of the part that decided it (an input read in parts has the format of its first part that has one).
 */
export interface PartialInputLine {
  kind: "input";
  name: string;
  records: Count;
  skipped: Count;
  /**
   * Problems found, all of them (`kept` lists the first).
   */
  warnings: number;
  kept: PartialKeptWarning[];
  format: InputFormat;
  formatLine: number | null;
  bytes: Count;
  /**
   * Pod and event records applied.
   */
  captured: number;
  /**
   * What the input looks like, said when it holds no pod or event; null when not described.
   */
  looksLike: null | {
    text: string;
    captureFormat: boolean;
  };
  /**
   * The first line of the part of the input `looksLike` describes; null for none.
   */
  looksLikeLine: number | null;
}
export interface PartialKeptWarning {
  line: number | null;
  diagnostic: PartialDiagnostic;
}
/**
 * One pod's state. Each record it was told by is a row (the columns of `rows`, all of one length, sorted by version; records whose resourceVersion is not a decimal integer are in `others`, by place), pointing at the status it said. Statuses, conditions and containers are tables, each entry once, numbered in order of first use.
 */
export interface PartialPodLine {
  kind: "pod";
  /**
   * The pod's identity (docs/spec.md §2.1): `uid namespace/name`, `namespace/name@created` without a uid, `static:hash` for a static pod.
   */
  key: string;
  namespace: string;
  name: string;
  /**
   * Epoch milliseconds (years 0000 to 9999, as RFC 3339 writes them in UTC), or null when unknown.
   */
  created: null | number;
  /**
   * Where its first record was read (by place).
   */
  first: null | PartialPlace;
  uids: Strings1;
  conditions: PartialCondition[];
  containers: PartialContainer[];
  statuses: PartialStatus[];
  rows: PartialRows;
  others: PartialOtherRow[];
  metas: PartialPodMeta[];
  newestMeta: PartialNewestMeta;
  newestOwner: PartialNewestText;
  newestApiUid: PartialNewestText;
}
export interface PartialPlace {
  input: InputId;
  line: LineNumber;
}
export interface PartialCondition {
  type: string;
  status: string;
  reason: Text;
  message: Text;
  lastTransitionTime: Time;
}
export interface PartialContainer {
  name: string;
  init: boolean;
  image: Text;
  ready: boolean | null;
  restartCount: number;
  state: PartialContainerState;
  lastState: PartialContainerState | null;
  containerID: Text;
}
/**
 * What records of a pod said about its status, stored once however many records said it; its conditions and containers index the pod line's tables, in order.
 */
export interface PartialStatus {
  type: "ADDED" | "MODIFIED" | "DELETED" | "UNTYPED";
  phase: Text;
  reason: Text;
  message: Text;
  nodeName: Text;
  deletionTimestamp: Time;
  conditions: Index[];
  containers: Index[];
}
export interface PartialRows {
  /**
   * High parts of the versions; null when every version fits 15 digits.
   */
  hi: null | Count[];
  lo: Count[];
  status: Index[];
  /**
   * Each record's latest managedFields time.
   */
  managedAt: Time[];
  input: InputId[];
  line: LineNumber[];
  quality: Quality[];
}
export interface PartialOtherRow {
  resourceVersion: Text;
  status: Index;
  managedAt: Time;
  input: InputId;
  line: LineNumber;
  quality: Quality;
}
/**
 * A pod's identity and descriptive fields as one record told them.
 */
export interface PartialPodMeta {
  uid: Text;
  namespace: string;
  name: string;
  created: Time;
  owner: Text;
  labels: {
    [k: string]: string | undefined;
  };
  staticHash: Text;
  specContainers: PartialSpecContainer[];
  /**
   * Epoch milliseconds (years 0000 to 9999, as RFC 3339 writes them in UTC), or null when unknown.
   */
  startTime?: null | number;
  deletionGracePeriodSeconds?: number | null;
  finalizers?: string[];
  stateful?: boolean | null;
}
export interface PartialSpecContainer {
  name: string;
  init: boolean;
  image: Text;
}
/**
 * The newest of the pod's metas; `value` indexes `metas`. Which counts (by version or by place) is decided when the pod is derived (docs/spec.md §2.3).
 */
export interface PartialNewestMeta {
  byVersion: null | PartialNewestMetaByVersion;
  byPlace: null | PartialNewestMetaByPlace;
}
/**
 * The newest value by resourceVersion (two exact parts, `hi` and `lo`), of the best copy, read first by place; null when no record had a decimal version.
 */
export interface PartialNewestMetaByVersion {
  value: Index;
  hi: Count;
  lo: Count;
  quality: Quality;
  input: InputId;
  line: LineNumber;
}
/**
 * The value of the record read last by place (input name, then line).
 */
export interface PartialNewestMetaByPlace {
  value: Index;
  input: InputId;
  line: LineNumber;
}
/**
 * The newest of a text field (owner, API uid).
 */
export interface PartialNewestText {
  byVersion: null | PartialNewestTextByVersion;
  byPlace: null | PartialNewestTextByPlace;
}
/**
 * The newest value by resourceVersion (two exact parts, `hi` and `lo`), of the best copy, read first by place; null when no record had a decimal version.
 */
export interface PartialNewestTextByVersion {
  value: string;
  hi: Count;
  lo: Count;
  quality: Quality;
  input: InputId;
  line: LineNumber;
}
/**
 * The value of the record read last by place (input name, then line).
 */
export interface PartialNewestTextByPlace {
  value: string;
  input: InputId;
  line: LineNumber;
}
/**
 * One event: its most advanced version (highest count; of equal copies the one read first by place), every count seen of it (sorted), and the earliest first occurrence any version told. Kept by uid (`map` uid), else by namespace/name, else by what it says.
 */
export interface PartialEventLine {
  kind: "event";
  map: "uid" | "name" | "other";
  key: string;
  counts: number[];
  firstTime: Time;
  event: PartialEvent;
}
export interface PartialEvent {
  uid: Text;
  name: Text;
  namespace: Text;
  resourceVersion: Text;
  apiGroup: "core" | "events.k8s.io";
  type: Text;
  reason: Text;
  message: Text;
  subject: PartialEventSubject;
  count: number;
  time: Time;
  firstTime: Time;
  reportingComponent: Text;
  host: Text;
  input: InputId;
  line: LineNumber;
}
export interface PartialEventSubject {
  kind: Text;
  uid: Text;
  namespace: Text;
  name: Text;
  fieldPath: Text;
}
/**
 * A watch ERROR (410 Expired): the capture has a gap there.
 */
export interface PartialGapLine {
  kind: "gap";
  input: InputId;
  line: LineNumber;
  code: number | null;
  reason: Text;
  message: Text;
}
/**
 * A change to a pod's status known only as the request that made it (an audit log's status patch, binding, replacement or deletion), applied when the pod's history is built (docs/spec.md §1.7); `key` identifies the request.
 */
export interface PartialPatchLine {
  kind: "patch";
  key: string;
  op: "merge" | "replace" | "bind" | "delete";
  uid: Text;
  namespace: string;
  name: string;
  time: Time;
  id: Text;
  /**
   * The status as the request carried it: any JSON object.
   */
  status: null | {
    [k: string]: unknown | undefined;
  };
  nodeName: Text;
  meta: null | PartialPodMeta;
  input: InputId;
  line: LineNumber;
}
export interface PartialTotalsLine {
  kind: "totals";
  /**
   * Records of other kinds, by kind, sorted.
   */
  skippedKinds: {
    [k: string]: Count | undefined;
  };
  podRecords: Count;
  eventRecords: Count;
  /**
   * Records that repeated one already applied, within this partial's inputs.
   */
  duplicates: number;
}
/**
 * The last line: how many lines came before it and the SHA-256 of their bytes (each with its newline). A partial without it was cut short.
 */
export interface PartialEndLine {
  kind: "end";
  lines: Count;
  sha256: Sha256;
}

/** A line as podtrail writes and reads it: read-only all the way down. */
export type PartialLine = DeepReadonly<PartialLineDocument>;

export type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
