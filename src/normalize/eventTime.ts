/**
 * Times of an Event (docs/spec.md §3.5), from the raw object of either API.
 *
 * `metav1.Time` fields (`firstTimestamp`, `lastTimestamp`) carry whole
 * seconds, `metav1.MicroTime` fields (`eventTime`, `series.lastObservedTime`)
 * microseconds. client-go names core/v1 events `<object>.<hex>`, the hex
 * being the first occurrence in Unix nanoseconds; where it agrees with
 * `firstTimestamp` it refines that time to the microsecond.
 */
import type { EpochMs } from "../types.js";
import type { FieldReader, JsonObject } from "./fieldReader.js";

const NAME_SUFFIX = /\.([0-9a-f]{1,16})$/;

/**
 * The first-occurrence time encoded in a client-go event name
 * (`fmt.Sprintf("%v.%x", ref.Name, t.UnixNano())`), in ms with µs precision.
 * Null unless the name has a hex suffix whose time lies within the second of
 * `firstTimestamp` (floored to the second), which rules out names that merely
 * end in hex-looking text.
 */
export function clientGoNameTime(name: string | null, firstTimestamp: EpochMs | null): EpochMs | null {
  if (name === null || firstTimestamp === null) return null;
  const m = NAME_SUFFIX.exec(name);
  if (m === null) return null;
  const ns = BigInt(`0x${m[1] ?? ""}`);
  const second = BigInt(Math.floor(firstTimestamp / 1000));
  if (ns / 1_000_000_000n !== second) return null;
  // Integer µs (< 2^53) divided once: the same rounding as kube/time's parseTime.
  return Number(ns / 1000n) / 1000;
}

/** When an event happened (last occurrence) and first happened. */
export interface EventTimes {
  readonly time: EpochMs | null;
  readonly firstTime: EpochMs | null;
}

/** Whether two times fall in the same (floored) second. */
function sameSecond(a: EpochMs, b: EpochMs): boolean {
  return Math.floor(a / 1000) === Math.floor(b / 1000);
}

/**
 * Shared rule of both APIs. `time` = series last observation ?? eventTime ??
 * last ?? first ?? creationTimestamp. `firstTime` = the name-suffix time (when
 * consistent with `first`) ?? first ?? eventTime ?? time, or eventTime first
 * when `eventTimeFirst` (events.k8s.io/v1, where it is the canonical field).
 * A single occurrence without eventTime or series takes the suffix as its
 * precise `time` too; a `time` truncated to the second of the suffix is
 * raised to it, so that `time` never precedes `firstTime`.
 */
function eventTimes(
  r: FieldReader,
  raw: JsonObject,
  first: EpochMs | null,
  last: EpochMs | null,
  eventTimeFirst: boolean,
): EventTimes {
  const seriesLast = r.time(r.nested(raw, "series", "lastObservedTime"));
  const eventTime = r.time(raw["eventTime"]);
  const created = r.time(r.nested(raw, "metadata", "creationTimestamp"));
  const suffix = clientGoNameTime(r.name(r.nested(raw, "metadata", "name")), first);

  let time = seriesLast ?? eventTime ?? last ?? first ?? created;
  // eventCount is at least 2 whenever a series is present
  if (eventCount(r, raw) === 1 && seriesLast === null && eventTime === null && suffix !== null && (last === null || sameSecond(last, suffix))) {
    time = suffix;
  }
  const firstTime = (eventTimeFirst ? eventTime : null) ?? suffix ?? first ?? eventTime ?? time;
  // A repeat within the first second: whole-second `last` would precede the µs first occurrence.
  if (time !== null && firstTime !== null && time < firstTime && sameSecond(time, firstTime)) time = firstTime;
  return { time, firstTime };
}

/**
 * Times of a core/v1 Event: `time` per docs/spec.md §3.5 (`eventTime`, else
 * `lastTimestamp`, else `firstTimestamp`, else `metadata.creationTimestamp`;
 * `series.lastObservedTime` first when a series is present, as the same
 * stored object read through events.k8s.io/v1 would give), `firstTime` the
 * first occurrence: the client-go name suffix when consistent, else
 * `firstTimestamp`, else `eventTime`, else `time`.
 */
export function coreEventTimes(r: FieldReader, raw: JsonObject): EventTimes {
  return eventTimes(r, raw, r.time(raw["firstTimestamp"]), r.time(raw["lastTimestamp"]), false);
}

/**
 * Times of an events.k8s.io/v1 (or v1beta1) Event: `time` =
 * `series.lastObservedTime` ?? `eventTime` ?? `deprecatedLastTimestamp`
 * (then `deprecatedFirstTimestamp`, `metadata.creationTimestamp`);
 * `firstTime` = `eventTime` ?? `deprecatedFirstTimestamp` (refined by the
 * name suffix) ?? `time`.
 */
export function eventsV1Times(r: FieldReader, raw: JsonObject): EventTimes {
  return eventTimes(r, raw, r.time(raw["deprecatedFirstTimestamp"]), r.time(raw["deprecatedLastTimestamp"]), true);
}

/**
 * How many times an Event occurred: the highest of `count`, `series.count`
 * and `deprecatedCount`, 1 when none is valid. A `series` exists only from the
 * second occurrence on, and older client-go (`tools/events`) set `series.count`
 * to 1 for that second occurrence (newer: 2), so an event with a series
 * counts at least 2.
 */
export function eventCount(r: FieldReader, raw: JsonObject): number {
  const series = r.object(raw["series"]);
  let count = 1;
  for (const c of [raw["count"], series?.["count"], raw["deprecatedCount"]]) {
    const n = r.count(c);
    if (n !== null && n > count) count = n;
  }
  return series !== null && count < 2 ? 2 : count;
}
