/** Reads the page's embedded data (pageData.ts) into one `PagePod` per pod. */
import { FAILURE_CATEGORIES, OUTCOMES, STAGES, TIMESTAMP_NAMES, type DurationBound, type Stage, type TimestampName } from "../../../types.js";
import type { PageCause, PageData, PagePod, Str, WireCause, WirePod } from "../pageData.js";

/** The pods of the page, in the data's order (slowest first). Throws on data no podtrail wrote. */
export function decodePods(data: PageData): PagePod[] {
  const s = (i: Str): string => {
    const v = data.strings[i];
    if (v === undefined) throw new Error(`podtrail page: string ${i} is missing`);
    return v;
  };
  const opt = (i: Str | null | undefined): string | null => (i === null || i === undefined ? null : s(i));
  const cause = (c: WireCause): PageCause => ({ reason: s(c[0]), container: opt(c[1]), message: opt(c[2]), exitCode: c[3], at: c[4] });
  return data.pods.map((p: WirePod, rank): PagePod => {
    const t = byName(TIMESTAMP_NAMES, (i) => p.t[i] ?? null);
    const notAfter: Partial<Record<TimestampName, number>> = {};
    for (const [i, v] of p.na ?? []) notAfter[TIMESTAMP_NAMES[i]!] = v;
    const bounds: Partial<Record<Stage, DurationBound>> = {};
    for (const [i, kind, ms] of p.b ?? []) bounds[STAGES[i]!] = kind === 0 ? { atMost: ms } : { atLeast: ms };
    const nr = p.nr;
    return {
      ns: s(p.s),
      name: p.n,
      uid: p.u ?? null,
      node: opt(p.node),
      owner: opt(p.own),
      outcome: OUTCOMES[p.o] ?? "Unknown",
      stuckIn: opt(p.st),
      partial: p.pa === 1,
      rank,
      slow: p.sl ?? null,
      t,
      notAfter,
      end: t.deleted ?? t.finished ?? data.end,
      d: byName(STAGES, (i) => p.d[i] ?? null),
      bounds,
      phases: pairs(p.ph ?? []).map(([phase, at]) => ({ phase: s(phase ?? -1), at })),
      failures: (p.f ?? []).map((f) => ({ reason: s(f[0]), category: FAILURE_CATEGORIES[f[1]] ?? "other", container: opt(f[2]), count: f[3], first: f[4], last: f[5], message: opt(f[6]), exitCodes: f[7] })),
      containers: (p.c ?? []).map((c) => ({
        name: s(c[0]),
        init: c[1] === 1,
        image: opt(c[2]),
        pullMs: c[3],
        cached: c[4] === null ? null : c[4] === 1,
        restarts: c[5],
        firstStarted: c[6],
        restartReasons: c[7].map(([reason, exitCode, count]) => ({ reason: s(reason), exitCode, count })),
      })),
      notReady: nr === undefined ? null : { reason: s(nr[0]), container: opt(nr[1]), message: opt(nr[2]), exitCode: nr[3], since: nr[4], wasReady: nr[5] === 1, cause: nr[6] === null ? null : cause(nr[6]) },
    };
  });
}

function pairs<T>(flat: readonly T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

function byName<K extends string, V>(names: readonly K[], f: (i: number) => V): Record<K, V> {
  const out = {} as Record<K, V>;
  names.forEach((n, i) => {
    out[n] = f(i);
  });
  return out;
}
