import type { GroupBy, GroupSummary, PodReport } from "../types.js";
import { summarize, type SummaryOptions } from "./summarize.js";
import { compareText } from "../compareText.js";

/** The group a pod belongs to; `(none)` for pods without a node or owner, `(unknown)` for pods whose spec no record had. */
export function groupOf(pod: Pick<PodReport, "namespace" | "node" | "owner" | "stateful">, by: GroupBy): string {
  switch (by) {
    case "namespace":
      return pod.namespace;
    case "node":
      return pod.node ?? "(none)";
    case "owner":
      return pod.owner ?? "(none)";
    case "storage":
      return pod.stateful === null ? "(unknown)" : pod.stateful ? "stateful" : "stateless";
  }
}

/** The pods of each group, in the order given, in one pass. */
export function podsByGroup<P extends Pick<PodReport, "namespace" | "node" | "owner" | "stateful">>(pods: readonly P[], by: GroupBy): Map<string, P[]> {
  const groups = new Map<string, P[]>();
  for (const p of pods) {
    const key = groupOf(p, by);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [p]);
    else list.push(p);
  }
  return groups;
}

/** Stage and failure summaries per group, groups in name order. */
export function summarizeGroups(pods: readonly PodReport[], by: GroupBy, options: SummaryOptions = {}): GroupSummary[] {
  const groups = podsByGroup(pods, by);
  return [...groups.keys()].sort(compareText).map((group) => ({ group, summary: summarize(groups.get(group)!, options) }));
}
