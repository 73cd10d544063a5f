import type { Interruption, PodReport } from "./types.js";
import type { InputSource } from "./input/index.js";
import { readCapture, type ReadOptions } from "./analyze.js";
import { matchEvents } from "./reconstruct/matchEvents.js";
import { derivePod } from "./derive/derivePod.js";
import { deriveContext } from "./derive/deletion.js";
import { deriveTimeline, stageSpans, type StageSpan, type TimelineEntry } from "./derive/timeline.js";
import { matchesPod, type TimeBound } from "./summarize/podFilter.js";
import { formatTime } from "./kube/time.js";
import { UserError } from "./errors.js";

export interface PodTimeline {
  readonly pod: PodReport;
  readonly entries: readonly TimelineEntry[];
  readonly spans: readonly StageSpan[];
  /** Set when reading stopped before the end of the inputs (`ReadOptions.signal`, `timeLimitMs`). */
  readonly interrupted: Interruption | null;
}

/**
 * The evidence behind one pod's figures. `query` is a name, uid, or a unique
 * prefix of either (`namespace/name` or `namespaces` to disambiguate).
 */
export interface TimelineOptions {
  readonly namespaces?: readonly string[];
  /** Only entries at or after this time (absolute, or this long before the pod's last entry), as `kubectl events --since`. */
  readonly since?: TimeBound;
  /** Only events of these types (`Warning`, `Normal`; any case), as `kubectl events --types`: the transitions are left out then. */
  readonly types?: readonly string[];
}

export async function timeline(query: string, inputs: readonly string[] | readonly InputSource[], options: ReadOptions & TimelineOptions = {}): Promise<PodTimeline> {
  const { reconstruction, interrupted } = await readCapture(inputs, options);
  const contents = reconstruction.finish();
  const context = deriveContext(contents.inputs);
  const { pods, eventsByPod } = matchEvents(contents.takePods(), contents.events);
  // Chosen by identity first: only the one pod asked for is derived.
  const inNamespace = pods.flatMap((source) =>
    source !== undefined && (options.namespaces === undefined || options.namespaces.length === 0 || options.namespaces.includes(source.meta.namespace)) ? [source] : [],
  );
  // An exact name or uid wins over prefixes.
  const exact = inNamespace.filter(({ meta }) => meta.name === query || meta.uid === query || `${meta.namespace}/${meta.name}` === query);
  const matches = exact.length > 0 ? exact : inNamespace.filter(({ meta }) => matchesPod(meta, query));
  if (matches.length === 0) throw new UserError(`no pod matches '${query}' in the capture`);
  if (matches.length > 1) {
    const names = matches.slice(0, 5).map(({ meta }) => `${meta.namespace}/${meta.name} (uid ${meta.uid ?? "?"}${meta.created === null ? "" : `, created ${formatTime(meta.created)}`})`);
    // One namespace/name twice is a pod recreated under its name (a StatefulSet's): only its uid tells them apart.
    const sameName = new Set(matches.map(({ meta }) => `${meta.namespace}/${meta.name}`)).size === 1;
    const hint = sameName ? "give its uid (or a unique prefix of it)" : "give namespace/name, a uid or -n NAMESPACE";
    throw new UserError(`'${query}' matches ${matches.length} pods: ${names.join(", ")}${matches.length > 5 ? ", ..." : ""}; ${hint}`);
  }
  const source = matches[0]!;
  const history = source.finish();
  const events = eventsByPod.get(source.key) ?? [];
  const { pod } = derivePod(history, events, context);
  return { pod, entries: selectEntries(deriveTimeline(history, events, context), options), spans: stageSpans(pod), interrupted };
}

/** The entries `--since` and `--types` keep; an entry without a time goes with `--since` only when nothing else bounds it. */
function selectEntries(entries: readonly TimelineEntry[], options: TimelineOptions): TimelineEntry[] {
  const types = options.types === undefined || options.types.length === 0 ? null : new Set(options.types.map((t) => t.toLowerCase()));
  let since: number | null = null;
  if (options.since !== undefined) {
    if ("at" in options.since) since = options.since.at;
    else {
      let end: number | null = null;
      for (const e of entries) if (e.at !== null && (end === null || e.at > end)) end = e.at;
      since = end === null ? null : end - options.since.beforeEnd;
    }
  }
  return entries.filter((e) => {
    if (types !== null && (e.kind !== "event" || !types.has((e.type ?? "").toLowerCase()))) return false;
    if (since !== null && (e.at === null || e.at < since)) return false;
    return true;
  });
}
