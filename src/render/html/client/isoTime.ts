/**
 * A time as every podtrail report writes it (src/kube/time.ts `formatTime`):
 * RFC 3339 in UTC, `.mmm` or `.mmmuuu` only when the time has them. The page
 * gets times as ms since the data's origin and writes them with this; a test
 * holds it to `formatTime` for the same values.
 */
export function isoTime(ms: number): string {
  let whole = Math.floor(ms);
  let micros = Math.round((ms - whole) * 1000);
  if (micros === 1000) {
    whole += 1;
    micros = 0;
  }
  const seconds = new Date(whole - (((whole % 1000) + 1000) % 1000)).toISOString().slice(0, 19);
  const millis = String(((whole % 1000) + 1000) % 1000).padStart(3, "0");
  if (micros !== 0) return `${seconds}.${millis}${String(micros).padStart(3, "0")}Z`;
  if (millis !== "000") return `${seconds}.${millis}Z`;
  return `${seconds}Z`;
}
