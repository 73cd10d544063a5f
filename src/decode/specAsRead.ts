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
  if (!isPlainObject(spec)) return spec;
  const out: Record<string, unknown> = {};
  if ("nodeName" in spec) out["nodeName"] = spec["nodeName"];
  if ("initContainers" in spec) out["initContainers"] = containers(spec["initContainers"]);
  if ("containers" in spec) out["containers"] = containers(spec["containers"]);
  if ("volumes" in spec) out["volumes"] = volumes(spec["volumes"]);
  return out;
}

function containers(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item: unknown) => {
    if (!isPlainObject(item)) return item;
    const out: Record<string, unknown> = {};
    if ("name" in item) out["name"] = item["name"];
    if ("image" in item) out["image"] = item["image"];
    return out;
  });
}

/** A shared empty object stands for a volume source that is an object: only its being one is read. */
const SOURCE: Readonly<Record<string, never>> = Object.freeze({});

function volumes(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item: unknown) => {
    if (!isPlainObject(item)) return item;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(item)) out[key] = isPlainObject(v) ? SOURCE : v;
    return out;
  });
}

/**
 * A parsed record with its spec (its own, or its watch event's object's) as
 * read; the record itself is changed, as the parse that made it is the only
 * one holding it.
 */
export function recordWithSpecAsRead(record: unknown): unknown {
  if (!isPlainObject(record)) return record;
  const holder = record["spec"] !== undefined ? record : record["object"];
  if (isPlainObject(holder) && holder["spec"] !== undefined) holder["spec"] = specAsRead(holder["spec"]);
  return record;
}

/** A JSON object, as `json.ts`'s isObject (which this module cannot import: json.ts imports parseRecord.ts, which imports this), but writable. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
