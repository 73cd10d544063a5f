/**
 * Go `time.Duration` text, as kubelet prints it in `Pulled` messages
 * (`1.234s`, `850ms`, `1m2.5s`, `12.3µs`, `1h0m3s`, `0s`, `-1.5s`).
 *
 * The grammar is that of Go's `time.ParseDuration`, which accepts everything
 * `Duration.String()` prints and a little more (`.5s`, `1.s`, `1h30m`, `+2s`,
 * bare `0`). Arithmetic is done on the digit strings in BigInt nanoseconds, so
 * `1.000000001s` is exactly 1000.000001 ms and `12.3µs` exactly 0.0123 ms (as
 * exact as a double allows). Go itself computes the fraction with a float
 * multiply; for text with more fractional digits than nanoseconds resolve
 * (never produced by `Duration.String()`) we truncate exactly instead.
 */

/** Nanoseconds per unit, keyed by every spelling Go accepts (µ U+00B5 and μ U+03BC). */
const UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  "\u00b5s": 1_000n,
  "\u03bcs": 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** One `<int>[.<frac>]<unit>` component; the unit must not run on into more letters. */
const COMPONENT = /(\d*)(?:\.(\d*))?(ns|us|\u00b5s|\u03bcs|ms|s|m|h)(?![^\d.])/y;

const MAX_NS = (1n << 63n) - 1n;

/**
 * Parses a Go duration into nanoseconds, or null when Go's `ParseDuration`
 * would reject it (empty, missing unit, unknown unit, no digits, overflow of
 * int64 nanoseconds).
 */
export function parseGoDurationNs(text: string): bigint | null {
  let s = text;
  let negative = false;
  if (s.startsWith("-") || s.startsWith("+")) {
    negative = s.startsWith("-");
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") return null;

  let total = 0n;
  let pos = 0;
  while (pos < s.length) {
    COMPONENT.lastIndex = pos;
    const m = COMPONENT.exec(s);
    if (m === null) return null;
    const intDigits = m[1] ?? "";
    const fracDigits = m[2] ?? "";
    const unit = UNIT_NS[m[3] ?? ""];
    if (unit === undefined || (intDigits === "" && fracDigits === "")) return null;
    total += BigInt(intDigits === "" ? "0" : intDigits) * unit;
    if (fracDigits !== "") {
      // Truncate below one nanosecond, as Go does.
      total += (BigInt(fracDigits) * unit) / 10n ** BigInt(fracDigits.length);
    }
    if (total > MAX_NS + 1n) return null;
    pos = COMPONENT.lastIndex;
  }
  if (total > MAX_NS + (negative ? 1n : 0n)) return null;
  return negative && total !== 0n ? -total : total;
}

/** Converts nanoseconds to milliseconds, correctly rounded to the nearest double. */
export function nsToMs(ns: bigint): number {
  if (ns === 0n) return 0;
  const abs = ns < 0n ? -ns : ns;
  // Below 2^53 both operands are exact doubles, so one division rounds once.
  if (abs <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(ns) / 1e6;
  return Number(ns / 1_000_000n) + Number(ns % 1_000_000n) / 1e6;
}

/**
 * Parses a Go duration (`1m2.5s`, `850ms`, `12.3µs`) into milliseconds,
 * fractional below one millisecond; null when the text is not a Go duration.
 */
export function parseGoDuration(text: string): number | null {
  const ns = parseGoDurationNs(text);
  return ns === null ? null : nsToMs(ns);
}
