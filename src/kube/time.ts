import type { EpochMs } from "../types.js";
import { formattedDays, parsedTimes } from "../memo.js";

// RFC 3339 as Kubernetes writes it: 2024-05-01T10:00:01Z, 2024-05-01T10:00:01.123456Z,
// or with a numeric offset. Hand-written because Date.parse drops sub-millisecond digits
// and accepts many non-RFC shapes.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses a Kubernetes timestamp into epoch milliseconds, keeping microsecond
 * precision as a fraction. Null for absent, empty, zero (`0001-01-01T00:00:00Z`),
 * the Unix epoch itself (`1970-01-01T00:00:00Z`: what the kubelet writes for a
 * container time its runtime reported as 0, e.g. containerd's status of a
 * container it lost, reason Unknown) or malformed values.
 */
export function parseTime(value: unknown): EpochMs | null {
  if (typeof value !== "string") return null;
  const known = parsedTimes.get(value);
  if (known !== undefined) return known;
  const parsed = parseUncached(value);
  parsedTimes.set(value, parsed);
  return parsed;
}

function parseUncached(value: string): EpochMs | null {
  if (value.length < 20) return null;
  const m = RFC3339.exec(value);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (year <= 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return null; // Go's zero time means "not set"; the rest is malformed
  }
  let seconds = Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
  if (m[8] === undefined && m[9] !== undefined) {
    const offsetMinutes = Number(m[10]) * 60 + Number(m[11]);
    if (offsetMinutes > 23 * 60 + 59) return null;
    seconds -= (m[9] === "+" ? 1 : -1) * offsetMinutes * 60;
  }
  const fraction = m[7];
  // Integer microseconds stay exact below 2^53; one division gives the nearest double of the ms.
  const micros = fraction === undefined ? 0 : Number(fraction.slice(0, 6).padEnd(6, "0"));
  if (seconds === 0 && micros === 0) return null; // an unset time the runtime reported as 0
  return (seconds * 1_000_000 + micros) / 1000;
}

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
