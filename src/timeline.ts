import type { Interruption, PodReport } from "./types.js";
import type { InputSource } from "./input/index.js";
import { readCapture, type ReadOptions } from "./analyze.js";
import { matchEvents } from "./reconstruct/matchEvents.js";
import { derivePod } from "./derive/derivePod.js";
import type { DeriveContext } from "./derive/deletion.js";
import { deriveTimeline, stageSpans, type StageSpan, type TimelineEntry } from "./derive/timeline.js";
import { matchesPod } from "./summarize/podFilter.js";
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
export async function timeline(
  query: string,
  inputs: readonly string[] | readonly InputSource[],
  options: ReadOptions & { readonly namespaces?: readonly string[] } = {},
): Promise<PodTimeline> {
  const { reconstruction, interrupted } = await readCapture(inputs, options);
  const contents = reconstruction.finish();
  const context: DeriveContext = { snapshotInputs: new Set(contents.inputs.filter((i) => i.format === "list").map((i) => i.name)) };
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
    const names = matches.slice(0, 5).map(({ meta }) => `${meta.namespace}/${meta.name} (uid ${meta.uid ?? "?"})`);
    throw new UserError(`'${query}' matches ${matches.length} pods: ${names.join(", ")}${matches.length > 5 ? ", ..." : ""}; give a uid or -n NAMESPACE`);
  }
  const source = matches[0]!;
  const history = source.finish();
  const events = eventsByPod.get(source.key) ?? [];
  const { pod } = derivePod(history, events, context);
  return { pod, entries: deriveTimeline(history, events, context), spans: stageSpans(pod), interrupted };
}
