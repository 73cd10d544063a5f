/**
 * humanizeMs is arithmetic on milliseconds. Its output is the one the former
 * date-fns implementation (`intervalToDuration` from epoch 0, i.e. local
 * calendar time) gave under TZ=UTC, except where that one carried wrongly
 * (`1000ms`, `0h 0m` for a day): there it reads what the former one gave for
 * the value rounded to whole seconds.
 */
import { intervalToDuration } from "date-fns/intervalToDuration";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { humanizeMs } from "../../src/render/humanize.js";
import { params } from "../fuzz/helpers.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TEN_YEARS = 3653 * DAY;

/** The implementation humanizeMs replaced, verbatim: correct only where local time is UTC. */
function formerHumanizeMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) {
    const s = Math.round(ms / 100) / 10;
    return s === 60 ? "1m 0s" : `${s}s`;
  }
  const d = intervalToDuration({ start: 0, end: Math.round(ms / 1000) * 1000 });
  const days = d.days ?? 0;
  const hours = d.hours ?? 0;
  const minutes = d.minutes ?? 0;
  const seconds = d.seconds ?? 0;
  const totalDays = Math.floor(ms / 86_400_000);
  if (totalDays > 0) return `${totalDays}d ${hours}h`;
  if (hours > 0 || days > 0) return `${hours}h ${minutes}m`;
  return `${minutes}m ${seconds}s`;
}

/** Where the former implementation carried wrongly: its rounding up crossed 1 s or a day that its day count (from the unrounded value) missed. */
function formerCarriedWrongly(ms: number): boolean {
  if (ms < 1000) return Math.round(ms) === 1000;
  return ms >= 60_000 && Math.floor(ms / DAY) !== Math.floor(Math.round(ms / 1000) / 86_400);
}

const toSecond = (ms: number): number => Math.round(ms / 1000) * 1000;

/** Milliseconds in [0, 10 years]: whole and fractional, uniform and close to each unit's boundaries (where rounding carries). */
const arbMs = fc.oneof(
  fc.integer({ min: 0, max: TEN_YEARS }),
  fc.double({ min: 0, max: TEN_YEARS, noNaN: true }),
  fc.double({ min: 0, max: 2 * HOUR, noNaN: true }),
  fc
    .tuple(fc.constantFrom(100, SECOND, MINUTE, HOUR, DAY), fc.integer({ min: 0, max: 2_000_000_000 }), fc.double({ min: -700, max: 700, noNaN: true }))
    .map(([unit, k, delta]) => Math.min(TEN_YEARS, Math.max(0, (k % Math.floor(TEN_YEARS / unit)) * unit + delta))),
);

describe("humanizeMs", () => {
  const zone = process.env["TZ"];
  beforeAll(() => {
    // Node applies a TZ set at run time to Date at once; the oracle reads local calendar time.
    process.env["TZ"] = "UTC";
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toMatch(/^(UTC|Etc\/UTC)$/);
  });
  afterAll(() => {
    if (zone === undefined) delete process.env["TZ"];
    else process.env["TZ"] = zone;
  });

  it("gives the former implementation's UTC output for every value in [0, 10 years] where that one carried right", () => {
    fc.assert(
      fc.property(arbMs, (ms) => {
        expect(humanizeMs(ms)).toBe(formerHumanizeMs(formerCarriedWrongly(ms) ? toSecond(ms) : ms));
      }),
      params(20_000),
    );
  });

  it("differs from the former implementation only on its wrong carries", () => {
    // 999.6 ms is 1 s to the tenth; 1 day less 0.4 s rounds to a whole day.
    expect(formerHumanizeMs(999.6)).toBe("1000ms");
    expect(humanizeMs(999.6)).toBe("1s");
    expect(formerHumanizeMs(DAY - 400)).toBe("0h 0m");
    expect(humanizeMs(DAY - 400)).toBe("1d 0h");
    expect(formerHumanizeMs(2 * DAY - 400)).toBe("1d 0h");
    expect(humanizeMs(2 * DAY - 400)).toBe("2d 0h");
  });

  it("never carries into a 60s, 60m or 24h: every unit is cut from the value rounded once", () => {
    fc.assert(
      fc.property(arbMs, (ms) => {
        const out = humanizeMs(ms);
        const s = Math.round(ms / 1000);
        let m: RegExpExecArray | null;
        if ((m = /^(\d+)ms$/.exec(out))) {
          expect(Number(m[1])).toBe(Math.round(ms));
          expect(Number(m[1])).toBeLessThan(1000);
        } else if ((m = /^(\d+(?:\.\d)?)s$/.exec(out))) {
          expect(Math.round(Number(m[1]) * 10)).toBe(Math.round(ms / 100));
          expect(Number(m[1])).toBeGreaterThanOrEqual(1);
          expect(Number(m[1])).toBeLessThan(60);
        } else if ((m = /^(\d+)m (\d+)s$/.exec(out))) {
          expect(Number(m[2])).toBeLessThan(60);
          expect(Number(m[1]) * 60 + Number(m[2])).toBe(s);
          expect(Number(m[1])).toBeGreaterThanOrEqual(1);
          expect(Number(m[1])).toBeLessThan(60);
        } else if ((m = /^(\d+)h (\d+)m$/.exec(out))) {
          expect(Number(m[2])).toBeLessThan(60);
          expect(Number(m[1]) * 60 + Number(m[2])).toBe(Math.floor(s / 60));
          expect(Number(m[1])).toBeGreaterThanOrEqual(1);
          expect(Number(m[1])).toBeLessThan(24);
        } else if ((m = /^(\d+)d (\d+)h$/.exec(out))) {
          expect(Number(m[2])).toBeLessThan(24);
          expect(Number(m[1]) * 24 + Number(m[2])).toBe(Math.floor(s / 3600));
          expect(Number(m[1])).toBeGreaterThanOrEqual(1);
        } else {
          expect.fail(`unexpected shape ${out} for ${ms}`);
        }
      }),
      params(20_000),
    );
  });

  it("rounds up across a unit boundary into the next unit", () => {
    expect(humanizeMs(59_960)).toBe("1m 0s");
    expect(humanizeMs(3_599_600)).toBe("1h 0m");
    expect(humanizeMs(46 * MINUTE + 59_600)).toBe("47m 0s");
    expect(humanizeMs(DAY - 400)).toBe("1d 0h");
    expect(humanizeMs(182 * DAY)).toBe("182d 0h");
    expect(humanizeMs(null)).toBe("-");
  });
});

describe("fitting text to a terminal", () => {
  it("cuts to a width in terminal columns with an ellipsis, and wraps prose at spaces with a hanging indent", async () => {
    const { cutToWidth, wrapToWidth, displayWidth } = await import("../../src/render/fit.js");
    expect(cutToWidth("payments/edge-proxy-6c9f7d5b8-q7wzt", 12)).toBe("payments/ed…");
    expect(cutToWidth("short", 12)).toBe("short");
    // CJK takes two columns.
    expect(displayWidth(cutToWidth("命名空间命名空间", 9))).toBeLessThanOrEqual(9);
    expect(wrapToWidth("  quality    degraded: two of three pods have no events", 30)).toEqual(["  quality    degraded: two of", "    three pods have no events"]);
    expect(wrapToWidth("  a", 30)).toEqual(["  a"]);
    // A word longer than the line is cut.
    expect(wrapToWidth(`  ${"x".repeat(40)}`, 20)).toEqual([`  ${"x".repeat(17)}…`]);
  });
});
