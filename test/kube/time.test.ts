import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatTime, parseTime, timeProblem } from "../../src/kube/time.js";

/** RFC 3339 through Date: the definition formatTime must match. */
function viaDate(ms: number): string {
  let whole = Math.floor(ms);
  let micros = Math.round((ms - whole) * 1000);
  if (micros === 1000) {
    whole += 1;
    micros = 0;
  }
  const iso = new Date(whole).toISOString();
  if (micros !== 0) return `${iso.slice(0, 23)}${String(micros).padStart(3, "0")}Z`;
  return iso.endsWith(".000Z") ? `${iso.slice(0, 19)}Z` : iso;
}

describe("formatTime", () => {
  it("writes RFC 3339 UTC with the value's precision, as Date does, in any order of days", () => {
    // RFC 3339 years (4 digits): a fraction of the last millisecond of 9999 rounds into year 10000, which it cannot write.
    const year1 = Date.UTC(1, 0, 1);
    const year9999 = Date.UTC(9999, 11, 31, 23, 59, 58);
    const ms = fc.integer({ min: year1, max: year9999 });
    const fraction = fc.constantFrom(0, 0.001, 0.25, 0.5, 0.999, 0.9996, 0.123);
    fc.assert(
      fc.property(fc.array(fc.tuple(ms, fraction), { minLength: 1, maxLength: 20 }), (values) => {
        for (const [whole, f] of values) expect(formatTime(whole + f)).toBe(viaDate(whole + f));
      }),
      { numRuns: 500 },
    );
    expect(formatTime(Date.UTC(2024, 1, 29, 23, 59, 59))).toBe("2024-02-29T23:59:59Z");
    expect(formatTime(Date.UTC(1969, 11, 31, 0, 0, 0, 5))).toBe("1969-12-31T00:00:00.005Z");
  });

  it("gives back what parseTime read, at second, millisecond and microsecond precision", () => {
    for (const text of ["2026-03-09T06:00:00Z", "2026-03-09T06:00:00.120Z", "2026-03-09T06:00:00.123456Z", "2000-01-01T00:00:00.000001Z"]) {
      expect(formatTime(parseTime(text)!)).toBe(text);
    }
  });
});

describe("parseTime and timeProblem at the edges of RFC 3339", () => {
  it("tells unset times (not a problem) from text that is not RFC 3339 and from leap seconds", () => {
    for (const unset of ["", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000000Z", "0001-01-01T00:00:00+00:00"]) {
      expect(parseTime(unset), unset).toBeNull();
      expect(timeProblem(unset), unset).toBe("unset");
    }
    for (const invalid of ["not a time", "2024-05-01 10:00:00Z", "2024-02-30T00:00:00Z", "2024-05-01T10:00:61Z", "2024-05-01T10:00:00+24:00", "2024-05-01T10:00:00.Z"]) {
      expect(parseTime(invalid), invalid).toBeNull();
      expect(timeProblem(invalid), invalid).toBe("invalid");
    }
    expect(timeProblem("2016-12-31T23:59:60Z")).toBe("leapSecond");
    expect(timeProblem("2024-05-01T10:00:00.123456789012Z")).toBeNull();
    expect(timeProblem("2024-05-01T10:00:06Z")).toBeNull();
  });

  it("reads every year RFC 3339 can write, and only those, in UTC", () => {
    // Years below 100 are not 19xx (Date.UTC would make them so).
    expect(formatTime(parseTime("0050-06-01T12:00:00Z")!)).toBe("0050-06-01T12:00:00Z");
    expect(formatTime(parseTime("0001-01-01T00:00:01Z")!)).toBe("0001-01-01T00:00:01Z");
    expect(formatTime(parseTime("0000-01-01T00:00:00Z")!)).toBe("0000-01-01T00:00:00Z");
    expect(formatTime(parseTime("1900-03-01T00:00:00+01:00")!)).toBe("1900-02-28T23:00:00Z");
    // An offset that moves the time out of 0000-9999 in UTC: it could not be written back.
    expect(timeProblem("0000-01-01T00:00:00+00:01")).toBe("invalid");
    expect(timeProblem("9999-12-31T23:59:59-00:01")).toBe("invalid");
    // The end of 9999: a double holds no microseconds there, and the time never rounds into year 10000.
    expect(formatTime(parseTime("9999-12-31T23:59:59.999999Z")!)).toMatch(/^9999-12-31T23:59:59\.9999\d\dZ$/);
    expect(formatTime(parseTime("9999-12-31T23:59:60Z")!)).toMatch(/^9999-12-31T23:59:59\.9999\d\dZ$/);
  });

  it("reads any RFC 3339 time of years 0000-9999 as Date reads its whole milliseconds", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        if (iso === "0001-01-01T00:00:00.000Z" || iso === "1970-01-01T00:00:00.000Z") return; // Go's zero time, the Unix epoch: unset
        expect(parseTime(iso)).toBe(d.getTime());
      }),
      { numRuns: 500 },
    );
  });
});

describe("parseTime", () => {
  it("reads Go's zero time and the Unix epoch itself as unset (the kubelet writes the epoch for a time its runtime reported as 0)", () => {
    expect(parseTime("0001-01-01T00:00:00Z")).toBeNull();
    expect(parseTime("1970-01-01T00:00:00Z")).toBeNull();
    expect(parseTime("1970-01-01T00:00:00.000001Z")).toBe(0.001);
    expect(parseTime("1970-01-01T00:00:01Z")).toBe(1000);
  });

  it("reads a time in the API server's shape (`Z`, read by position) as the same time written with +00:00 (read by the expression), whatever one character is changed to", () => {
    const digits = (n: number) => fc.array(fc.constantFrom(..."0123456789"), { minLength: n, maxLength: n }).map((a) => a.join(""));
    const shape = fc
      .tuple(fc.constantFrom("0001", "1970", "2024", "9999", "0000"), digits(2), digits(2), fc.constantFrom("T", "t"), digits(2), digits(2), digits(2), fc.oneof(fc.constant(""), fc.integer({ min: 1, max: 12 }).chain(digits).map((f) => `.${f}`)), fc.constantFrom("Z", "z"))
      .map(([y, mo, d, t, h, mi, se, f, z]) => ({ body: `${y}-${mo}-${d}${t}${h}:${mi}:${se}${f}`, z }));
    const change = fc.option(fc.tuple(fc.nat(), fc.constantFrom(..."0159-:.TZzx +é")), { nil: undefined });
    fc.assert(
      fc.property(shape, change, ({ body, z }, c) => {
        const changed = c === undefined ? body : `${body.slice(0, c[0] % body.length)}${c[1]}${body.slice((c[0] % body.length) + 1)}`;
        expect(parseTime(`${changed}${z}`)).toBe(parseTime(`${changed}+00:00`));
        expect(timeProblem(`${changed}${z}`)).toBe(timeProblem(`${changed}+00:00`));
      }),
      { numRuns: 3000 },
    );
  });
});
