import { describe, expect, it } from "vitest";
import { nsToMs, parseGoDuration, parseGoDurationNs } from "../../src/kube/goDuration.js";

describe("parseGoDuration", () => {
  // Forms printed by Go's time.Duration.String() and seen in kubelet messages.
  it.each([
    ["1.234s", 1234],
    ["850ms", 850],
    ["1m2.5s", 62_500],
    ["12.3µs", 0.0123], // U+00B5 micro sign, what Go prints
    ["12.3μs", 0.0123], // U+03BC Greek mu, also accepted by Go
    ["12.3us", 0.0123],
    ["999.5µs", 0.9995],
    ["1h0m3s", 3_603_000],
    ["0s", 0],
    ["0", 0],
    ["1.5ns", 0.000001], // below 1 ns truncates, as in Go
    ["2h45m0.5s", 9_900_500],
    ["-1.5s", -1500],
    ["1.000000001s", 1000.000001],
    ["10.910561642s", 10_910.561642], // corpus (1.19-1.25 kubelet)
    ["1m2.642683164s", 62_642.683164], // corpus
    ["32.341313682s", 32_341.313682],
    ["1.01s", 1010],
    ["271ms", 271],
    ["2m0s", 120_000],
    ["1h", 3_600_000],
  ])("%s -> %s ms", (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  // Go's ParseDuration grammar accepts these, so do we (never printed by String()).
  it.each([
    [".5s", 500],
    ["1.s", 1000],
    ["+2s", 2000],
    ["1h30m", 5_400_000],
    ["1s1h", 3_601_000],
    ["-0s", 0],
  ])("Go-accepted %s -> %s ms", (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  it.each(["", "1", "s", ".s", "-", "+", "1x", "1sec", "1mss", "1.2.3s", "--1s", "1 s", " 1s", "1s ", "1e3s", "NaN", "0x10s", "1,5s", "1S", "∞s"])(
    "rejects %j",
    (text) => {
      expect(parseGoDuration(text)).toBeNull();
    },
  );

  it("computes exactly in integer nanoseconds", () => {
    expect(parseGoDurationNs("1.000000001s")).toBe(1_000_000_001n);
    expect(parseGoDurationNs("12.3µs")).toBe(12_300n);
    expect(parseGoDurationNs("1.5ns")).toBe(1n);
    expect(parseGoDurationNs("1m2.642683164s")).toBe(62_642_683_164n);
    expect(parseGoDurationNs("0.1s")).toBe(100_000_000n);
    // 0.1 + 0.2 style float traps do not apply
    expect(parseGoDuration("0.3s")).toBe(300);
    expect(parseGoDuration("100.7ms")).toBe(100.7);
  });

  it("keeps to int64 nanoseconds like Go", () => {
    expect(parseGoDurationNs("2562047h47m16.854775807s")).toBe((1n << 63n) - 1n);
    expect(parseGoDurationNs("2562047h47m16.854775808s")).toBeNull();
    expect(parseGoDurationNs("-2562047h47m16.854775808s")).toBe(-(1n << 63n));
    expect(parseGoDurationNs("9999999999999999999999h")).toBeNull();
  });

  it("converts large values without losing the sub-ms part", () => {
    expect(nsToMs(200n * 24n * 3_600_000_000_000n + 1_500n)).toBe(17_280_000_000.0015);
  });
});
