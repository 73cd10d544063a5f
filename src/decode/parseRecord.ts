import { BACKSLASH, COMMA, LBRACE, LBRACK, QUOTE, RBRACE, RBRACK } from "./bytes.js";
import { parsedSpecs, recordScratch } from "../memo.js";
import { recordWithSpecAsRead, specAsRead } from "./specAsRead.js";

/*
 * JSON.parse of one record, doing less of it where Kubernetes objects allow.
 * A pod record is mostly bytes podtrail never reads or has already read:
 *
 * - `metadata.managedFields` (server-side-apply bookkeeping, a large share of
 *   the bytes): only each entry's `time` is read, so the array is replaced by
 *   one holding just those times;
 * - `spec` (another large share): identical in nearly every record of a pod,
 *   so in compact records the spec text is looked up among recently parsed
 *   ones and parsed only when new.
 *
 * (The shares and the speed-up are measured in docs/performance.md.)
 *
 * The parsed value is the same as JSON.parse of the whole text would give,
 * but for those two: managedFields hold their times, and a record's spec
 * (the record's own or its watch event's object's) holds what podtrail reads
 * of it (`specAsRead.ts`). Objects may be shared between records: consumers
 * never mutate them. Any shape that does not fit falls back to the plain
 * parse. Throws as JSON.parse.
 */
export function parseRecord(bytes: Buffer, start: number, end: number): unknown {
  const record = bytes.subarray(start, end);
  try {
    const value = parseTrimmed(record);
    if (value !== undefined) return value;
  } catch {
    // The shortcut misjudged this record's shape: the plain parse decides.
  }
  return withSpecAsRead(record, JSON.parse(record.toString("utf8")));
}

/** Without its opening quote, as TIME below. */
const SPEC_NAME = Buffer.from('spec"');

/** The parsed record with its spec as read, when its bytes may name one: most records without a remembered spec are events. */
function withSpecAsRead(record: Buffer, value: unknown): unknown {
  return record.indexOf(SPEC_NAME) < 0 ? value : recordWithSpecAsRead(value);
}

/**
 * The shortcut parse; undefined when the record has neither managedFields nor a compact spec.
 * The text parsed is assembled as bytes (what precedes managedFields, their times, what lies
 * between them and spec, `0` for spec, the rest) and made one string: JSON.parse of
 * concatenated strings would first copy them into one.
 */
function parseTrimmed(record: Buffer): unknown {
  const managed = managedFieldsSpan(record);
  const spec = compactSpec(record, managed === null ? -1 : managed.close);
  if (managed === null && spec === null) return undefined;
  const upTo = spec === null ? record.length : spec.start;
  // Room for the whole record and the `0` that takes spec's place; the times make their own room as they are written.
  let out = recordScratch.bytes(record.length + 1);
  let n: number;
  if (managed === null) {
    n = record.copy(out, 0, 0, upTo);
  } else {
    n = writeTimes(record, managed.open, managed.close, record.copy(out, 0, 0, managed.open));
    out = recordScratch.bytes(n + (upTo - managed.close) + (spec === null ? 0 : 1 + record.length - spec.end), n);
    n += record.copy(out, n, managed.close, upTo);
  }
  if (spec === null) return withSpecAsRead(record, JSON.parse(out.toString("utf8", 0, n)));
  out[n++] = ZERO;
  n += record.copy(out, n, spec.end);
  const value = JSON.parse(out.toString("utf8", 0, n)) as Record<string, unknown>;
  const holder = value["spec"] === 0 ? value : (value["object"] as Record<string, unknown> | undefined);
  if (holder === undefined || holder === null || typeof holder !== "object" || holder["spec"] !== 0) return undefined;
  holder["spec"] = spec.value;
  return value;
}

const ZERO = 0x30;

const SPEC_KEY = Buffer.from(',"spec":{');
const STATUS_KEY = Buffer.from('},"status":{');

/**
 * The `spec` object of a compact record (`..,"spec":{...},"status":{..`),
 * parsed or remembered. `after` is where managedFields ended (the API server
 * writes spec right after metadata, whose last field they are), else -1.
 */
function compactSpec(record: Buffer, after: number): { start: number; end: number; value: unknown } | null {
  // `{` then a line break: pretty-printed.
  if (record[1] === 0x0a || record[2] === 0x0a) return prettySpec(record, after);
  // After managedFields, metadata's last field, spec is next or the record is not laid out as the API server writes pods
  // (events: `involvedObject`): compared in place, as a search would run through the rest of every event.
  const key = after >= 0 ? (record[after + 1] === RBRACE && startsWith(record, SPEC_KEY, after + 2) ? after + 2 : -1) : record.indexOf(SPEC_KEY);
  if (key < 0) return null;
  const open = key + SPEC_KEY.length - 1;
  // Pod status is short and last: search it from the end.
  const close = record.lastIndexOf(STATUS_KEY);
  if (close <= open) return null;
  return rememberedSpec(record, open, close);
}

const PRETTY_METADATA = Buffer.from('"metadata": {');
const PRETTY_SPEC = Buffer.from('"spec": {');
const PRETTY_STATUS = Buffer.from('"status": {');

/** The `spec` of a pretty-printed record: the key indented like `metadata`, its `}` on a line indented the same. */
function prettySpec(record: Buffer, after: number): { start: number; end: number; value: unknown } | null {
  const metadata = record.indexOf(PRETTY_METADATA);
  if (metadata < 0) return null;
  const indent = columnOf(record, metadata);
  if (indent === null) return null;
  // After managedFields when they were found: no need to search through them.
  let keyAt = record.indexOf(PRETTY_SPEC, Math.max(metadata, after));
  while (keyAt >= 0 && columnOf(record, keyAt) !== indent) keyAt = record.indexOf(PRETTY_SPEC, keyAt + 1);
  if (keyAt < 0) return null;
  const open = keyAt + PRETTY_SPEC.length - 1;
  // `status` follows spec at the same indent and is short: find it from the end; spec's `}` is the last before it.
  const status = record.lastIndexOf(PRETTY_STATUS);
  if (status > open && columnOf(record, status) === indent) {
    const close = record.lastIndexOf(RBRACE, status);
    return close > open && columnOf(record, close) === indent ? rememberedSpec(record, open, close) : null;
  }
  const close = prettyClose(record, keyAt, open, RBRACE);
  return close === null ? null : rememberedSpec(record, open, close);
}

/** The object in `record[open, close]`, parsed once per distinct text. */
function rememberedSpec(record: Buffer, open: number, close: number): { start: number; end: number; value: unknown } | null {
  const bytes = record.subarray(open, close + 1);
  // Hashing a short fingerprint and comparing bytes (memcmp) is far cheaper than decoding and hashing the whole text.
  const key = fingerprint(bytes);
  const known = parsedSpecs.get(key, bytes);
  if (known !== undefined) return { start: open, end: close + 1, value: known };
  let value: unknown;
  try {
    value = specAsRead(JSON.parse(bytes.toString("utf8")));
  } catch {
    return null; // not one object after all: the plain parse decides
  }
  parsedSpecs.set(key, bytes, value);
  return { start: open, end: close + 1, value };
}

/** How many of a spec's first bytes its fingerprint hashes. */
const FINGERPRINT_HEAD = 256;

/**
 * FNV-1a over a spec's length, first 256 and last 48 bytes: where specs of
 * different pods differ (the API server writes `volumes` first, with the
 * pod's own service-account token volume after its config maps and claims;
 * `nodeName` and the like near the end). Pods of one workload share their
 * first hundred bytes or so: with fewer in the hash, most lookups compared
 * several remembered specs of that workload. No string is made, unlike a text key.
 */
function fingerprint(bytes: Buffer): number {
  const n = bytes.length;
  let h = Math.imul(0x811c9dc5 ^ n, 0x01000193);
  const head = Math.min(n, FINGERPRINT_HEAD);
  for (let i = 0; i < head; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  for (let i = Math.max(head, n - 48); i < n; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h;
}

const MF_KEY = Buffer.from('"managedFields"');
/**
 * How metadata ends after managedFields, its last field, in what the API
 * server writes: the next top-level key of a pod, a core/v1 Event and an
 * events.k8s.io Event. (A key must follow, not any `]},"`: nested arrays in
 * hand-made managedFields could end that way.)
 */
const MF_ENDS = [Buffer.from(']},"spec":'), Buffer.from(']},"involvedObject":'), Buffer.from(']},"eventTime":')];
/** Searched without its opening quote: a needle starting with `"` stops at nearly every other byte of JSON. */
const TIME = Buffer.from('time"');

/** Where the managedFields array opens (its `[`) and closes (its `]`); null when there is none. */
function managedFieldsSpan(record: Buffer): { open: number; close: number } | null {
  const region = record;
  const to = record.length;
  const at = region.indexOf(MF_KEY);
  if (at < 0) return null;
  // A key follows `{` or `,`; `"managedFields"` after `:` is a value.
  let p = at - 1;
  while (p >= 0 && isSpace(region[p]!)) p--;
  if (p < 0 || (region[p] !== LBRACE && region[p] !== COMMA)) return null;
  let q = at + MF_KEY.length;
  while (q < to && isSpace(region[q]!)) q++;
  if (region[q] !== 0x3a) return null;
  q++;
  while (q < to && isSpace(region[q]!)) q++;
  if (region[q] !== LBRACK) return null;
  const close = prettyClose(record, at, q, RBRACK) ?? arrayEnd(record, q, to);
  if (close < 0) return null;
  return { open: q, close };
}

/**
 * In pretty-printed text (kubectl, jq, JSON.stringify), the bracket closing a
 * value opened on the line of the key at `key` starts a line indented like
 * that key, and no other key of the same object lies between. Null when the
 * text is not laid out that way (compact, tabs, hand-edited).
 */
function prettyClose(record: Buffer, key: number, open: number, closing: number): number | null {
  const indent = columnOf(record, key);
  if (indent === null) return null;
  // Single-byte searches (memchr): a needle of spaces is the worst case for a substring search in indented text.
  for (let i = record.indexOf(closing, open); i >= 0; i = record.indexOf(closing, i + 1)) {
    if (columnOf(record, i) === indent) return i;
  }
  return null;
}

/** The column of `at` when only spaces precede it on its line (and it is not on the first line), else null. */
function columnOf(record: Buffer, at: number): number | null {
  let i = at - 1;
  while (i >= 0 && record[i] === 0x20) i--;
  return i >= 0 && record[i] === 0x0a ? at - i - 1 : null;
}

/**
 * The `]` closing the managedFields array opened at `open`. The API server
 * writes managedFields last in metadata, just before `spec`; fieldsV1 holds
 * no arrays, so when no other `]` lies between, that one is it. Otherwise a
 * scan that tracks strings finds it.
 */
function arrayEnd(record: Buffer, open: number, to: number): number {
  // The first `]` (a memchr), when one of MF_ENDS starts there: one pass over the array instead of two.
  const first = record.indexOf(RBRACK, open);
  if (first >= 0 && MF_ENDS.some((end) => startsWith(record, end, first))) return first;
  return matchingBracket(record, open, to);
}

function matchingBracket(bytes: Buffer, open: number, end: number): number {
  let depth = 0;
  for (let i = open; i < end; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) {
      for (i++; i < end; i++) {
        const c = bytes[i]!;
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) break;
      }
    } else if (b === LBRACK || b === LBRACE) {
      depth++;
    } else if (b === RBRACK || b === RBRACE) {
      depth--;
      if (depth === 0) return b === RBRACK ? i : -1;
    }
  }
  return -1;
}

const TIME_FIRST = Buffer.from('{"time":');
const TIME_NEXT = Buffer.from('},{"time":');

/**
 * Writes `[{"time":"..."},...` for every `"time":"..."` in the array
 * `record[from, to]` (fieldsV1 keys are `f:`-prefixed, so never match) into
 * the scratch buffer at `at`, without its closing `]` (the record's own
 * follows); where the writing ended.
 */
function writeTimes(record: Buffer, from: number, to: number, at: number): number {
  const inside = record.subarray(0, to);
  let out = recordScratch.bytes(at + 1, at);
  let n = at;
  out[n++] = LBRACK;
  let first = true;
  for (let i = inside.indexOf(TIME, from); i >= 0; i = inside.indexOf(TIME, i + TIME.length)) {
    if (inside[i - 1] !== QUOTE) continue;
    let v = i + TIME.length;
    while (v < to && (isSpace(inside[v]!) || inside[v] === 0x3a)) v++;
    if (inside[v] !== QUOTE) continue;
    const close = inside.indexOf(QUOTE, v + 1);
    if (close <= v) continue;
    const piece = first ? TIME_FIRST : TIME_NEXT;
    out = recordScratch.bytes(n + piece.length + (close + 1 - v) + 1, n);
    n += piece.copy(out, n);
    n += record.copy(out, n, v, close + 1);
    first = false;
  }
  if (!first) out[n++] = RBRACE;
  return n;
}

function startsWith(record: Buffer, text: Buffer, at: number): boolean {
  return at + text.length <= record.length && record.compare(text, 0, text.length, at, at + text.length) === 0;
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}
