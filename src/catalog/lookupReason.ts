/**
 * From a reason string as found in a capture to its catalogue entry and
 * category.
 */
import type { FailureCategory } from "../types.js";
import { KNOWN_REASONS, type KnownReason, type ReasonInfo } from "./knownReasons.js";
import { REASONS } from "./reasonsEn.js";

export type ReasonMatch = ReasonInfo & { readonly reason: KnownReason };

const KNOWN = new Set<string>(KNOWN_REASONS);
const BY_LOWER = new Map<string, KnownReason>(KNOWN_REASONS.map((r) => [r.toLowerCase(), r]));

/** Kubelet admission reasons are `OutOf` + the resource name (OutOfnvidia.com/gpu...). */
const OUT_OF = /^outof\S+$/i;

/** `Error` followed by an exit code: `Error (exit code 137)`, `Error: 1`, `Error 143`, `Error(exit 2)`. */
const ERROR_WITH_CODE = /^error\s*[\s:(/#=,-]\s*(?:(?:exit\s*(?:code|status)?|exitcode|code)\s*[:=]?\s*)?(-?\d+)\s*\)?$/i;

export function isKnownReason(reason: string): reason is KnownReason {
  return KNOWN.has(reason);
}

/** The exit code of an `Error` reason written with its code (`Error (exit code 137)`), or null. */
export function parseErrorExitCode(reason: string): number | null {
  const m = ERROR_WITH_CODE.exec(reason.trim());
  return m?.[1] === undefined ? null : Number(m[1]);
}

/**
 * The known reason a string stands for: exact match, then case-insensitive,
 * then `OutOf<resource>` -> OutOfResource and `Error <code>` -> Error.
 */
export function resolveReason(reason: string): KnownReason | null {
  const trimmed = reason.trim();
  if (isKnownReason(trimmed)) return trimmed;
  const folded = BY_LOWER.get(trimmed.toLowerCase());
  if (folded !== undefined) return folded;
  if (OUT_OF.test(trimmed)) return "OutOfResource";
  if (parseErrorExitCode(trimmed) !== null) return "Error";
  return null;
}

/** The catalogue entry of a reason (see `resolveReason` for the matching), or null when unknown. */
export function lookupReason(reason: string): ReasonMatch | null {
  const known = resolveReason(reason);
  return known === null ? null : { ...REASONS[known], reason: known };
}

/**
 * The category of a reason. Known reasons use the catalogue; a few generic
 * event reasons (`BackOff`, `Failed`, `Killing`) are refined by their message
 * when one is given. Unknown reasons are classified by the words in their name.
 */
export function categoryOf(reason: string, message?: string | null): FailureCategory {
  const known = resolveReason(reason);
  if (known === null) return guessCategory(reason);
  return (message ? refineByMessage(known, message) : null) ?? REASONS[known].category;
}

function refineByMessage(reason: KnownReason, message: string): FailureCategory | null {
  switch (reason) {
    case "BackOff":
      return /pull|image/i.test(message) ? "image" : null;
    case "Failed":
      if (/image|pull/i.test(message)) return "image";
      return /configmap|secret/i.test(message) ? "config" : null;
    case "Killing":
      return /liveness probe|startup probe/i.test(message) ? "probe" : null;
    default:
      return null;
  }
}

/** Word-based rules for reasons podtrail does not know, first match wins. */
const HEURISTICS: readonly (readonly [RegExp, FailureCategory])[] = [
  [/image/i, "image"],
  [/mount|volume|attach/i, "storage"],
  [/sandbox|network|cni/i, "network"],
  [/schedul/i, "scheduling"],
  [/probe|unhealthy/i, "probe"],
  [/evict|node|preempt|taint/i, "node"],
  [/deadline/i, "deadline"],
  [/config/i, "config"],
  [/oom|crash|hook|backoff|container|exit/i, "runtime"],
];

function guessCategory(reason: string): FailureCategory {
  for (const [pattern, category] of HEURISTICS) {
    if (pattern.test(reason)) return category;
  }
  return "other";
}
