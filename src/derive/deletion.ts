import type { EpochMs } from "../types.js";
import type { HistoryObservation, PodHistory } from "../reconstruct/podHistory.js";

/** What derive needs to know about the inputs a pod's records came from. */
export interface DeriveContext {
  /** Inputs that are one-time snapshots (`List`s): an object in one still existed when it was taken. */
  readonly snapshotInputs: ReadonlySet<string>;
}

export const NO_CONTEXT: DeriveContext = { snapshotInputs: new Set() };

/**
 * Formats that hold one-time snapshots: a List (`kubectl get -o json`), and
 * YAML, which kubectl writes for `get -o yaml` and must-gather for its
 * inspections (a watch in YAML is not a thing people keep).
 */
const SNAPSHOT_FORMATS: ReadonlySet<string> = new Set(["list", "yaml"]);

/** The context of a run's inputs. */
export function deriveContext(inputs: readonly { readonly name: string; readonly format: string | null }[]): DeriveContext {
  return { snapshotInputs: new Set(inputs.filter((i) => i.format !== null && SNAPSHOT_FORMATS.has(i.format)).map((i) => i.name)) };
}

/**
 * The record that shows the pod gone, if any: a DELETED watch event; or, in
 * an untyped stream (`kubectl get -w` without event types, arrays of
 * snapshots), the object the reconstruction took for the deletion (being
 * deleted, every container terminated) when nothing says it was still
 * there. An item of a List was there when the List was taken; finalizers
 * keep an object in the API after its containers stop; and the kubelet's
 * last word on a pod is its delete with grace period 0, so an object still
 * carrying its grace period is one whose kubelet has not let it go yet.
 * Without a grace period (hand-trimmed captures) the object is taken for
 * the deletion, as before.
 */
export function deletionRecord(history: PodHistory, context: DeriveContext): HistoryObservation | null {
  const gone = history.observations.findLast((o) => o.resolvedType === "DELETED");
  if (gone === undefined) return null;
  if (gone.type === "DELETED") return gone;
  const typed = history.observations.findLast((o) => o.type === "DELETED");
  if (typed !== undefined) return typed;
  const meta = history.meta;
  if (context.snapshotInputs.has(gone.loc.input)) return null;
  if ((meta.finalizers ?? []).length > 0) return null;
  const grace = meta.deletionGracePeriodSeconds ?? null;
  return grace === null || grace === 0 ? gone : null;
}

/** The deadline of the pod's deletion: the first deletionTimestamp seen (later ones only shorten it). */
export function deletionDeadline(history: PodHistory): EpochMs | null {
  return history.observations.find((o) => o.deletionTimestamp !== null)?.deletionTimestamp ?? null;
}
