import type { Report, Stage, Summary } from "../types.js";

/*
 * `-o clusterloader2`: the PodStartupLatency result of clusterloader2 as
 * its `PerfData` JSON (`{version, dataItems: [{data, unit, labels}]}`),
 * which perfdash and the tools that compare clusterloader2 runs read.
 * clusterloader2 writes one document per run for all pods, one for
 * stateless and one for stateful pods; podtrail writes the report's in one
 * document, and with `--group-by` (`storage` gives clusterloader2's split)
 * each group's items too, labelled by the grouping.
 *
 * Percentiles are nearest rank in both; values are milliseconds. The
 * transitions and the podtrail stage each comes from are in docs/outputs.md,
 * with `run_to_watch`, which cannot be filled: it is the delay of
 * clusterloader2's own watch, which no capture records (0 by construction
 * in current clusterloader2).
 */

/** clusterloader2's transition names, in its documentation's order, and the podtrail stage that measures each. */
const TRANSITIONS = [
  ["create_to_schedule", "scheduling"],
  ["schedule_to_run", "scheduledToRunning"],
  ["schedule_to_watch", "scheduledToRunning"],
  ["create_to_run", "createdToContainersStarted"],
  ["pod_startup", "createdToContainersStarted"],
] as const satisfies readonly (readonly [string, Stage])[];

interface DataItem {
  readonly data: { readonly Perc50: number; readonly Perc90: number; readonly Perc99: number };
  readonly unit: "ms";
  readonly labels: Readonly<Record<string, string>>;
}

function items(summary: Summary, extra: Readonly<Record<string, string>>): DataItem[] {
  return TRANSITIONS.flatMap(([metric, stage]) => {
    const s = summary.stages[stage];
    if (s.count === 0) return [];
    return [{ data: { Perc50: s.p50!, Perc90: s.p90!, Perc99: s.p99! }, unit: "ms" as const, labels: { Metric: metric, ...extra } }];
  });
}

export function clusterloader2PerfData(report: Report): { readonly version: "1.0"; readonly dataItems: readonly DataItem[] } {
  const by = report.groupBy;
  return {
    version: "1.0",
    dataItems: [...items(report.summary, {}), ...(by === null ? [] : report.groups.flatMap((g) => items(g.summary, { [by]: g.group })))],
  };
}

export function renderClusterloader2(report: Report): string {
  return `${JSON.stringify(clusterloader2PerfData(report), null, 2)}\n`;
}
