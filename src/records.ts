/**
 * The records that flow from normalize through reconstruct to derive: compact,
 * typed, with their location. Internal to podtrail (the public report types
 * are in `types.ts`).
 */
import type { EpochMs, Location } from "./types.js";

export type WatchType = "ADDED" | "MODIFIED" | "DELETED";
/** `UNTYPED`: a bare object from `kubectl get -w -o json` or a list/array item. */
export type ObservationType = WatchType | "UNTYPED";

export type ContainerState =
  | { readonly kind: "waiting"; readonly reason: string | null; readonly message: string | null }
  | { readonly kind: "running"; readonly startedAt: EpochMs | null }
  | {
      readonly kind: "terminated";
      readonly reason: string | null;
      readonly message: string | null;
      readonly exitCode: number | null;
      readonly signal: number | null;
      readonly startedAt: EpochMs | null;
      readonly finishedAt: EpochMs | null;
      readonly containerID: string | null;
    }
  | { readonly kind: "unknown" };

export interface ContainerObservation {
  readonly name: string;
  readonly init: boolean;
  readonly image: string | null;
  readonly ready: boolean | null;
  readonly restartCount: number;
  readonly state: ContainerState;
  readonly lastState: ContainerState | null;
  readonly containerID: string | null;
}

export interface ConditionObservation {
  readonly type: string;
  readonly status: string;
  readonly reason: string | null;
  readonly message: string | null;
  readonly lastTransitionTime: EpochMs | null;
}

/** What one pod record tells about the pod's status: compact, no spec. */
export interface PodObservation {
  readonly type: ObservationType;
  readonly resourceVersion: string | null;
  readonly phase: string | null;
  readonly reason: string | null;
  readonly message: string | null;
  readonly nodeName: string | null;
  readonly deletionTimestamp: EpochMs | null;
  readonly conditions: readonly ConditionObservation[];
  /** Init containers first, in spec order, then regular containers. */
  readonly containers: readonly ContainerObservation[];
  /** Latest `metadata.managedFields[].time`. */
  readonly managedAt: EpochMs | null;
  readonly loc: Location;
}

/** Identity and descriptive fields of a pod, as of one record. */
export interface PodMeta {
  readonly uid: string | null;
  readonly namespace: string;
  readonly name: string;
  readonly created: EpochMs | null;
  /** Controller owner as `Kind/name`, null when none. */
  readonly owner: string | null;
  readonly labels: Readonly<Record<string, string>>;
  /**
   * A static pod's config hash: `kubernetes.io/config.mirror` on its mirror
   * pod, `kubernetes.io/config.hash` in the kubelet's own view (whose uid it
   * is, as in the kubelet's events). Null for pods the API server created.
   */
  readonly staticHash: string | null;
  /** Container names and images from the spec (init first). */
  readonly specContainers: readonly { readonly name: string; readonly init: boolean; readonly image: string | null }[];
  // Optional: a pod known only from its events has none of these.
  /** `status.startTime`: when the kubelet accepted the pod (the node's clock); set once. */
  readonly startTime?: EpochMs | null;
  /** `metadata.deletionGracePeriodSeconds`: with `deletionTimestamp` it gives the time of the delete request. */
  readonly deletionGracePeriodSeconds?: number | null;
  /** `metadata.finalizers`: what keeps a deleted pod in the API. */
  readonly finalizers?: readonly string[];
  /** A volume other than emptyDir, configMap, secret, downwardAPI or projected (clusterloader2's stateful pods); null without a spec. */
  readonly stateful?: boolean | null;
}

export interface PodRecord {
  readonly kind: "pod";
  readonly meta: PodMeta;
  readonly observation: PodObservation;
}

/** Reference from an event to the object it is about. */
export interface EventSubject {
  readonly kind: string | null;
  readonly uid: string | null;
  readonly namespace: string | null;
  readonly name: string | null;
  readonly fieldPath: string | null;
}

/** A core/v1 or events.k8s.io/v1 Event, normalized. */
export interface KubeEvent {
  readonly uid: string | null;
  readonly name: string | null;
  readonly namespace: string | null;
  readonly resourceVersion: string | null;
  readonly apiGroup: "core" | "events.k8s.io";
  readonly type: string | null;
  readonly reason: string | null;
  readonly message: string | null;
  readonly subject: EventSubject;
  /** Highest of `count` / `series.count`; 1 when absent. */
  readonly count: number;
  /** The event's time per docs/spec.md §3.5. */
  readonly time: EpochMs | null;
  /** Time of the first occurrence (firstTimestamp, eventTime, or the client-go name suffix). */
  readonly firstTime: EpochMs | null;
  readonly reportingComponent: string | null;
  readonly host: string | null;
  readonly loc: Location;
}

export interface EventRecord {
  readonly kind: "event";
  readonly type: ObservationType;
  readonly event: KubeEvent;
}

/** A watch ERROR (e.g. 410 Expired): the capture has a gap here. */
export interface GapRecord {
  readonly kind: "gap";
  readonly code: number | null;
  readonly reason: string | null;
  readonly message: string | null;
  readonly loc: Location;
}

export interface BookmarkRecord {
  readonly kind: "bookmark";
  readonly initialEventsEnd: boolean;
  readonly loc: Location;
}

export interface SkippedRecord {
  readonly kind: "skipped";
  /** The object's kind (e.g. `Node`), or null when it had none. */
  readonly objectKind: string | null;
  readonly loc: Location;
}

/** JSON as a status patch carries it: read-only, as decoded records share their parts. */
export type PatchJson = Readonly<Record<string, unknown>>;

/**
 * A change to a pod's status known only as the request that made it (an
 * audit log that records the request but not the resulting pod): applied to
 * the pod's previous status, in time order, when its history is built
 * (docs/spec.md §1.7).
 *
 * - `merge`: a strategic merge patch of `status` (what the kubelet sends to
 *   `pods/status`);
 * - `replace`: the whole status (an update of `pods/status`, or a pod
 *   created with a name whose stored object was not recorded), with
 *   `meta` when the request held the pod's metadata and spec;
 * - `bind`: the scheduler's binding to node `nodeName`;
 * - `delete`: the pod was removed.
 */
export interface StatusPatch {
  readonly op: "merge" | "replace" | "bind" | "delete";
  readonly uid: string | null;
  readonly namespace: string;
  readonly name: string;
  /** When the request was served (the audit stage's time). */
  readonly time: EpochMs | null;
  /** The request's audit ID: copies of one request read twice are one patch. */
  readonly id: string | null;
  readonly status: PatchJson | null;
  readonly nodeName: string | null;
  readonly meta: PodMeta | null;
  readonly loc: Location;
}

export interface StatusPatchRecord {
  readonly kind: "statusPatch";
  readonly patch: StatusPatch;
}

export type NormalizedRecord = PodRecord | EventRecord | GapRecord | BookmarkRecord | SkippedRecord | StatusPatchRecord;
