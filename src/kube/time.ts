import type { EpochMs } from "../types.js";
import { formattedDays, parsedTimes } from "../memo.js";

// RFC 3339 (section 5.6): 2024-05-01T10:00:01Z, 2024-05-01T10:00:01.123456Z, any number of fractional
// digits, a numeric offset. Hand-written because Date.parse drops sub-millisecond digits, accepts many
// non-RFC shapes and reads years below 100 as 19xx.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

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
  const fields = timeFields(value);
  if (parseTime(value) === null) return value === "" || (fields !== null && unsetFields(fields)) ? "unset" : "invalid";
  return fields?.second === 60 ? "leapSecond" : null;
}

/** The fields of an RFC 3339 time: the fraction's digits ("" for none); the offset's sign 0 for `Z`, else 1 or -1, with its hours and minutes. */
interface TimeFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly fraction: string;
  readonly offsetHours: number;
  readonly offsetMinutes: number;
  readonly offsetSign: number;
}

/**
 * The fields of `value`, null when it is not RFC 3339. The shape the API
 * server writes (UTC, `Z`, with or without a fraction) is read by position,
 * as the regular expression would read it, without making its eleven strings
 * per time; any other shape goes through the expression.
 */
function timeFields(value: string): TimeFields | null {
  const n = value.length;
  const last = value.charCodeAt(n - 1);
  if (n >= 20 && (last === 0x5a || last === 0x7a) && value.charCodeAt(4) === 0x2d && value.charCodeAt(7) === 0x2d && (value.charCodeAt(10) === 0x54 || value.charCodeAt(10) === 0x74) && value.charCodeAt(13) === 0x3a && value.charCodeAt(16) === 0x3a) {
    const year = digitsAt(value, 0, 4);
    const month = digitsAt(value, 5, 2);
    const day = digitsAt(value, 8, 2);
    const hour = digitsAt(value, 11, 2);
    const minute = digitsAt(value, 14, 2);
    const second = digitsAt(value, 17, 2);
    const fractionOk = n === 20 || (n > 21 && value.charCodeAt(19) === 0x2e && digitsAt(value, 20, n - 21) >= 0);
    if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0 && fractionOk) {
      return { year, month, day, hour, minute, second, fraction: n === 20 ? "" : value.slice(20, n - 1), offsetHours: 0, offsetMinutes: 0, offsetSign: 0 };
    }
  }
  const m = RFC3339.exec(value);
  if (m === null) return null;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6]),
    fraction: m[7] ?? "",
    offsetHours: m[8] === undefined ? Number(m[10]) : 0,
    offsetMinutes: m[8] === undefined ? Number(m[11]) : 0,
    offsetSign: m[8] === undefined ? (m[9] === "+" ? 1 : -1) : 0,
  };
}

/** The ASCII digits `value[at, at + count)` as a number; -1 when any is not one. (Fractions are checked only: they may be long.) */
function digitsAt(value: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = value.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    if (count <= 4) v = v * 10 + d;
  }
  return v;
}

/** Go's zero `time.Time` (what Kubernetes writes for a time not set) or the Unix epoch, in any spelling (a zero fraction, `+00:00`). */
function unsetFields(f: TimeFields): boolean {
  if (!(f.month === 1 && f.day === 1 && f.hour === 0 && f.minute === 0 && f.second === 0 && (f.year === 1 || f.year === 1970))) return false;
  return /^0*$/.test(f.fraction) && f.offsetHours === 0 && f.offsetMinutes === 0;
}

function parseUncached(value: string): EpochMs | null {
  if (value.length < 20) return null;
  const f = timeFields(value);
  if (f === null || unsetFields(f)) return null;
  const { year, month, day, hour, minute, second } = f;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) return null;
  let seconds = daysFromEpoch(year, month, day) * 86_400 + hour * 3600 + minute * 60 + Math.min(second, 59);
  if (f.offsetSign !== 0) {
    if (f.offsetHours > 23 || f.offsetMinutes > 59) return null;
    seconds -= f.offsetSign * (f.offsetHours * 60 + f.offsetMinutes) * 60;
  }
  // A leap second is the minute's last microsecond: the 61st second has no place of its own in Unix time.
  const micros = second === 60 ? 999_999 : f.fraction === "" ? 0 : Number(f.fraction.slice(0, 6).padEnd(6, "0"));
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

/** Whether `formatTime` can write `ms`: a time of the years RFC 3339 writes in UTC, 0000 to 9999. */
export function isWritableTime(ms: EpochMs): boolean {
  return ms >= YEAR_0_S * 1000 && ms <= LAST_MS_OF_9999;
}

export function formatTimeOrNull(ms: EpochMs | null): string | null {
  return ms === null ? null : formatTime(ms);
}
