import type { GroupBy, GroupSummary, ImagePulls, PodReport } from "../types.js";
import { summarize, type SummaryOptions } from "./summarize.js";
import { summarizeValues } from "./percentiles.js";
import { compareText } from "../compareText.js";
import { tellsCause } from "../derive/atEnd.js";

/**
 * The groups a pod belongs to: one, except with `image`, where a pod is in
 * the group of each distinct image its containers (init ones too) run.
 * `(none)` for pods without a node or owner, `(unknown)` for pods whose spec
 * no record had and for containers without an image.
 */
/** What grouping reads of a pod: a PodReport, or a pod of a JSON report read back (`compare`). */
export type Groupable = Pick<PodReport, "namespace" | "node" | "owner" | "stateful"> & { readonly containers: readonly { readonly image: string | null }[] };

export function groupsOf(pod: Groupable, by: GroupBy): string[] {
  switch (by) {
    case "namespace":
      return [pod.namespace];
    case "node":
      return [pod.node ?? "(none)"];
    case "owner":
      return [pod.owner ?? "(none)"];
    case "storage":
      return [pod.stateful === null ? "(unknown)" : pod.stateful ? "stateful" : "stateless"];
    case "image": {
      const images = [...new Set(pod.containers.map((c) => c.image ?? "(unknown)"))].sort(compareText);
      return images.length === 0 ? ["(unknown)"] : images;
    }
  }
}

/** The group of a pod for the groupings that give one; for `image`, its images joined by `, `. */
export function groupOf(pod: Groupable, by: GroupBy): string {
  return groupsOf(pod, by).join(", ");
}

/** The pods of each group, in the order given, in one pass (with `image`, a pod is in each of its images' groups). */
export function podsByGroup<P extends Groupable>(pods: readonly P[], by: GroupBy): Map<string, P[]> {
  const groups = new Map<string, P[]>();
  for (const p of pods) {
    for (const key of groupsOf(p, by)) {
      const list = groups.get(key);
      if (list === undefined) groups.set(key, [p]);
      else list.push(p);
    }
  }
  return groups;
}

/** Stage and failure summaries per group, groups in name order. */
export function summarizeGroups(pods: readonly PodReport[], by: GroupBy, options: SummaryOptions = {}): GroupSummary[] {
  const groups = podsByGroup(pods, by);
  return [...groups.keys()].sort(compareText).map((group) => {
    const members = groups.get(group)!;
    return {
      group,
      summary: summarize(members, options),
      notReadyAtEnd: members.filter((p) => p.notReadyAtEnd !== null).length,
      imagePulls: by === "image" ? imagePulls(members, group) : null,
    };
  });
}

/** Pulls and pull failures of the containers of `pods` that run `image` (`(unknown)`: containers without one). */
function imagePulls(pods: readonly PodReport[], image: string): ImagePulls {
  let containers = 0;
  let cached = 0;
  let failures = 0;
  let failedPods = 0;
  let lastFailure: { message: string; at: number } | null = null;
  const pulls: number[] = [];
  for (const p of pods) {
    const names = new Set<string>();
    for (const c of p.containers) {
      if ((c.image ?? "(unknown)") !== image) continue;
      containers++;
      names.add(c.name);
      if (c.cached === true) cached++;
      if (c.imagePullMs !== null) pulls.push(c.imagePullMs);
    }
    let failed = false;
    for (const f of p.failures) {
      if (f.category !== "image" || f.container === null || !names.has(f.container)) continue;
      failed = true;
      failures += f.count;
      // The latest message; a failure without a time is older than any with one, and the first of equals stands.
      const at = f.lastSeen ?? -Infinity;
      if (tellsCause(f) && (lastFailure === null || at > lastFailure.at)) lastFailure = { message: f.message, at };
    }
    if (failed) failedPods++;
  }
  return { containers, cached, pullMs: summarizeValues(pulls), failures, failedPods, lastFailure: lastFailure?.message ?? null };
}
