/**
 * Builders of real-shaped Pod objects and watch envelopes for unit tests:
 * the fields kubelet and the API server set, with whole-second timestamps.
 */

export const T0 = Date.parse("2024-05-01T10:00:00Z");

/** RFC 3339 time `s` seconds after T0. */
export function at(s: number): string {
  return new Date(T0 + s * 1000).toISOString().replace(".000Z", "Z");
}

export interface ContainerSpec {
  name: string;
  image?: string;
  init?: boolean;
}

export type StateSpec =
  | { waiting: string; message?: string }
  | { running: number }
  | { terminated: string; exitCode: number; started: number; finished: number; id?: string; message?: string };

export interface ContainerStatusSpec {
  name: string;
  init?: boolean;
  state: StateSpec;
  last?: StateSpec;
  restarts?: number;
  ready?: boolean;
}

export interface PodSpec {
  uid?: string;
  name?: string;
  namespace?: string;
  rv: number | string;
  created?: number;
  phase?: string;
  node?: string;
  reason?: string;
  message?: string;
  deleted?: number;
  /** deletionGracePeriodSeconds with `deleted` (30 when not given). */
  grace?: number;
  finalizers?: string[];
  /** status.startTime, seconds after T0. */
  started?: number;
  /** spec.volumes (the default is none). */
  volumes?: Record<string, unknown>[];
  managed?: number;
  containers?: ContainerSpec[];
  conditions?: { type: string; status: string; at: number; reason?: string; message?: string }[];
  statuses?: ContainerStatusSpec[];
  owner?: { kind: string; name: string };
}

function state(s: StateSpec): Record<string, unknown> {
  if ("waiting" in s) return { waiting: { reason: s.waiting, ...(s.message ? { message: s.message } : {}) } };
  if ("running" in s) return { running: { startedAt: at(s.running) } };
  return {
    terminated: {
      reason: s.terminated,
      exitCode: s.exitCode,
      startedAt: at(s.started),
      finishedAt: at(s.finished),
      containerID: `containerd://${s.id ?? `${s.terminated}-${s.started}`}`,
      ...(s.message === undefined ? {} : { message: s.message }),
    },
  };
}

/** A Pod object as the API server returns it. */
export function pod(spec: PodSpec): Record<string, unknown> {
  const containers = spec.containers ?? [{ name: "app", image: "nginx:1.27" }];
  const statuses = spec.statuses ?? [];
  const cs = (init: boolean) =>
    statuses
      .filter((s) => (s.init ?? false) === init)
      .map((s) => ({
        name: s.name,
        image: containers.find((c) => c.name === s.name)?.image ?? "nginx:1.27",
        imageID: "",
        containerID: "containerd://current",
        ready: s.ready ?? false,
        started: "running" in s.state,
        restartCount: s.restarts ?? 0,
        state: state(s.state),
        lastState: s.last ? state(s.last) : {},
      }));
  return {
    kind: "Pod",
    apiVersion: "v1",
    metadata: {
      name: spec.name ?? "web-1",
      namespace: spec.namespace ?? "shop",
      uid: spec.uid ?? "0b1a6c1e-4a59-4f55-9a52-7d1e3c1b2a01",
      resourceVersion: String(spec.rv),
      creationTimestamp: at(spec.created ?? 0),
      ...(spec.deleted !== undefined ? { deletionTimestamp: at(spec.deleted), deletionGracePeriodSeconds: spec.grace ?? 30 } : {}),
      ...(spec.finalizers ? { finalizers: spec.finalizers } : {}),
      ...(spec.owner ? { ownerReferences: [{ apiVersion: "apps/v1", kind: spec.owner.kind, name: spec.owner.name, uid: "x", controller: true }] } : {}),
      ...(spec.managed !== undefined ? { managedFields: [{ manager: "kubelet", operation: "Update", time: at(spec.managed) }] } : {}),
    },
    spec: {
      ...(spec.volumes ? { volumes: spec.volumes } : {}),
      ...(spec.node ? { nodeName: spec.node } : {}),
      initContainers: containers.filter((c) => c.init).map((c) => ({ name: c.name, image: c.image ?? "busybox" })),
      containers: containers.filter((c) => !c.init).map((c) => ({ name: c.name, image: c.image ?? "nginx:1.27" })),
    },
    status: {
      phase: spec.phase ?? "Pending",
      ...(spec.started !== undefined ? { startTime: at(spec.started) } : {}),
      ...(spec.reason ? { reason: spec.reason } : {}),
      ...(spec.message ? { message: spec.message } : {}),
      conditions: (spec.conditions ?? []).map((c) => ({
        type: c.type,
        status: c.status,
        lastProbeTime: null,
        lastTransitionTime: at(c.at),
        ...(c.reason ? { reason: c.reason } : {}),
        ...(c.message ? { message: c.message } : {}),
      })),
      ...(statuses.some((s) => s.init) ? { initContainerStatuses: cs(true) } : {}),
      ...(statuses.some((s) => !s.init) ? { containerStatuses: cs(false) } : {}),
    },
  };
}

export function envelope(type: string, object: unknown): Record<string, unknown> {
  return { type, object };
}

/** JSONL text of watch envelopes. */
export function jsonl(values: readonly unknown[]): string {
  return `${values.map((v) => JSON.stringify(v)).join("\n")}\n`;
}

/** A core/v1 Event about the pod of `pod()`'s defaults (or `name`/`uid`/`namespace`), `s` seconds after T0. */
export function podEvent(spec: { reason: string; message: string; s: number; type?: string; container?: string; count?: number; name?: string; uid?: string; namespace?: string }): Record<string, unknown> {
  const podName = spec.name ?? "web-1";
  const namespace = spec.namespace ?? "shop";
  return {
    kind: "Event",
    apiVersion: "v1",
    metadata: { name: `${podName}.${spec.reason}.${spec.s}`, namespace, uid: `ev-${podName}-${spec.reason}-${spec.s}`, resourceVersion: String(1000 + spec.s) },
    involvedObject: {
      kind: "Pod",
      namespace,
      name: podName,
      uid: spec.uid ?? "0b1a6c1e-4a59-4f55-9a52-7d1e3c1b2a01",
      ...(spec.container === undefined ? {} : { fieldPath: `spec.containers{${spec.container}}` }),
    },
    reason: spec.reason,
    message: spec.message,
    type: spec.type ?? "Warning",
    firstTimestamp: at(spec.s),
    lastTimestamp: at(spec.s),
    count: spec.count ?? 1,
  };
}
