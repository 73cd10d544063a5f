/**
 * The container an event is about, from `involvedObject.fieldPath` /
 * `regarding.fieldPath`. Kubelet writes `spec.containers{NAME}`,
 * `spec.initContainers{NAME}` or `spec.ephemeralContainers{NAME}`; messages
 * changed wording across versions, so the container never comes from them.
 */

/** A container named by an event's fieldPath. */
export interface FieldPathContainer {
  readonly name: string;
  /** True for `spec.initContainers{...}`. */
  readonly init: boolean;
  /** True for `spec.ephemeralContainers{...}` (debug containers; not init). */
  readonly ephemeral: boolean;
}

const FIELD_PATH = /^spec\.(containers|initContainers|ephemeralContainers)\{([^{}]+)\}$/;

/**
 * Parses `spec.containers{NAME}`, `spec.initContainers{NAME}` and
 * `spec.ephemeralContainers{NAME}`; null for anything else (no fieldPath, a
 * pod-level event, kubelet's `implicitly required container POD`).
 */
export function containerFromFieldPath(fp: string | null): FieldPathContainer | null {
  if (fp === null) return null;
  const m = FIELD_PATH.exec(fp.trim());
  if (m === null) return null;
  const list = m[1];
  const name = m[2] ?? "";
  return { name, init: list === "initContainers", ephemeral: list === "ephemeralContainers" };
}
