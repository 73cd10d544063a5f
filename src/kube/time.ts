import type { EpochMs } from "../types.js";
import { formattedDays, parsedTimes } from "../memo.js";

// RFC 3339 (section 5.6): 2024-05-01T10:00:01Z, 2024-05-01T10:00:01.123456Z, any number of fractional
// digits, a numeric offset. Hand-written because Date.parse drops sub-millisecond digits, accepts many
// non-RFC shapes and reads years below 100 as 19xx.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Go's zero `time.Time`, which Kubernetes writes for a time that is not set. */
const GO_ZERO_TIME = "0001-01-01T00:00:00Z";

/**
 * Parses a Kubernetes timestamp into epoch milliseconds, keeping microsecond
 * precision as a fraction (digits beyond are truncated). A leap second
 * (`23:59:60`) reads as the last microsecond of its minute. Null for
 * absent, empty, Go's zero time, the Unix epoch itself (`1970-01-01T00:00:00Z`:
 * what the kubelet writes for a container time its runtime reported as 0,
 * e.g. containerd's status of a container it lost, reason Unknown), and text
 * that is not RFC 3339 or that names a time RFC 3339 cannot write in UTC
 * (before year 0000, after 9999): `timeProblem` tells these apart.
 */
export function parseTime(value: unknown): EpochMs | null {
  if (typeof value !== "string") return null;
  const known = parsedTimes.get(value);
  if (known !== undefined) return known;
  const parsed = parseUncached(value);
  parsedTimes.set(value, parsed);
  return parsed;
}

/**
 * What is odd about a time string: `unset` (empty, or Go's zero time: not a
 * problem, the field is simply not set), `invalid` (read as absent),
 * `leapSecond` (read as the last microsecond of its minute); null when it
 * reads as the time it says.
 */
export function timeProblem(value: string): "unset" | "invalid" | "leapSecond" | null {
  if (parseTime(value) === null) return value === "" || isGoZeroTime(value) || isUnixEpoch(value) ? "unset" : "invalid";
  return RFC3339.exec(value)?.[6] === "60" ? "leapSecond" : null;
}

function isGoZeroTime(value: string): boolean {
  if (value === GO_ZERO_TIME) return true;
  // The same instant spelled otherwise (a zero fraction, +00:00).
  const m = RFC3339.exec(value);
  return m !== null && m[1] === "0001" && m[2] === "01" && m[3] === "01" && m[4] === "00" && m[5] === "00" && m[6] === "00" && /^0*$/.test(m[7] ?? "") && (m[8] !== undefined || (m[10] === "00" && m[11] === "00"));
}

/** The Unix epoch exactly (a runtime's 0), in any spelling RFC 3339 allows. */
function isUnixEpoch(value: string): boolean {
  const m = RFC3339.exec(value);
  if (m === null || m[7] !== undefined && !/^0*$/.test(m[7])) return false;
  return m[1] === "1970" && m[2] === "01" && m[3] === "01" && m[4] === "00" && m[5] === "00" && m[6] === "00" && (m[8] !== undefined || (m[10] === "00" && m[11] === "00"));
}

function parseUncached(value: string): EpochMs | null {
  if (value.length < 20) return null;
  const m = RFC3339.exec(value);
  if (m === null || isGoZeroTime(value) || isUnixEpoch(value)) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) return null;
  let seconds = daysFromEpoch(year, month, day) * 86_400 + hour * 3600 + minute * 60 + Math.min(second, 59);
  if (m[8] === undefined && m[9] !== undefined) {
    const offsetHours = Number(m[10]);
    const offsetMinutes = Number(m[11]);
    if (offsetHours > 23 || offsetMinutes > 59) return null;
    seconds -= (m[9] === "+" ? 1 : -1) * (offsetHours * 60 + offsetMinutes) * 60;
  }
  // A leap second is the minute's last microsecond: the 61st second has no place of its own in Unix time.
  const fraction = m[7];
  const micros = second === 60 ? 999_999 : fraction === undefined ? 0 : Number(fraction.slice(0, 6).padEnd(6, "0"));
  // An offset can carry a time past the years RFC 3339 writes in UTC: it could not be written back.
  if (seconds < YEAR_0_S || seconds >= YEAR_10000_S) return null;
  // Integer microseconds stay exact below 2^53 (years 1685-2255): one division then gives the nearest double
  // of the ms. Further out, whole ms are exact and the fraction is added once. Near the end of 9999 a double
  // no longer holds microseconds, and the last ones would round up into year 10000.
  const totalMicros = seconds * 1_000_000 + micros;
  const ms = Number.isSafeInteger(totalMicros) ? totalMicros / 1000 : seconds * 1000 + micros / 1000;
  return Math.min(ms, LAST_MS_OF_9999);
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil), for any year. */
function daysFromEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const YEAR_0_S = daysFromEpoch(0, 1, 1) * 86_400;
const YEAR_10000_S = daysFromEpoch(10000, 1, 1) * 86_400;
/** The last double before 10000-01-01T00:00:00Z in ms (a double's step there is 2^-5 ms). */
const LAST_MS_OF_9999 = YEAR_10000_S * 1000 - 2 ** -5;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Formats epoch milliseconds as RFC 3339 UTC with the precision the value has:
 * whole seconds, milliseconds or microseconds.
 */
export function formatTime(ms: EpochMs): string {
  let wholeMs = Math.floor(ms);
  let micros = Math.round((ms - wholeMs) * 1000);
  if (micros === 1000) {
    wholeMs += 1;
    micros = 0;
  }
  // The date through Date once per day (reports hold thousands of times of few days), the time of day by arithmetic.
  const day = Math.floor(wholeMs / DAY_MS);
  let dayPrefix = formattedDays.get(day);
  if (dayPrefix === undefined) {
    dayPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11); // YYYY-MM-DDT
    formattedDays.set(day, dayPrefix);
  }
  let rest = wholeMs - day * DAY_MS;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const second = rest % 60;
  rest = (rest - second) / 60;
  const minute = rest % 60;
  const seconds = `${dayPrefix}${TWO_DIGITS[(rest - minute) / 60]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}`;
  if (micros !== 0) return `${seconds}.${String(millis).padStart(3, "0")}${String(micros).padStart(3, "0")}Z`;
  if (millis !== 0) return `${seconds}.${String(millis).padStart(3, "0")}Z`;
  return `${seconds}Z`;
}

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));

export function formatTimeOrNull(ms: EpochMs | null): string | null {
  return ms === null ? null : formatTime(ms);
}
