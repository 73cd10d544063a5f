/**
 * Kubernetes' strategic merge patch (the `application/strategic-merge-patch+json`
 * the kubelet sends to `pods/status`), for the fields of a pod's status
 * podtrail reads. No npm package applies these patches (the clients send
 * them; the API server applies them, in Go), so it is written here, after
 * k8s.io/apimachinery/pkg/util/strategicpatch:
 *
 * - objects merge key by key; a `null` value removes its key;
 * - lists with a merge key (`conditions` by `type`, container statuses by
 *   `name`, ...) merge item by item: an item whose key the original has is
 *   merged into it, a new one is appended, `{"<key>": ..., "$patch":
 *   "delete"}` removes one; `$setElementOrder/<list>` orders the result
 *   (items it does not name keep their order, after those it names);
 * - other lists are replaced whole;
 * - `"$patch": "replace"` replaces an object (or, as an item, the whole
 *   list), `"$patch": "delete"` removes an object, `$retainKeys` keeps only
 *   the keys it names, `$deleteFromPrimitiveList/<list>` removes values.
 *
 * Inputs are never changed: the result shares what it did not change.
 */

type Json = unknown;
type JsonMap = Readonly<Record<string, unknown>>;

/** The merge key of each list of a pod's status that merges by key (the others are replaced). */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  conditions: "type",
  containerStatuses: "name",
  initContainerStatuses: "name",
  ephemeralContainerStatuses: "name",
  podIPs: "ip",
  hostIPs: "ip",
  resourceClaimStatuses: "name",
  volumeMounts: "mountPath",
};

const ORDER = "$setElementOrder/";
const DELETE_FROM = "$deleteFromPrimitiveList/";

/** `patch` applied to `original`; undefined when the patch deletes it. */
export function strategicMerge(original: Json, patch: Json): Json {
  if (!isMap(patch)) return patch;
  if (patch["$patch"] === "delete") return undefined;
  if (patch["$patch"] === "replace") return withoutDirectives(patch);
  const out: Record<string, unknown> = isMap(original) ? { ...original } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === "$patch" || key === "$retainKeys" || key.startsWith(ORDER)) continue;
    if (key.startsWith(DELETE_FROM)) {
      const list = key.slice(DELETE_FROM.length);
      const current = out[list];
      if (Array.isArray(current) && Array.isArray(value)) out[list] = current.filter((v) => !value.includes(v));
      continue;
    }
    if (value === null) {
      delete out[key];
      continue;
    }
    const mergeKey = MERGE_KEYS[key];
    if (Array.isArray(value) && mergeKey !== undefined) out[key] = mergeList(out[key], value, mergeKey);
    else if (isMap(value)) {
      const merged = strategicMerge(out[key], value);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    } else out[key] = value;
  }
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(ORDER) || !Array.isArray(order)) continue;
    const list = key.slice(ORDER.length);
    const mergeKey = MERGE_KEYS[list];
    const current = out[list];
    if (mergeKey !== undefined && Array.isArray(current)) out[list] = ordered(current, order, mergeKey);
  }
  const retain = patch["$retainKeys"];
  if (Array.isArray(retain)) for (const key of Object.keys(out)) if (!retain.includes(key)) delete out[key];
  return out;
}

function mergeList(original: Json, patch: readonly Json[], mergeKey: string): Json[] {
  if (patch.some((item) => isMap(item) && item["$patch"] === "replace")) {
    return patch.filter((item) => !(isMap(item) && item["$patch"] === "replace")).map((item) => (isMap(item) ? withoutDirectives(item) : item));
  }
  const out: Json[] = Array.isArray(original) ? [...original] : [];
  for (const item of patch) {
    if (!isMap(item) || item[mergeKey] === undefined) {
      out.push(item);
      continue;
    }
    const at = out.findIndex((o) => isMap(o) && o[mergeKey] === item[mergeKey]);
    if (item["$patch"] === "delete") {
      if (at >= 0) out.splice(at, 1);
      continue;
    }
    if (at < 0) out.push(withoutDirectives(item));
    else {
      const merged = strategicMerge(out[at], item);
      if (merged === undefined) out.splice(at, 1);
      else out[at] = merged;
    }
  }
  return out;
}

/** The items in the order `$setElementOrder` gives; those it does not name after, as they were. */
function ordered(items: readonly Json[], order: readonly Json[], mergeKey: string): Json[] {
  const rank = new Map<unknown, number>();
  order.forEach((o, i) => {
    if (isMap(o) && o[mergeKey] !== undefined && !rank.has(o[mergeKey])) rank.set(o[mergeKey], i);
  });
  const rankOf = (item: Json, i: number): number => {
    const r = isMap(item) ? rank.get(item[mergeKey]) : undefined;
    return r ?? order.length + i;
  };
  return items
    .map((item, i) => ({ item, r: rankOf(item, i) }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.item);
}

function withoutDirectives(map: JsonMap): JsonMap {
  if (!Object.keys(map).some((k) => k.startsWith("$"))) return map;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(map)) if (!k.startsWith("$")) out[k] = v;
  return out;
}

function isMap(value: Json): value is JsonMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
