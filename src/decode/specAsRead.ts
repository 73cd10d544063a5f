/**
 * What podtrail reads of a pod's `spec`, and nothing else of it: the fields
 * `schemas/input/pod.schema.json` names (`nodeName`; each container's and
 * init container's `name` and `image`; whether each volume's source is an
 * object), each as the record has it, wrong types included, so normalizing
 * and the shape diagnostics see the same as in the whole spec.
 *
 * A spec is the largest part of a pod record JSON.parse makes, and the
 * decoder remembers parsed specs to share them between a pod's records
 * (`parseRecord.ts`): remembering only this much lets the rest die young
 * instead of being kept and moved by the collector (docs/performance.md).
 */
export function specAsRead(spec: unknown): unknown {
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) return spec;
  const s = spec as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if ("nodeName" in s) out["nodeName"] = s["nodeName"];
  if ("initContainers" in s) out["initContainers"] = containers(s["initContainers"]);
  if ("containers" in s) out["containers"] = containers(s["containers"]);
  if ("volumes" in s) out["volumes"] = volumes(s["volumes"]);
  return out;
}

function containers(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item: unknown) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) return item;
    const c = item as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    if ("name" in c) out["name"] = c["name"];
    if ("image" in c) out["image"] = c["image"];
    return out;
  });
}

/** A shared empty object stands for a volume source that is an object: only its being one is read. */
const SOURCE: Readonly<Record<string, never>> = Object.freeze({});

function volumes(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item: unknown) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) return item;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(item)) out[key] = typeof v === "object" && v !== null && !Array.isArray(v) ? SOURCE : v;
    return out;
  });
}

/**
 * A parsed record with its spec (its own, or its watch event's object's) as
 * read; the record itself is changed, as the parse that made it is the only
 * one holding it.
 */
export function recordWithSpecAsRead(record: unknown): unknown {
  if (typeof record !== "object" || record === null) return record;
  const r = record as Record<string, unknown>;
  const holder = r["spec"] !== undefined ? r : r["object"];
  if (typeof holder === "object" && holder !== null && !Array.isArray(holder) && (holder as Record<string, unknown>)["spec"] !== undefined) {
    const h = holder as Record<string, unknown>;
    h["spec"] = specAsRead(h["spec"]);
  }
  return record;
}
