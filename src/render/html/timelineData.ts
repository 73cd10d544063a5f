/**
 * The data the HTML report's timeline is drawn from (pageData.ts): every pod
 * of the report, slowest first, in the compact form the page embeds.
 */
import { FAILURE_CATEGORIES, OUTCOMES, STAGES, TIMESTAMP_NAMES, type EpochMs, type PodReport, type Report } from "../../types.js";
import { compareText } from "../../compareText.js";
import type { PageData, Rel, Str, WireContainer, WireFailure, WireNotReady, WirePod } from "./pageData.js";

/**
 * Created to ready; for a pod already ready when first seen, the most that can
 * have been; for a pod never ready, created to the end of what was seen of it (a lower bound).
 */
export function slowness(p: PodReport, spanEnd: EpochMs | null): number | null {
  if (p.durationsMs.startup !== null) return p.durationsMs.startup;
  const bound = p.boundsMs.startup;
  if (bound !== undefined && "atMost" in bound) return bound.atMost;
  const created = p.timestamps.created;
  const end = p.timestamps.deleted ?? p.timestamps.finished ?? spanEnd;
  return created === null || end === null ? null : Math.max(0, end - created);
}

/** Slowest first; pods without a figure last; namespace/name breaks ties. */
export function bySlowness(a: { slow: number | null; key: string }, b: { slow: number | null; key: string }): number {
  if (a.slow !== b.slow) {
    if (a.slow === null) return 1;
    if (b.slow === null) return -1;
    return b.slow - a.slow;
  }
  return compareText(a.key, b.key);
}

/**
 * Every pod of the report, slowest first (see `slowness`); null when no pod
 * has a time to place it at. Strings are numbered by how often the pods use
 * them, most used first, so that the indices the data repeats most are the
 * shortest.
 */
export function buildPageData(report: Report): PageData | null {
  const start = report.span.start ?? minOf(report.pods.map((p) => p.timestamps.created));
  if (start === null) return null;
  // A whole second: times stay whole numbers of ms (Kubernetes stamps are whole seconds) when the span starts at an event's microsecond time.
  const origin = Math.floor(start / 1000) * 1000;
  const keys = new Map<string, number>();
  for (const p of report.pods) keys.set(`${p.namespace}/${p.name}`, (keys.get(`${p.namespace}/${p.name}`) ?? 0) + 1);
  const ranked = report.pods.map((p) => ({ p, slow: slowness(p, report.span.end), key: `${p.namespace}/${p.name}` })).sort(bySlowness);
  const uses = new Map<string, number>();
  const counting = (s: string): Str => {
    uses.set(s, (uses.get(s) ?? 0) + 1);
    return 0;
  };
  for (const r of ranked) encodePod(r.p, r.slow, keys.get(r.key)! > 1, origin, counting);
  // Map order is first use: the tie-break, so that the order is the report's alone.
  const strings = [...uses.entries()].map(([s, n], first) => ({ s, n, first })).sort((a, b) => b.n - a.n || a.first - b.first).map((e) => e.s);
  const index = new Map(strings.map((s, i) => [s, i]));
  const str = (s: string): Str => index.get(s)!;
  const pods = ranked.map((r) => encodePod(r.p, r.slow, keys.get(r.key)! > 1, origin, str));
  return { origin, end: report.span.end === null ? null : report.span.end - origin, strings, pods };
}

/** One pod as the page's data holds it (pageData.ts `WirePod`); `str` numbers its strings. */
function encodePod(p: PodReport, slow: number | null, sharedName: boolean, origin: EpochMs, str: (s: string) => Str): WirePod {
  const opt = (s: string | null): Str | null => (s === null ? null : str(s));
  const rel = (t: EpochMs | null): Rel | null => (t === null ? null : t - origin);
  const n = p.notReadyAtEnd;
  const c = n?.cause ?? null;
  const notReady: WireNotReady | null =
    n === null ? null : [str(n.reason), opt(n.container), opt(n.message), n.exitCode, rel(n.since), n.wasReady ? 1 : 0, c === null ? null : [str(c.reason), opt(c.container), opt(c.message), c.exitCode, rel(c.at)]];
  const failures = p.failures.map((f): WireFailure => [str(f.reason), FAILURE_CATEGORIES.indexOf(f.category), opt(f.container), f.count, rel(f.firstSeen), rel(f.lastSeen), opt(f.message), f.exitCodes]);
  const containers = p.containers.map(
    (k): WireContainer => [str(k.name), k.init ? 1 : 0, opt(k.image), k.imagePullMs, k.cached === null ? null : k.cached ? 1 : 0, k.restarts, rel(k.firstStartedAt), k.restartReasons.map((r) => [str(r.reason), r.exitCode, r.count] as const)],
  );
  const notAfter = TIMESTAMP_NAMES.flatMap((name, i) => (p.notAfter[name] === undefined ? [] : [[i, p.notAfter[name]! - origin] as const]));
  const bounds = STAGES.flatMap((stage, i) => {
    const b = p.boundsMs[stage];
    return b === undefined ? [] : ["atMost" in b ? ([i, 0, b.atMost] as const) : ([i, 1, b.atLeast] as const)];
  });
  // Keys in one order, absent ones left out: the page's bytes depend on the report alone.
  return {
    s: str(p.namespace),
    n: p.name,
    ...(sharedName && p.uid !== null ? { u: p.uid } : {}),
    o: OUTCOMES.indexOf(p.outcome),
    ...(p.node === null ? {} : { node: str(p.node) }),
    ...(p.owner === null ? {} : { own: str(p.owner) }),
    ...(p.stuckIn === null ? {} : { st: str(p.stuckIn) }),
    ...(p.partial ? { pa: 1 as const } : {}),
    ...(slow === null ? {} : { sl: slow }),
    t: trimmed(TIMESTAMP_NAMES.map((name) => rel(p.timestamps[name]))),
    ...(notAfter.length === 0 ? {} : { na: notAfter }),
    d: trimmed(STAGES.map((stage) => p.durationsMs[stage])),
    ...(bounds.length === 0 ? {} : { b: bounds }),
    ...(p.phases.length === 0 ? {} : { ph: p.phases.flatMap((e) => [str(e.phase), rel(e.at)]) }),
    ...(failures.length === 0 ? {} : { f: failures }),
    ...(containers.length === 0 ? {} : { c: containers }),
    ...(notReady === null ? {} : { nr: notReady }),
  };
}

/** The list without its trailing nulls. */
function trimmed<T>(values: readonly (T | null)[]): (T | null)[] {
  let n = values.length;
  while (n > 0 && values[n - 1] === null) n--;
  return values.slice(0, n);
}

function minOf(values: readonly (number | null)[]): number | null {
  let min: number | null = null;
  for (const v of values) if (v !== null && (min === null || v < min)) min = v;
  return min;
}
