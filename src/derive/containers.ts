import type { ContainerReport, EpochMs } from "../types.js";
import type { PodHistory } from "../reconstruct/podHistory.js";
import type { ContainerPull } from "./imagePulls.js";
import { containerKey, terminationKey, type TerminatedState } from "./podView.js";
import { compareText } from "../compareText.js";

/**
 * Per-container facts: image, first start, restarts with the terminations
 * behind them (those seen in `lastState`), and the first image pull.
 */
export function deriveContainers(
  history: PodHistory,
  starts: ReadonlyMap<string, EpochMs>,
  pulls: ReadonlyMap<string, ContainerPull>,
): ContainerReport[] {
  const order: { name: string; init: boolean; image: string | null }[] = [];
  const index = new Map<string, number>();
  const note = (c: { name: string; init: boolean; image: string | null }): void => {
    const key = containerKey(c);
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, order.length);
      order.push({ ...c });
    } else if (c.image !== null) {
      order[at]!.image = c.image;
    }
  };
  for (const c of history.meta.specContainers) note(c);
  for (const obs of history.observations) for (const c of obs.containers) note(c);
  for (const key of pulls.keys()) {
    if (!index.has(key)) note({ name: key.slice(key.indexOf("/") + 1), init: key.startsWith("init/"), image: null });
  }

  const restarts = new Map<string, number>();
  const behind = new Map<string, Map<string, TerminatedState>>();
  for (const obs of history.observations) {
    for (const c of obs.containers) {
      const key = containerKey(c);
      restarts.set(key, Math.max(restarts.get(key) ?? 0, c.restartCount));
      if (c.lastState?.kind === "terminated") {
        let seen = behind.get(key);
        if (seen === undefined) {
          seen = new Map();
          behind.set(key, seen);
        }
        seen.set(terminationKey(c.name, c.lastState), c.lastState);
      }
    }
  }

  // Init containers first, then regular ones, each in the order first seen.
  const sorted = [...order.filter((c) => c.init), ...order.filter((c) => !c.init)];
  return sorted.map((c) => {
    const key = containerKey(c);
    const pull = pulls.get(key);
    return {
      name: c.name,
      init: c.init,
      image: c.image,
      imagePullMs: pull?.wallMs === null || pull === undefined ? null : Math.round(pull.wallMs),
      cached: pull === undefined ? null : pull.cached,
      firstStartedAt: starts.get(key) ?? null,
      restarts: restarts.get(key) ?? 0,
      restartReasons: summarizeTerminations([...(behind.get(key)?.values() ?? [])]),
    };
  });
}

function summarizeTerminations(terminations: readonly TerminatedState[]): ContainerReport["restartReasons"] {
  const counts = new Map<string, { reason: string; exitCode: number | null; count: number }>();
  for (const t of terminations) {
    const reason = t.reason ?? (t.exitCode === 0 ? "Completed" : "Error");
    const key = `${reason}\u0000${t.exitCode ?? ""}`;
    const entry = counts.get(key);
    if (entry === undefined) counts.set(key, { reason, exitCode: t.exitCode, count: 1 });
    else entry.count++;
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || compareText(a.reason, b.reason) || (a.exitCode ?? -1) - (b.exitCode ?? -1));
}

/**
 * Sum over init containers of their first successful run (finishedAt − startedAt);
 * 0 without init containers; null when one's successful run was not seen.
 */
export function initRunTime(history: PodHistory): number | null {
  const runs = new Map<string, { startedAt: EpochMs; finishedAt: EpochMs }>();
  const inits = new Set<string>();
  for (const c of history.meta.specContainers) if (c.init) inits.add(c.name);
  for (const obs of history.observations) {
    for (const c of obs.containers) {
      if (!c.init) continue;
      inits.add(c.name);
      for (const s of [c.state, c.lastState]) {
        if (s?.kind !== "terminated" || s.exitCode !== 0 || s.startedAt === null || s.finishedAt === null) continue;
        const known = runs.get(c.name);
        if (known === undefined || s.startedAt < known.startedAt) runs.set(c.name, { startedAt: s.startedAt, finishedAt: s.finishedAt });
      }
    }
  }
  let total = 0;
  for (const name of inits) {
    const run = runs.get(name);
    if (run === undefined) return null;
    total += Math.max(0, run.finishedAt - run.startedAt);
  }
  return total;
}
