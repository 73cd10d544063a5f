/**
 * Every problem podtrail reports about its input, as data: a union tagged by
 * `kind`, and one table of messages keyed by that tag, so that a new kind
 * without its message does not compile. Stages create diagnostics; the
 * report's `{input, line, message}` text is made from this table only.
 */

/** What a JSON value was, for "expected a JSON object, found ..." */
export type JsonValueKind = "null" | "array" | "number" | "string" | "boolean" | "object";

/**
 * What stands before the JSON on a line: a crashed writer's NUL padding, a
 * klog header (`I1105 12:00:00.000000 1 file.go:42] `, as eventrouter's
 * glog sink and every Kubernetes component log), a container runtime's CRI
 * log prefix (`2024-11-05T12:00:00.123456789Z stdout F `, the files under
 * /var/log/pods), an RFC 3339 timestamp (`kubectl logs --timestamps`,
 * CloudWatch exports), a syslog header (RFC 5424, eventrouter's syslog
 * sink), or other text.
 */
export type LinePrefixKind = "nul" | "klog" | "cri" | "timestamp" | "syslog" | "text";

/** Why a start-up figure was left null although both its times are known. */
export type InconsistencyCause = "staticPod" | "clockSkew";

export type Diagnostic =
  // decode: the bytes of a record
  | { readonly kind: "invalidJson"; readonly error: string }
  | { readonly kind: "notAnObject"; readonly found: JsonValueKind }
  | { readonly kind: "truncatedAtEnd" }
  | { readonly kind: "recordTooLarge"; readonly limitBytes: number }
  | { readonly kind: "invalidUtf8" }
  /** A raw line break inside a string: skipped from `from` through `through` (null: to the end of input). */
  | { readonly kind: "lineBreakInString"; readonly from: number; readonly through: number | null }
  /** A line that is not JSON: skipped from `from` through `through` (null: to the end of input). */
  | { readonly kind: "notJson"; readonly excerpt: string; readonly from: number; readonly through: number | null }
  /** A record cut short by the start of the next one at line `next`; `topLevel` records name the lines given up. */
  | { readonly kind: "incompleteRecord"; readonly from: number; readonly next: number; readonly topLevel: boolean }
  /** Lines `from` through `through` held text of this kind before their JSON: each was read from its `{`. */
  | { readonly kind: "linePrefix"; readonly prefix: LinePrefixKind; readonly from: number; readonly through: number }
  | { readonly kind: "wrongTopLevel"; readonly expected: "array" | "list" | "objects"; readonly found: "object" | "array" }
  | { readonly kind: "notAList"; readonly objectKind: string | null }
  | { readonly kind: "listHeadInvalid" }
  | { readonly kind: "listTailInvalid" }
  | { readonly kind: "itemsOfNonList"; readonly objectKind: string }
  | { readonly kind: "listKindLate"; readonly limitBytes: number }
  /** A YAML piece the `yaml` library rejects: a record (document or list item), or a List's keys outside its items. */
  | { readonly kind: "invalidYaml"; readonly error: string; readonly where: "record" | "list" }
  /** Lines inside a YAML List's items that are not YAML there: skipped from `from` through `through`. */
  | { readonly kind: "notYaml"; readonly excerpt: string; readonly from: number; readonly through: number }
  // input: compressed bytes
  | { readonly kind: "damagedCompression"; readonly damage: "truncated" | "corrupt"; readonly detail: string }
  /** A tar or zip archive damaged or cut off: inside the member that carries the warning, or (on the archive's own name) between members. */
  | { readonly kind: "damagedArchive"; readonly detail: string }
  /** Bytes after the last gzip member that are not another member (padding, junk): ignored, as gzip -dc does. */
  | { readonly kind: "trailingCompressedBytes"; readonly bytes: number; readonly zeros: boolean }
  // normalize: a record's object
  | { readonly kind: "watchEventWithoutObject"; readonly type: string }
  | { readonly kind: "unknownWatchType"; readonly type: string }
  /** An envelope `{type, object}` whose type is not a string (`found`; null: missing): its object was read as untyped. */
  | { readonly kind: "envelopeWithoutType"; readonly found: JsonValueKind | null }
  /** A log record's string `field` should hold the JSON of a record but does not parse. */
  | { readonly kind: "envelopePayloadInvalid"; readonly field: string; readonly error: string }
  /** An audit event of a pod's status whose request cannot be applied (`why`). */
  | { readonly kind: "auditPatchUnreadable"; readonly namespace: string; readonly name: string; readonly why: "jsonPatch" | "notAnObject" }
  | { readonly kind: "podWithoutIdentity" }
  | { readonly kind: "eventWithoutSubject"; readonly field: "involvedObject" | "regarding" }
  | {
      readonly kind: "wrongTypes";
      readonly object: "Pod" | "Event";
      readonly namespace: string;
      readonly name: string;
      /** The first few fields, described (`status.phase must be string`). */
      readonly fields: readonly string[];
      /** How many more were found than `fields` lists. */
      readonly more: number;
    }
  /** Time strings that are set but not RFC 3339 (read as absent), described like `wrongTypes` (`path "value"`). */
  | {
      readonly kind: "unreadableTimes";
      readonly object: "Pod" | "Event";
      readonly namespace: string;
      readonly name: string;
      readonly fields: readonly string[];
      readonly more: number;
    }
  /** Leap seconds (`23:59:60`), read as the last microsecond of their minute. */
  | {
      readonly kind: "leapSeconds";
      readonly object: "Pod" | "Event";
      readonly namespace: string;
      readonly name: string;
      readonly fields: readonly string[];
      readonly more: number;
    }
  // reconstruct
  | { readonly kind: "moreWarnings"; readonly count: number }
  /** The input held no pod or event record: what it looks like (`InputSummary.looksLike`), said once instead of a warning per line. */
  | { readonly kind: "noCapture"; readonly looksLike: string }
  /** Several pods (`names`, sorted) carry one uid; `name` is the one this warning is about. */
  | { readonly kind: "sharedUid"; readonly uid: string; readonly name: string; readonly names: readonly string[] }
  // derive: one pod's figures
  | {
      readonly kind: "inconsistentTimes";
      readonly namespace: string;
      readonly name: string;
      readonly stage: string;
      /** The later time that came out earlier. */
      readonly to: string;
      readonly from: string;
      readonly cause: InconsistencyCause;
    }
  | { readonly kind: "negativeStartupSLI"; readonly namespace: string; readonly name: string; readonly cause: InconsistencyCause }
  /** A container's first Pulled event gives a negative pull time (`in -5s`), located at that event. */
  | { readonly kind: "negativePull"; readonly namespace: string; readonly name: string; readonly container: string; readonly ms: number }
  | {
      /** PodScheduled=True later than the pod's start: the kubelet wrote it (DaemonSet pods before 1.12), not the scheduler. */
      readonly kind: "kubeletWrittenScheduled";
      readonly namespace: string;
      readonly name: string;
      /** RFC 3339, as the report prints times. */
      readonly conditionAt: string;
      /** The time no scheduling can be after (RFC 3339), and where it comes from. */
      readonly limit: string;
      readonly limitSource: "startTime" | "containerStart";
      /** What `scheduled` became: the Scheduled event's time, the creation (created with its node, or accepted in that second), or unknown with the limit as its bound. */
      readonly resolution: "event" | "createdWithNode" | "acceptedAtCreation" | "bounded";
    };

export type DiagnosticKind = Diagnostic["kind"];

type Messages = { readonly [K in DiagnosticKind]: (d: Extract<Diagnostic, { kind: K }>) => string };

const FOUND: Readonly<Record<JsonValueKind, string>> = {
  null: "null",
  array: "an array",
  number: "a number",
  string: "a string",
  boolean: "a boolean",
  object: "an object",
};

const PREFIX: Readonly<Record<LinePrefixKind, string>> = {
  nul: "NUL padding (a crashed writer's)",
  klog: "a klog header",
  cri: "a container runtime (CRI) log prefix",
  timestamp: "an RFC 3339 timestamp",
  syslog: "a syslog header",
  text: "other text",
};

const WHY: Readonly<Record<InconsistencyCause, string>> = {
  staticPod: " (a static pod: its mirror object was created after its containers started)",
  clockSkew: " (clock skew, or a transition overwritten before the capture saw it)",
};

const RESOLUTION: Readonly<Record<Extract<Diagnostic, { kind: "kubeletWrittenScheduled" }>["resolution"], string>> = {
  event: "scheduled is the Scheduled event's time",
  createdWithNode: "the pod was created with its node, so scheduled is its creation",
  acceptedAtCreation: "the kubelet accepted it in the second it was created, so scheduled is its creation",
  bounded: "scheduled is unknown and scheduling at most the time up to that start",
};

const MESSAGES: Messages = {
  invalidJson: (d) => `invalid JSON: ${d.error}`,
  notAnObject: (d) => `expected a JSON object, found ${FOUND[d.found]}`,
  truncatedAtEnd: () => "truncated record at end of input",
  recordTooLarge: (d) => `record larger than ${formatBytes(d.limitBytes)}; skipped`,
  invalidUtf8: () => "invalid UTF-8 in this record, read with replacement characters",
  lineBreakInString: (d) => `invalid JSON (a line break inside a string); ${skipped(d.from, d.through)}`,
  notJson: (d) => `not JSON: ${d.excerpt}; ${skipped(d.from, d.through)}`,
  incompleteRecord: (d) => {
    const span = !d.topLevel ? "" : d.next - 1 > d.from ? ` (lines ${d.from}-${d.next - 1} skipped)` : " (skipped)";
    return `incomplete record${span}: the next one starts at line ${d.next}`;
  },
  linePrefix: (d) => `${d.through > d.from ? `lines ${d.from}-${d.through} start` : `line ${d.from} starts`} with ${PREFIX[d.prefix]} before the JSON: the prefix was ignored`,
  wrongTopLevel: (d) => `expected ${d.expected === "array" ? "a JSON array" : d.expected === "list" ? "a List object" : "JSON objects"}, found ${FOUND[d.found]}; skipped`,
  notAList: (d) => `expected a List object, found an object with ${d.objectKind === null ? "no kind" : `kind ${d.objectKind}`}; skipped`,
  listHeadInvalid: () => "invalid JSON before the items of this list",
  listTailInvalid: () => "invalid JSON after the items of this list",
  itemsOfNonList: (d) => `an object of kind ${d.objectKind} holds an items array: its items were read as a List's`,
  listKindLate: (d) => `the list's kind comes after its items and more than ${formatBytes(d.limitBytes)} of items lack their own kind: passed on without the list's kind`,
  invalidYaml: (d) => (d.where === "list" ? `invalid YAML outside the items of this list: ${d.error}` : `invalid YAML: ${d.error}; skipped`),
  notYaml: (d) => `not YAML: ${d.excerpt}; ${skipped(d.from, d.through)}`,
  damagedCompression: (d) => `input is a ${d.damage} gzip stream: ${d.detail}`,
  damagedArchive: (d) => `damaged archive: ${d.detail}; everything before the damage was read`,
  trailingCompressedBytes: (d) => `${d.bytes} ${d.zeros ? "zero " : ""}byte${d.bytes === 1 ? "" : "s"} after the end of the gzip stream ignored (${d.zeros ? "padding" : "not gzip"}); everything before them was read`,
  watchEventWithoutObject: (d) => `watch event ${d.type} without an object`,
  unknownWatchType: (d) => `unknown watch event type ${JSON.stringify(d.type)}`,
  envelopeWithoutType: (d) => `watch event ${d.found === null ? "without a type" : `whose type is ${FOUND[d.found]}`}: its object read as a record without one (as kubectl get -w prints them)`,
  envelopePayloadInvalid: (d) => `the ${d.field} field of this log record is not JSON: ${d.error}`,
  auditPatchUnreadable: (d) => `audit event: a change of pod ${d.namespace}/${d.name}'s status that podtrail cannot apply (${d.why === "jsonPatch" ? "a JSON Patch, not a merge patch" : "the request is not an object"}): left out`,
  podWithoutIdentity: () => "Pod without metadata.name or metadata.uid: skipped",
  eventWithoutSubject: (d) => `event has no ${d.field} object`,
  wrongTypes: (d) => `${d.object} ${d.namespace}/${d.name}: fields with wrong types read as absent: ${d.fields.join("; ")}${d.more > 0 ? ` (and ${d.more} more)` : ""}`,
  unreadableTimes: (d) => `${d.object} ${d.namespace}/${d.name}: times that are not RFC 3339 read as absent: ${d.fields.join("; ")}${d.more > 0 ? ` (and ${d.more} more)` : ""}`,
  leapSeconds: (d) => `${d.object} ${d.namespace}/${d.name}: leap seconds read as the last microsecond of their minute: ${d.fields.join("; ")}${d.more > 0 ? ` (and ${d.more} more)` : ""}`,
  moreWarnings: (d) => `${d.count} more warnings not listed`,
  noCapture: (d) => `no pod or event in this input: ${d.looksLike}`,
  sharedUid: (d) => `pod ${d.name}: uid ${d.uid} is also carried by ${d.names.filter((n) => n !== d.name).join(", ")}; read as separate pods (a uid names one pod: the capture was edited or corrupted)`,
  inconsistentTimes: (d) => `pod ${d.namespace}/${d.name}: ${d.stage}: ${d.to} is before ${d.from}: left null${WHY[d.cause]}`,
  negativePull: (d) => `pod ${d.namespace}/${d.name}: container ${d.container}: its Pulled event gives a negative pull time (${d.ms} ms): left null`,
  kubeletWrittenScheduled: (d) =>
    `pod ${d.namespace}/${d.name}: PodScheduled=True at ${d.conditionAt} is after the pod's ${d.limitSource === "startTime" ? "status.startTime" : "first container start"} (${d.limit}): written by the kubelet, not the scheduler; ${RESOLUTION[d.resolution]}`,
  negativeStartupSLI: (d) => `pod ${d.namespace}/${d.name}: startupSLI: image pulls and init containers add up to more than created-to-running: left null${WHY[d.cause]}`,
};

/** A located problem with the input. Never fatal. */
export interface Warning {
  readonly input: string;
  /** 1-based line; null when the problem is not tied to a line (e.g. a pod-level inconsistency). */
  readonly line: number | null;
  readonly diagnostic: Diagnostic;
  /** Its text, from the one message table. */
  readonly message: string;
}

/** A diagnostic at a place in an input, with its text. */
export function warningAt(input: string, line: number | null, diagnostic: Diagnostic): Warning {
  return { input, line, diagnostic, message: diagnosticMessage(diagnostic) };
}

/** The one-line text of a diagnostic, as the report shows it. */
export function diagnosticMessage(d: Diagnostic): string {
  return (MESSAGES[d.kind] as (d: Diagnostic) => string)(d);
}

function skipped(from: number, through: number | null): string {
  if (through === null) return `skipped from line ${from} to the end of input`;
  return through > from ? `skipped lines ${from}-${through}` : `skipped line ${from}`;
}

function formatBytes(bytes: number): string {
  const MiB = 1024 * 1024;
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
