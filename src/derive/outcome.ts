import type { Outcome } from "../types.js";
import type { PodObservation, WatchType } from "../records.js";
import { PROGRESS_WAITING_REASONS } from "./failures.js";

type ResolvedObservation = PodObservation & { readonly resolvedType: WatchType };

/**
 * The pod's state at the end of the capture (docs/spec.md §6.5): `Deleted` when
 * a record shows it gone (see `deletionRecord`), `Terminating` when its
 * deletion was requested and not seen to finish, else its last phase.
 */
export function deriveOutcome(observations: readonly ResolvedObservation[], deleted: boolean): Outcome {
  if (deleted) return "Deleted";
  const last = observations[observations.length - 1];
  if (last?.deletionTimestamp !== null && last?.deletionTimestamp !== undefined) return "Terminating";
  switch (last?.phase) {
    case "Succeeded":
      return "Succeeded";
    case "Failed":
      return "Failed";
    case "Pending":
      return "Pending";
    case "Running":
      return last.conditions.some((c) => c.type === "Ready" && c.status === "True") ? "Ready" : "Running";
    default:
      return "Unknown";
  }
}

/**
 * What held a pod that never became ready and did not end: a PodScheduled=False
 * reason; else a failure waiting reason (init containers first); else a
 * progress waiting reason; else the Ready condition's reason.
 */
export function deriveStuckIn(observations: readonly ResolvedObservation[], outcome: Outcome, everReady: boolean): string | null {
  if (everReady || outcome === "Succeeded" || outcome === "Failed" || outcome === "Deleted") return null;
  const last = observations[observations.length - 1];
  if (last === undefined) return null;
  // A pod being deleted after it ended (held by a finalizer) is not stuck starting.
  if (outcome === "Terminating" && (last.phase === "Succeeded" || last.phase === "Failed")) return null;
  const scheduled = last.conditions.find((c) => c.type === "PodScheduled");
  if (scheduled?.status === "False" && scheduled.reason !== null) return scheduled.reason;
  const waiting = last.containers.flatMap((c) => (c.state.kind === "waiting" && c.state.reason !== null ? [c.state.reason] : []));
  // `containers` lists init containers first, so the first match honours "init before regular".
  const failing = waiting.find((r) => !PROGRESS_WAITING_REASONS.has(r));
  if (failing !== undefined) return failing;
  if (waiting[0] !== undefined) return waiting[0];
  return last.conditions.find((c) => c.type === "Ready" && c.status !== "True")?.reason ?? null;
}
