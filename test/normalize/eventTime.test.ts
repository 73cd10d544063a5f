import { FieldReader } from "../../src/normalize/fieldReader.js";
import { describe, expect, it } from "vitest";
import {clientGoNameTime, coreEventTimes, eventsV1Times } from "../../src/normalize/eventTime.js";
import { parseTime as parseKubeTime } from "../../src/kube/time.js";

/** Epoch ms of a UTC wall time plus microseconds, rounded once like the parser. */
function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, micros = 0): number {
  return (Date.UTC(y, mo - 1, d, h, mi, s) * 1000 + micros) / 1000;
}

describe("parseKubeTime", () => {
  it("reads whole seconds, µs eventTime and offsets", () => {
    expect(parseKubeTime("2021-08-03T09:21:09Z")).toBe(utc(2021, 8, 3, 9, 21, 9));
    expect(parseKubeTime("2021-08-03T09:15:23.740067Z")).toBe(utc(2021, 8, 3, 9, 15, 23, 740_067));
    expect(parseKubeTime("2021-08-03T11:15:23.5+02:00")).toBe(utc(2021, 8, 3, 9, 15, 23, 500_000));
    expect(parseKubeTime("2021-08-03T04:45:23-04:30")).toBe(utc(2021, 8, 3, 9, 15, 23));
    expect(parseKubeTime("2021-08-03t09:15:23z")).toBe(utc(2021, 8, 3, 9, 15, 23));
    expect(parseKubeTime("2024-02-29T00:00:00Z")).toBe(utc(2024, 2, 29, 0, 0, 0));
  });

  it("truncates below one microsecond", () => {
    expect(parseKubeTime("2021-08-03T09:15:23.123456789Z")).toBe(utc(2021, 8, 3, 9, 15, 23, 123_456));
    expect(parseKubeTime("2021-08-03T09:15:23.1234569Z")).toBe(utc(2021, 8, 3, 9, 15, 23, 123_456));
    expect(parseKubeTime("2021-08-03T09:15:23.000000999Z")).toBe(utc(2021, 8, 3, 9, 15, 23));
  });

  it("reads what RFC 3339 allows beyond what Kubernetes writes: any number of fractional digits, a leap second", () => {
    expect(parseKubeTime("2021-08-03T09:15:23.1234567890Z")).toBe(utc(2021, 8, 3, 9, 15, 23, 123_456));
    expect(parseKubeTime("2024-11-05T11:00:00.123456789012Z")).toBe(utc(2024, 11, 5, 11, 0, 0, 123_456));
    // The leap second is the last microsecond of its minute.
    expect(parseKubeTime("2016-12-31T23:59:60Z")).toBe(utc(2016, 12, 31, 23, 59, 59, 999_999));
    expect(parseKubeTime("2021-08-03T09:15:60.5+00:00")).toBe(utc(2021, 8, 3, 9, 15, 59, 999_999));
  });

  it("treats unset and Go's zero time as null", () => {
    expect(parseKubeTime("0001-01-01T00:00:00Z")).toBeNull();
    expect(parseKubeTime(null)).toBeNull();
    expect(parseKubeTime(undefined)).toBeNull();
    expect(parseKubeTime("")).toBeNull();
  });

  it.each([
    "2021-08-03",
    "2021-08-03T09:15:23",
    "2021-08-03 09:15:23Z",
    "2021-02-30T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2021-13-01T00:00:00Z",
    "2021-08-03T24:00:00Z",
    "2021-08-03T09:60:00Z",
    "2021-08-03T09:15:61Z",
    "2021-08-03T09:15:23.Z",
    "2021-08-03T09:15:23+0200",
    "2021-08-03T09:15:23+24:00",
    " 2021-08-03T09:15:23Z",
    "yesterday",
  ])("rejects %j", (text) => {
    expect(parseKubeTime(text)).toBeNull();
  });

  it("rejects non-strings", () => {
    expect(parseKubeTime(1_627_982_123_000)).toBeNull();
    expect(parseKubeTime({})).toBeNull();
  });
});

// A real scheduler event of the aws corpus: name suffix 0x1697c11dba36887b (…23.740072Z), eventTime …23.740067Z
// (the recorder reads the clock again for the name).
const SUFFIX_NAME = "openshift-apiserver-operator-74d76d9d57-2vlhp.1697c11dba36887b";
const SUFFIX_MS = Number(0x1697c11dba36887bn / 1000n) / 1000;
const SUFFIX_SECOND = utc(2021, 8, 3, 9, 15, 23);

describe("clientGoNameTime", () => {
  it("decodes the hex Unix-nanosecond suffix to ms with µs precision", () => {
    expect(SUFFIX_MS).toBe(utc(2021, 8, 3, 9, 15, 23, 740_072));
    expect(clientGoNameTime(SUFFIX_NAME, SUFFIX_SECOND)).toBe(SUFFIX_MS);
    expect(clientGoNameTime(SUFFIX_NAME, SUFFIX_SECOND + 999)).toBe(SUFFIX_MS);
    expect(clientGoNameTime(".1697c16e501a4ae4", utc(2021, 8, 3, 9, 21, 9))).not.toBeNull();
  });

  it("rejects a suffix outside firstTimestamp's second", () => {
    expect(clientGoNameTime(SUFFIX_NAME, SUFFIX_SECOND + 1000)).toBeNull();
    expect(clientGoNameTime(SUFFIX_NAME, SUFFIX_SECOND - 1000)).toBeNull();
    expect(clientGoNameTime("my-app.deadbeef", SUFFIX_SECOND)).toBeNull();
  });

  it("rejects names without a hex suffix or without firstTimestamp", () => {
    expect(clientGoNameTime(SUFFIX_NAME, null)).toBeNull();
    expect(clientGoNameTime(null, SUFFIX_SECOND)).toBeNull();
    expect(clientGoNameTime("bootstrap-finished", SUFFIX_SECOND)).toBeNull();
    expect(clientGoNameTime("pod.1697C11DBA36887B", SUFFIX_SECOND)).toBeNull(); // %x is lower case
    expect(clientGoNameTime("pod.11697c11dba36887b", SUFFIX_SECOND)).toBeNull(); // more than int64
  });
});

function coreEvent(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: SUFFIX_NAME, namespace: "ns", creationTimestamp: "2021-08-03T09:15:23Z" },
    involvedObject: { kind: "Pod", name: "p" },
    ...fields,
  };
}

describe("coreEventTimes", () => {
  const first = "2021-08-03T09:15:23Z";

  it("uses the suffix as the precise time of a single occurrence", () => {
    expect(coreEventTimes(new FieldReader(), coreEvent({ count: 1, firstTimestamp: first, lastTimestamp: first }))).toEqual({
      time: SUFFIX_MS,
      firstTime: SUFFIX_MS,
    });
  });

  it("keeps lastTimestamp for repeated events, suffix for the first", () => {
    expect(coreEventTimes(new FieldReader(), coreEvent({ count: 4, firstTimestamp: first, lastTimestamp: "2021-08-03T09:20:00Z" }))).toEqual({
      time: utc(2021, 8, 3, 9, 20, 0),
      firstTime: SUFFIX_MS,
    });
  });

  it("falls back to firstTimestamp when the suffix is inconsistent", () => {
    const other = "2021-08-03T09:15:24Z";
    expect(coreEventTimes(new FieldReader(), coreEvent({ count: 1, firstTimestamp: other, lastTimestamp: other }))).toEqual({
      time: utc(2021, 8, 3, 9, 15, 24),
      firstTime: utc(2021, 8, 3, 9, 15, 24),
    });
  });

  it("prefers eventTime, and series.lastObservedTime for a series", () => {
    const eventTime = utc(2021, 8, 3, 9, 15, 23, 740_067);
    // No firstTimestamp to check the suffix against: eventTime is the first occurrence.
    const e = coreEvent({ eventTime: "2021-08-03T09:15:23.740067Z", firstTimestamp: null, lastTimestamp: null });
    expect(coreEventTimes(new FieldReader(), e)).toEqual({ time: eventTime, firstTime: eventTime });
    const s = { ...e, series: { count: 1, lastObservedTime: "2021-08-03T09:15:28.000286Z" } };
    expect(coreEventTimes(new FieldReader(), s)).toEqual({ time: utc(2021, 8, 3, 9, 15, 28, 286), firstTime: eventTime });
  });

  it("falls back to creationTimestamp, and is null without any time", () => {
    expect(coreEventTimes(new FieldReader(), coreEvent({ firstTimestamp: null, lastTimestamp: null, eventTime: null }))).toEqual({
      time: SUFFIX_SECOND,
      firstTime: SUFFIX_SECOND,
    });
    expect(coreEventTimes(new FieldReader(), { metadata: { name: "x.1" }, involvedObject: {} })).toEqual({ time: null, firstTime: null });
  });

  it("ignores wrongly typed timestamps", () => {
    // firstTimestamp unusable: the suffix cannot be checked, lastTimestamp stands for both.
    expect(coreEventTimes(new FieldReader(), coreEvent({ count: "1", firstTimestamp: 5, lastTimestamp: first }))).toEqual({
      time: SUFFIX_SECOND,
      firstTime: SUFFIX_SECOND,
    });
  });
});

describe("eventsV1Times", () => {
  it("reads series.lastObservedTime, eventTime, then the deprecated fields", () => {
    const base = { metadata: { name: "p.16a4b66eb7062b67" }, regarding: { kind: "Pod" } };
    expect(
      eventsV1Times(new FieldReader(), {
        ...base,
        eventTime: "2021-09-14T14:27:51.244886Z",
        series: { count: 3, lastObservedTime: "2021-09-14T14:28:22.813260Z" },
      }),
    ).toEqual({ time: utc(2021, 9, 14, 14, 28, 22, 813_260), firstTime: utc(2021, 9, 14, 14, 27, 51, 244_886) });
    expect(eventsV1Times(new FieldReader(), { ...base, eventTime: "2021-09-14T14:27:51.244886Z" })).toEqual({
      time: utc(2021, 9, 14, 14, 27, 51, 244_886),
      firstTime: utc(2021, 9, 14, 14, 27, 51, 244_886),
    });
    expect(
      eventsV1Times(new FieldReader(), {
        ...base,
        eventTime: null,
        deprecatedFirstTimestamp: "2021-09-14T14:00:00Z",
        deprecatedLastTimestamp: "2021-09-14T14:05:00Z",
        deprecatedCount: 5,
      }),
    ).toEqual({ time: utc(2021, 9, 14, 14, 5, 0), firstTime: utc(2021, 9, 14, 14, 0, 0) });
  });
});

describe("coreEventTimes, repeats within the first second", () => {
  it("does not put time before firstTime", () => {
    const e = coreEvent({ count: 2, firstTimestamp: "2021-08-03T09:15:23Z", lastTimestamp: "2021-08-03T09:15:23Z" });
    expect(coreEventTimes(new FieldReader(), e)).toEqual({ time: SUFFIX_MS, firstTime: SUFFIX_MS });
  });
});
