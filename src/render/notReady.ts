import type { NotReadyAtEnd, NotReadyCause, PodReport, Report } from "../types.js";
import { formatTime } from "../kube/time.js";
import { compareText } from "../compareText.js";

/*
 * The pods that were not Ready when the capture ended, as every report
 * lists them (docs/spec.md §6.7).
 */

export type NotReadyPod = PodReport & { readonly notReadyAtEnd: NotReadyAtEnd };

/**
 * The pods not Ready when the capture ended (`PodReport.notReadyAtEnd`),
 * the most common reason first: by how many pods show their reason, then
 * reason, namespace, name and uid. Every report lists them in this order.
 */
export function notReadyPods(report: Pick<Report, "pods">): NotReadyPod[] {
  const pods = report.pods.filter((p): p is NotReadyPod => p.notReadyAtEnd !== null);
  const counts = new Map<string, number>();
  for (const p of pods) counts.set(p.notReadyAtEnd.reason, (counts.get(p.notReadyAtEnd.reason) ?? 0) + 1);
  return pods.sort(
    (a, b) =>
      counts.get(b.notReadyAtEnd.reason)! - counts.get(a.notReadyAtEnd.reason)! ||
      compareText(a.notReadyAtEnd.reason, b.notReadyAtEnd.reason) ||
      compareText(a.namespace, b.namespace) ||
      compareText(a.name, b.name) ||
      compareText(a.uid ?? "", b.uid ?? ""),
  );
}

/** `3 CrashLoopBackOff, 1 Unschedulable`: the reasons of `notReadyPods`, with their counts, in its order. */
export function notReadyReasons(pods: readonly { readonly notReadyAtEnd: NotReadyAtEnd }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const p of pods) counts.set(p.notReadyAtEnd.reason, (counts.get(p.notReadyAtEnd.reason) ?? 0) + 1);
  return [...counts.entries()];
}

/** The failure behind a not-ready state, in words: `OOMKilled (exit 137) at 2024-...: message`. */
export function causeText(cause: NotReadyCause): string {
  const exit = cause.exitCode === null ? "" : ` (exit ${cause.exitCode})`;
  const container = cause.container === null ? "" : ` [${cause.container}]`;
  const at = cause.at === null ? "" : ` at ${formatTime(cause.at)}`;
  return `${cause.reason}${exit}${container}${at}${cause.message === null ? "" : `: ${cause.message}`}`;
}
