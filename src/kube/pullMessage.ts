/**
 * Kubelet image-pull event messages (docs/spec.md §5), across versions:
 *
 * - `Pulling image "IMG"` (before 1.14: `pulling image "IMG"`);
 * - `Successfully pulled image "IMG"` (before 1.19),
 *   `... in D` (1.19-1.25), `... in D (W including waiting)` (1.26-1.29),
 *   `... in D (W including waiting). Image size: N bytes.` (1.30 on);
 * - `Container image "IMG" already present on machine`
 *   (newer: `... and can be accessed by the pod`).
 *
 * IMG is Go `%q` text; D and W are Go durations.
 */
import { parseGoDuration } from "./goDuration.js";
import { readGoQuoted } from "./goQuoted.js";

/** What a `Pulling` or `Pulled` event says about an image pull. */
export type PullMessage =
  | { readonly kind: "pulling"; readonly image: string }
  | {
      readonly kind: "pulled";
      readonly image: string;
      /** D: the runtime's pull time; null when the message has none (before 1.19) or it is malformed. */
      readonly pullMs: number | null;
      /** W: D plus the wait behind the serial image puller (1.26 on). */
      readonly wallMs: number | null;
      /** N of `Image size: N bytes.` (1.30 on). */
      readonly imageBytes: number | null;
    }
  | { readonly kind: "cached"; readonly image: string };

const PULLING_PREFIXES = ["Pulling image ", "pulling image "] as const;
const PULLED_PREFIX = "Successfully pulled image ";
const CACHED_PREFIX = "Container image ";
const CACHED_SUFFIXES = [" already present on machine", " already present on machine and can be accessed by the pod"];
/** After the image of a completed pull: ` in D`, then optionally ` (W including waiting)`, then `. Image size: N bytes.` */
const PULLED_TAIL = /^ in (\S+?)(?: \((\S+?) including waiting\)(?:\. Image size: (\d+) bytes\.)?)?$/;

/**
 * Parses the message of a kubelet `Pulling` or `Pulled` event. Returns null
 * for other reasons and for messages of none of the known shapes. A `Pulled`
 * message naming its image but with an unrecognized tail is still a completed
 * pull, with null figures (the caller falls back to event times).
 */
export function parsePullMessage(reason: string | null, message: string | null): PullMessage | null {
  if (message === null) return null;
  const text = message.trim();
  if (reason === "Pulling") {
    for (const prefix of PULLING_PREFIXES) {
      if (!text.startsWith(prefix)) continue;
      const quoted = readGoQuoted(text, prefix.length);
      if (quoted !== null && quoted.end === text.length) return { kind: "pulling", image: quoted.value };
    }
    return null;
  }
  if (reason !== "Pulled") return null;

  if (text.startsWith(CACHED_PREFIX)) {
    const quoted = readGoQuoted(text, CACHED_PREFIX.length);
    if (quoted === null) return null;
    const rest = text.slice(quoted.end);
    return CACHED_SUFFIXES.includes(rest) ? { kind: "cached", image: quoted.value } : null;
  }
  if (!text.startsWith(PULLED_PREFIX)) return null;
  const quoted = readGoQuoted(text, PULLED_PREFIX.length);
  if (quoted === null) return null;
  const image = quoted.value;
  const rest = text.slice(quoted.end);
  const tail = PULLED_TAIL.exec(rest);
  if (tail === null) return { kind: "pulled", image, pullMs: null, wallMs: null, imageBytes: null };
  const pullMs = parseGoDuration(tail[1] ?? "");
  const wallMs = tail[2] === undefined ? null : parseGoDuration(tail[2]);
  const bytes = tail[3] === undefined ? null : Number(tail[3]);
  const imageBytes = bytes !== null && Number.isSafeInteger(bytes) ? bytes : null;
  return { kind: "pulled", image, pullMs, wallMs, imageBytes };
}

/**
 * Wall time of a pull per docs/spec.md §5: W when present, else D; 0 for an
 * image already present; null when the message carries no duration (the
 * caller then uses Pulled time − Pulling time) and for `pulling`.
 */
export function pullWallMs(pull: PullMessage): number | null {
  switch (pull.kind) {
    case "cached":
      return 0;
    case "pulled":
      return pull.wallMs ?? pull.pullMs;
    case "pulling":
      return null;
  }
}
