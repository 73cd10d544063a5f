#!/usr/bin/env node
// Deterministic generator of realistic pod-activity captures of a busy cluster,
// for `npm run bench`. Plain Node ESM, no dependencies.
//
//   node test/bench/generate.mjs --out bench-data/jsonl-100MB --size 100MB \
//     [--pods N] [--same-pods] [--seed S] [--formats jsonl,gz,parts4,watch,objects,list,array]
//
// One simulated record stream (pods + core/v1 events, in time order, with
// increasing decimal resourceVersions) is written in every requested format at
// once. The size target applies to the FIRST format. Formats:
//   jsonl    OUT.jsonl            watch envelopes, one per line (the watch API)
//   watch    OUT.watch.json       the same envelopes pretty-printed, 2-space (`jq .`)
//   objects  OUT.objects.json     bare objects, 4-space, concatenated (`kubectl get pods -w -o json`)
//   list     OUT.list.json        one `List` document, 4-space (`kubectl get -o json`), items streamed
//   array    OUT.array.json       a top-level JSON array of bare objects, 2-space (recorders)
//   gz       OUT.jsonl.gz         gzip of OUT.jsonl
//   partsK   OUT.part1.jsonl ...  OUT.jsonl cut into K consecutive files of about equal size
// OUT.jsonl (the equivalent records, for the bare baseline) is always written.
// OUT.meta.json records the parameters and what was written.
//
// Pods are identified by a per-pod PRNG stream seeded from (seed, pod index),
// so `--same-pods` runs with the same --pods and --seed hold the very same pods
// (uids, names, scenarios) and differ only in the number of MODIFIED updates.

import { createWriteStream, writeFileSync, renameSync } from "node:fs";
import { createGzip } from "node:zlib";
import { parseArgs } from "node:util";
import { once } from "node:events";
import { pathToFileURL } from "node:url";

// ---------------------------------------------------------------- PRNG

/** sfc32: small, fast, good enough; seeded through splitmix32. */
function makeRng(seed) {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(), b = split(), c = split(), d = split();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    range: (lo, hi) => lo + next() * (hi - lo),
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    exp: (mean) => -Math.log(1 - next()) * mean,
    hex: (n) => {
      let out = "";
      while (out.length < n) out += Math.floor(next() * 4294967296).toString(16).padStart(8, "0");
      return out.slice(0, n);
    },
    alnum: (n, alphabet = "bcdfghjklmnpqrstvwxz2456789") => {
      let out = "";
      for (let i = 0; i < n; i++) out += alphabet[Math.floor(next() * alphabet.length)];
      return out;
    },
    uuid: () => {
      const h = r.hex(32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[parseInt(h[16], 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
  return r;
}

const mix = (a, b) => (Math.imul(a ^ 0x5bd1e995, 0x27d4eb2d) + Math.imul(b + 1, 0x165667b1)) >>> 0;

// ---------------------------------------------------------------- time helpers

const T0 = Date.UTC(2026, 2, 9, 6, 0, 0); // capture start
const ts = (ms) => `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
const microTs = (ms, rng) => `${new Date(ms).toISOString().slice(0, 23) + String(rng.int(0, 999)).padStart(3, "0")}Z`;

/** A Go time.Duration string as kubelet prints it (1.52s, 901ms, 1m2.5s). */
function goDuration(ms) {
  if (ms < 1000) return `${trimZeros(ms.toFixed(3))}ms`;
  const s = ms / 1000;
  if (s < 60) return `${trimZeros(s.toFixed(3))}s`;
  const m = Math.floor(s / 60);
  return `${m}m${trimZeros((s - m * 60).toFixed(3))}s`;
}
function trimZeros(x) {
  return x.includes(".") ? x.replace(/0+$/, "").replace(/\.$/, "") : x;
}

// ---------------------------------------------------------------- cluster

const NODE_COUNT = 64;
const NODES = Array.from({ length: NODE_COUNT }, (_, i) => {
  const a = 16 + (i >> 4), b = 10 + (i & 15) * 7;
  return { name: `ip-10-0-${a}-${b}.ec2.internal`, ip: `10.0.${a}.${b}`, idx: i };
});
const NAMESPACES = ["payments", "checkout", "catalog", "search", "identity", "notifications", "analytics", "ingest", "billing", "media",
  "recommendations", "orders", "inventory", "shipping", "reporting", "ml-serving", "batch", "monitoring", "logging", "platform"];
const APP_WORDS = ["api", "web", "worker", "gateway", "consumer", "indexer", "scheduler", "renderer", "sync", "cache", "proxy", "auth",
  "ledger", "exporter", "etl", "frontend", "backend", "notifier", "resizer", "ranker"];
const IMAGES = [
  ["registry.example.com/platform/api-server", "v2.14.3"], ["registry.example.com/platform/worker", "v1.9.0"],
  ["docker.io/library/nginx", "1.27.3"], ["docker.io/library/redis", "7.4.1"], ["quay.io/prometheus/node-exporter", "v1.8.2"],
  ["ghcr.io/example/checkout", "2025.11.4"], ["ghcr.io/example/search-indexer", "3.2.0"], ["registry.k8s.io/pause", "3.10"],
  ["docker.io/library/python", "3.12-slim"], ["docker.io/library/golang", "1.23-alpine"], ["gcr.io/distroless/static-debian12", "nonroot"],
  ["public.ecr.aws/example/media-resizer", "v0.44.1"], ["quay.io/example/ledger", "v5.1.7"], ["docker.io/bitnami/kafka-exporter", "1.8.0"],
];
const SIDECARS = [
  ["docker.io/envoyproxy/envoy", "v1.32.1", "envoy"], ["fluent/fluent-bit", "3.2.2", "log-shipper"],
  ["ghcr.io/example/config-reloader", "v0.12.0", "config-reloader"],
];

const imageDigest = new Map();
function imageId(image, rng) {
  let d = imageDigest.get(image);
  if (d === undefined) {
    d = `${image.split(":")[0]}@sha256:${rng.hex(64)}`;
    imageDigest.set(image, d);
  }
  return d;
}

// ---------------------------------------------------------------- workloads (shared templates)

const KINDS = [
  ["Deployment", 0.62], ["StatefulSet", 0.08], ["DaemonSet", 0.05], ["Job", 0.25],
];

function makeWorkload(seed, idx) {
  const rng = makeRng(mix(seed, 0x10000000 + idx));
  let x = rng.next(), kind = "Deployment";
  for (const [k, w] of KINDS) { if ((x -= w) < 0) { kind = k; break; } }
  const ns = NAMESPACES[idx % NAMESPACES.length];
  const app = `${rng.pick(APP_WORDS)}-${rng.pick(APP_WORDS)}${idx}`;
  const [repo, tag] = rng.pick(IMAGES);
  const containers = [{ name: kind === "Job" ? "job" : "app", image: `${repo}:${tag}`, port: rng.pick([8080, 8443, 9090, 3000, 5000]) }];
  if (kind !== "Job" && rng.chance(0.25)) {
    const [srepo, stag, sname] = rng.pick(SIDECARS);
    containers.push({ name: sname, image: `${srepo}:${stag}`, port: rng.pick([15000, 2020, 9533]) });
  }
  const init = rng.chance(0.2) ? { name: "init-config", image: "docker.io/library/busybox:1.37" } : null;
  const ownerUid = rng.uuid();
  const w = {
    idx, kind, ns, app, containers, init, ownerUid,
    hash: rng.alnum(rng.int(9, 10)),
    replicas: rng.int(2, 12),
    restartPolicy: kind === "Job" ? rng.pick(["Never", "OnFailure"]) : "Always",
    jobName: kind === "Job" ? `${app}-${28900000 + rng.int(0, 99999)}` : null,
    cpu: rng.pick(["50m", "100m", "250m", "500m", "1"]),
    mem: rng.pick(["64Mi", "128Mi", "256Mi", "512Mi", "1Gi"]),
    sts: 0,
  };
  w.ownerName = kind === "Deployment" ? `${app}-${w.hash}` : kind === "Job" ? w.jobName : app;
  w.ownerKind = kind === "Deployment" ? "ReplicaSet" : kind;
  w.ownerApi = kind === "Job" ? "batch/v1" : "apps/v1";
  w.spec = buildSpecTemplate(w, rng);
  w.ctrlFields = buildControllerFields(w);
  w.readinessProbe = kind !== "Job";
  w.statusMounts = rng.chance(0.3); // nodes on kubelet >= 1.31 also report volumeMounts
  return w;
}

function probe(path, port, initialDelaySeconds, failureThreshold) {
  return { httpGet: { path, port, scheme: "HTTP" }, initialDelaySeconds, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold };
}

function buildSpecTemplate(w, rng) {
  const env = [
    { name: "POD_NAME", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } } },
    { name: "LOG_LEVEL", value: rng.pick(["info", "debug", "warn"]) },
    { name: "GOMAXPROCS", valueFrom: { resourceFieldRef: { resource: "limits.cpu", divisor: "1" } } },
  ];
  const container = (c, i) => ({
    name: c.name,
    image: c.image,
    ...(w.kind === "Job" ? { command: ["/bin/sh", "-c"], args: [`/opt/${w.app}/run --batch-size=${rng.int(100, 5000)} --shard=$(JOB_COMPLETION_INDEX)`] } : { args: [`--port=${c.port}`, "--config=/etc/app/config.yaml"] }),
    ports: w.kind === "Job" ? undefined : [{ name: i === 0 ? "http" : "admin", containerPort: c.port, protocol: "TCP" }, ...(i === 0 ? [{ name: "metrics", containerPort: 9102, protocol: "TCP" }] : [])],
    ...(i === 0 ? { env } : {}),
    resources: { limits: { cpu: i === 0 ? w.cpu : "100m", memory: i === 0 ? w.mem : "128Mi" }, requests: { cpu: i === 0 ? w.cpu : "50m", memory: i === 0 ? w.mem : "64Mi" } },
    volumeMounts: [
      { name: "config", readOnly: true, mountPath: "/etc/app" },
      ...(w.kind === "StatefulSet" && i === 0 ? [{ name: "data", mountPath: "/var/lib/data" }] : []),
      { name: "kube-api-access", readOnly: true, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" },
    ],
    ...(w.kind === "Job" || i > 0 ? {} : { livenessProbe: probe("/healthz", c.port, 15, 3), readinessProbe: probe("/ready", c.port, 5, 3) }),
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
    imagePullPolicy: "IfNotPresent",
    securityContext: { capabilities: { drop: ["ALL"] }, runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
  });
  const spec = {
    volumes: [
      { name: "config", configMap: { name: `${w.app}-config`, defaultMode: 420 } },
      ...(w.kind === "StatefulSet" ? [{ name: "data", persistentVolumeClaim: { claimName: `data-${w.app}` } }] : []),
      null, // per-pod kube-api-access-xxxxx
    ],
    ...(w.init ? { initContainers: [{ name: w.init.name, image: w.init.image, command: ["sh", "-c", "cp /config/* /etc/app/ && echo ready"], resources: {}, volumeMounts: [{ name: "config", mountPath: "/etc/app" }], terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File", imagePullPolicy: "IfNotPresent" }] } : {}),
    containers: w.containers.map(container),
    restartPolicy: w.restartPolicy,
    terminationGracePeriodSeconds: 30,
    dnsPolicy: "ClusterFirst",
    nodeSelector: { "kubernetes.io/os": "linux" },
    serviceAccountName: w.app,
    serviceAccount: w.app,
    nodeName: null,
    securityContext: { runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } },
    schedulerName: "default-scheduler",
    tolerations: [
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      ...(w.kind === "DaemonSet" ? [{ key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" }, { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" }] : []),
    ],
    priority: 0,
    enableServiceLinks: true,
    preemptionPolicy: "PreemptLowerPriority",
  };
  return spec;
}

function buildControllerFields(w) {
  const probeFields = { ".": {}, "f:failureThreshold": {}, "f:httpGet": { ".": {}, "f:path": {}, "f:port": {}, "f:scheme": {} }, "f:initialDelaySeconds": {}, "f:periodSeconds": {}, "f:successThreshold": {}, "f:timeoutSeconds": {} };
  const containers = {};
  for (const c of w.spec.containers) {
    containers[`k:{"name":"${c.name}"}`] = {
      ".": {}, "f:args": {}, ...(c.command ? { "f:command": {} } : {}),
      ...(c.env ? { "f:env": { ".": {}, ...Object.fromEntries(c.env.map((e) => [`k:{"name":"${e.name}"}`, { ".": {}, "f:name": {}, ...(e.value ? { "f:value": {} } : { "f:valueFrom": {} }) }])) } } : {}),
      "f:image": {}, "f:imagePullPolicy": {}, ...(c.livenessProbe ? { "f:livenessProbe": probeFields, "f:readinessProbe": probeFields } : {}),
      "f:name": {},
      ...(c.ports ? { "f:ports": { ".": {}, ...Object.fromEntries(c.ports.map((p) => [`k:{"containerPort":${p.containerPort},"protocol":"TCP"}`, { ".": {}, "f:containerPort": {}, "f:name": {}, "f:protocol": {} }])) } } : {}),
      "f:resources": { ".": {}, "f:limits": { ".": {}, "f:cpu": {}, "f:memory": {} }, "f:requests": { ".": {}, "f:cpu": {}, "f:memory": {} } },
      "f:securityContext": { ".": {}, "f:allowPrivilegeEscalation": {}, "f:capabilities": { ".": {}, "f:drop": {} }, "f:readOnlyRootFilesystem": {}, "f:runAsNonRoot": {} },
      "f:terminationMessagePath": {}, "f:terminationMessagePolicy": {},
      "f:volumeMounts": { ".": {}, ...Object.fromEntries(c.volumeMounts.map((m) => [`k:{"mountPath":"${m.mountPath}"}`, { ".": {}, "f:mountPath": {}, "f:name": {}, ...(m.readOnly ? { "f:readOnly": {} } : {}) }])) },
    };
  }
  const labels = { ".": {}, "f:app.kubernetes.io/name": {}, "f:app.kubernetes.io/part-of": {} };
  if (w.kind === "Deployment") labels["f:pod-template-hash"] = {};
  if (w.kind === "StatefulSet" || w.kind === "DaemonSet") labels["f:controller-revision-hash"] = {};
  if (w.kind === "Job") Object.assign(labels, { "f:batch.kubernetes.io/controller-uid": {}, "f:batch.kubernetes.io/job-name": {}, "f:controller-uid": {}, "f:job-name": {} });
  return {
    "f:metadata": {
      "f:generateName": {},
      ...(w.kind === "Job" ? { "f:finalizers": { ".": {}, 'v:"batch.kubernetes.io/job-tracking"': {} } } : {}),
      "f:labels": labels,
      "f:ownerReferences": { ".": {}, [`k:{"uid":"${w.ownerUid}"}`]: {} },
    },
    "f:spec": {
      "f:containers": containers,
      "f:dnsPolicy": {}, "f:enableServiceLinks": {}, "f:nodeSelector": {}, "f:restartPolicy": {}, "f:schedulerName": {},
      "f:securityContext": { ".": {}, "f:fsGroup": {}, "f:runAsGroup": {}, "f:runAsUser": {}, "f:seccompProfile": { ".": {}, "f:type": {} } },
      "f:serviceAccount": {}, "f:serviceAccountName": {}, "f:terminationGracePeriodSeconds": {}, "f:tolerations": {},
      "f:volumes": { ".": {}, [`k:{"name":"config"}`]: { ".": {}, "f:configMap": { ".": {}, "f:defaultMode": {}, "f:name": {} }, "f:name": {} } },
    },
  };
}

const SCHED_FIELDS = { "f:status": { "f:conditions": { ".": {}, 'k:{"type":"PodScheduled"}': { ".": {}, "f:lastProbeTime": {}, "f:lastTransitionTime": {}, "f:message": {}, "f:reason": {}, "f:status": {}, "f:type": {} } } } };
const COND_FIELDS = { ".": {}, "f:lastProbeTime": {}, "f:lastTransitionTime": {}, "f:message": {}, "f:observedGeneration": {}, "f:reason": {}, "f:status": {}, "f:type": {} };
const KUBELET_STATUS = {
  "f:conditions": {
    'k:{"type":"ContainersReady"}': COND_FIELDS, 'k:{"type":"Initialized"}': COND_FIELDS, 'k:{"type":"PodReadyToStartContainers"}': COND_FIELDS,
    'k:{"type":"PodScheduled"}': { "f:observedGeneration": {} }, 'k:{"type":"Ready"}': COND_FIELDS,
  },
  "f:containerStatuses": {}, "f:hostIP": {}, "f:hostIPs": {}, "f:observedGeneration": {}, "f:phase": {}, "f:podIP": {}, "f:startTime": {},
};

// ---------------------------------------------------------------- pods

const SCENARIOS = [
  ["normal", 0.72], ["crashloop", 0.1], ["imagepull", 0.06], ["unschedulable", 0.05], ["evicted", 0.04], ["slowstart", 0.03],
];
const COND_ORDER = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"];

function makePod(ctx, idx) {
  const rng = makeRng(mix(ctx.seed, idx));
  const w = ctx.workloadFor(rng.int(0, ctx.workloadCount - 1));
  let x = rng.next(), scenario = "normal";
  for (const [s, p] of SCENARIOS) { if ((x -= p) < 0) { scenario = s; break; } }
  if (w.kind === "Job" && scenario === "crashloop") scenario = rng.chance(0.5) ? "jobfail" : "normal";
  let name;
  if (w.kind === "StatefulSet") name = `${w.app}-${w.sts++ % w.replicas}`;
  else name = `${w.ownerName}-${rng.alnum(5)}`;
  const node = NODES[rng.int(0, NODE_COUNT - 1)];
  const p = {
    idx, w, rng, scenario, name, node,
    uid: rng.uuid(),
    tokenVolume: `kube-api-access-${rng.alnum(5)}`,
    podIP: `10.${128 + (node.idx >> 2)}.${(node.idx & 3) * 64 + rng.int(0, 63)}.${rng.int(2, 254)}`,
    created: 0, scheduledAt: 0, kubeletAt: 0, startTime: 0,
    scheduled: false, unschedulable: null,
    phase: "Pending",
    conds: new Map(), // type -> {status, at, reason, message}
    cs: w.containers.map((c) => ({ name: c.name, image: c.image, state: null, last: {}, ready: false, restarts: 0, started: false, cid: null })),
    ics: w.init ? [{ name: w.init.name, image: w.init.image, state: null, last: {}, ready: false, restarts: 0, started: false, cid: null }] : null,
    deletion: null, deleted: false, statusMessage: null, statusReason: null,
    rv: "0",
    events: new Map(), // key -> event state, for count increments
  };
  for (const c of p.cs) c.imageID = imageId(c.image, rng);
  if (p.ics) for (const c of p.ics) c.imageID = imageId(c.image, rng);
  return p;
}

function setCond(p, type, status, at, reason = null, message = null) {
  const prev = p.conds.get(type);
  if (prev && prev.status === status && prev.reason === reason) return;
  p.conds.set(type, { status, at, reason, message });
}

function condObj(p, type) {
  const c = p.conds.get(type);
  const o = { type };
  if (type !== "PodScheduled" || p.kubeletAt) o.observedGeneration = 1;
  o.status = c.status;
  o.lastProbeTime = null;
  o.lastTransitionTime = ts(c.at);
  if (c.reason) o.reason = c.reason;
  if (c.message) o.message = c.message;
  return o;
}

function containerStatusObj(p, c, mounts) {
  const o = { name: c.name, state: c.state, lastState: c.last, ready: c.ready, restartCount: c.restarts, image: c.image, imageID: c.started || c.cid ? c.imageID : "" };
  if (c.cid) o.containerID = c.cid;
  o.started = c.started;
  o.resources = mounts.resources;
  if (p.w.statusMounts) o.volumeMounts = mounts.volumeMounts.map((m) => ({ name: m.name === "kube-api-access" ? p.tokenVolume : m.name, mountPath: m.mountPath, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: "Disabled" } : {}) }));
  return o;
}

function podObject(p, _now) {
  const w = p.w;
  const spec = { ...w.spec };
  spec.volumes = w.spec.volumes.slice(0, -1);
  spec.volumes.push({ name: p.tokenVolume, projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: "token" } }, { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } }, { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } }], defaultMode: 420 } });
  spec.containers = w.spec.containers.map((c) => ({ ...c, volumeMounts: c.volumeMounts.map((m) => (m.name === "kube-api-access" ? { ...m, name: p.tokenVolume } : m)) }));
  if (p.scheduled) spec.nodeName = p.node.name;
  else delete spec.nodeName;

  const labels = { "app.kubernetes.io/name": w.app, "app.kubernetes.io/part-of": w.ns };
  if (w.kind === "Deployment") labels["pod-template-hash"] = w.hash;
  if (w.kind === "StatefulSet") { labels["controller-revision-hash"] = `${w.app}-${w.hash.slice(0, 8)}`; labels["statefulset.kubernetes.io/pod-name"] = p.name; }
  if (w.kind === "DaemonSet") { labels["controller-revision-hash"] = w.hash.slice(0, 9); labels["pod-template-generation"] = "3"; }
  if (w.kind === "Job") Object.assign(labels, { "batch.kubernetes.io/controller-uid": w.ownerUid, "batch.kubernetes.io/job-name": w.jobName, "controller-uid": w.ownerUid, "job-name": w.jobName });

  const managedFields = [{ manager: "kube-controller-manager", operation: "Update", apiVersion: "v1", time: ts(p.created), fieldsType: "FieldsV1", fieldsV1: w.ctrlFields }];
  if (p.scheduledAt || p.unschedulable) managedFields.push({ manager: "kube-scheduler", operation: "Update", apiVersion: "v1", time: ts(p.scheduledAt || p.unschedulable.at), fieldsType: "FieldsV1", fieldsV1: SCHED_FIELDS, subresource: "status" });
  if (p.kubeletAt) {
    const status = { ...KUBELET_STATUS };
    if (p.podIPSet) status["f:podIPs"] = { ".": {}, [`k:{"ip":"${p.podIP}"}`]: { ".": {}, "f:ip": {} } };
    if (p.ics) status["f:initContainerStatuses"] = {};
    managedFields.push({ manager: "kubelet", operation: "Update", apiVersion: "v1", time: ts(p.kubeletAt), fieldsType: "FieldsV1", fieldsV1: { "f:status": status }, subresource: "status" });
  }

  const metadata = { name: p.name, generateName: w.kind === "StatefulSet" ? `${w.app}-` : `${w.ownerName}-`, namespace: w.ns, uid: p.uid, resourceVersion: p.rv, generation: 1, creationTimestamp: ts(p.created) };
  if (p.deletion) { metadata.deletionTimestamp = ts(p.deletion.at); metadata.deletionGracePeriodSeconds = p.deletion.grace; }
  metadata.labels = labels;
  if (w.kind !== "Job") metadata.annotations = { "kubectl.kubernetes.io/restartedAt": "2026-03-01T09:12:44Z" };
  metadata.ownerReferences = [{ apiVersion: w.ownerApi, kind: w.ownerKind, name: w.ownerName, uid: w.ownerUid, controller: true, blockOwnerDeletion: true }];
  if (w.kind === "Job" && p.phase !== "Succeeded" && p.phase !== "Failed") metadata.finalizers = ["batch.kubernetes.io/job-tracking"];
  metadata.managedFields = managedFields;

  const status = { observedGeneration: 1, phase: p.phase };
  if (p.conds.size) status.conditions = COND_ORDER.filter((t) => p.conds.has(t)).map((t) => condObj(p, t));
  if (p.statusMessage) { status.message = p.statusMessage; status.reason = p.statusReason; }
  if (p.kubeletAt) {
    status.hostIP = p.node.ip;
    status.hostIPs = [{ ip: p.node.ip }];
    if (p.podIPSet) { status.podIP = p.podIP; status.podIPs = [{ ip: p.podIP }]; }
    status.startTime = ts(p.startTime);
    if (p.ics) status.initContainerStatuses = p.ics.map((c) => containerStatusObj(p, c, { resources: {}, volumeMounts: [{ name: "config", mountPath: "/etc/app" }, { name: "kube-api-access", readOnly: true, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" }] }));
    status.containerStatuses = p.cs.map((c, i) => containerStatusObj(p, c, spec.containers[i]));
  }
  status.qosClass = "Guaranteed";
  return { kind: "Pod", apiVersion: "v1", metadata, spec, status };
}

// ---------------------------------------------------------------- events

const EVENT_FIELDS = { "f:count": {}, "f:firstTimestamp": {}, "f:involvedObject": {}, "f:lastTimestamp": {}, "f:message": {}, "f:reason": {}, "f:reportingComponent": {}, "f:reportingInstance": {}, "f:source": { "f:component": {}, "f:host": {} }, "f:type": {} };
const SCHED_EVENT_FIELDS = { "f:action": {}, "f:eventTime": {}, "f:note": {}, "f:reason": {}, "f:regarding": {}, "f:reportingController": {}, "f:reportingInstance": {}, "f:type": {} };

/** Emits (or re-emits with count+1) a core/v1 event about pod p. */
function podEvent(ctx, p, now, reason, message, { type = "Normal", container = null, scheduler = false, key = null } = {}) {
  const k = key ?? `${reason}|${container}|${message}`;
  let e = key === false ? undefined : p.events.get(k);
  const rng = p.rng;
  if (e) {
    e.count++;
    e.last = now;
    e.message = message;
  } else {
    e = { uid: rng.uuid(), name: `${p.name}.${rng.hex(16)}`, first: now, last: now, count: 1, message, micro: microTs(now, rng) };
    if (key !== false && p.events.size < 24) p.events.set(k, e);
  }
  const involvedObject = { kind: "Pod", namespace: p.w.ns, name: p.name, uid: p.uid, apiVersion: "v1", resourceVersion: p.rv };
  if (container) involvedObject.fieldPath = `spec.containers{${container}}`;
  const rv = ctx.nextRv();
  let obj;
  if (scheduler) {
    obj = {
      kind: "Event", apiVersion: "v1",
      metadata: { name: e.name, namespace: p.w.ns, uid: e.uid, resourceVersion: rv, creationTimestamp: ts(e.first), managedFields: [{ manager: "kube-scheduler", operation: "Update", apiVersion: "events.k8s.io/v1", time: ts(now), fieldsType: "FieldsV1", fieldsV1: SCHED_EVENT_FIELDS }] },
      involvedObject, reason, message, source: {}, firstTimestamp: null, lastTimestamp: null, type, eventTime: e.micro,
      ...(e.count > 1 ? { series: { count: e.count, lastObservedTime: microTs(now, rng) } } : {}),
      action: reason === "Scheduled" ? "Binding" : "Scheduling", reportingComponent: "default-scheduler", reportingInstance: `default-scheduler-ip-10-0-1-${10 + (ctx.seed % 3)}`,
    };
  } else {
    obj = {
      kind: "Event", apiVersion: "v1",
      metadata: { name: e.name, namespace: p.w.ns, uid: e.uid, resourceVersion: rv, creationTimestamp: ts(e.first), managedFields: [{ manager: "kubelet", operation: "Update", apiVersion: "v1", time: ts(now), fieldsType: "FieldsV1", fieldsV1: EVENT_FIELDS }] },
      involvedObject, reason, message, source: { component: "kubelet", host: p.node.name },
      firstTimestamp: ts(e.first), lastTimestamp: ts(e.last), count: e.count, type, eventTime: null, reportingComponent: "kubelet", reportingInstance: p.node.name,
    };
  }
  ctx.emit(e.count > 1 ? "MODIFIED" : "ADDED", obj, true);
}

// ---------------------------------------------------------------- lifecycles

function emitPod(ctx, p, type = "MODIFIED") {
  p.rv = ctx.nextRv();
  ctx.emit(type, podObject(p, ctx.now), false);
}

function kubeletTouch(ctx, p) { p.kubeletAt = ctx.now; }

function containerId(p) { return `containerd://${p.rng.hex(64)}`; }

function* pullAndStart(ctx, p, c, { fresh }) {
  const rng = p.rng;
  if (fresh && rng.chance(0.55)) {
    podEvent(ctx, p, ctx.now, "Pulling", `Pulling image "${c.image}"`, { container: c.name, key: false });
    const pullMs = rng.range(300, rng.chance(0.1) ? 90000 : 12000);
    const waitMs = pullMs + (rng.chance(0.3) ? rng.range(0, 20000) : 0);
    yield waitMs;
    podEvent(ctx, p, ctx.now, "Pulled", `Successfully pulled image "${c.image}" in ${goDuration(pullMs)} (${goDuration(waitMs)} including waiting). Image size: ${rng.int(2_000_000, 900_000_000)} bytes.`, { container: c.name, key: false });
  } else {
    podEvent(ctx, p, ctx.now, "Pulled", `Container image "${c.image}" already present on machine`, { container: c.name });
  }
  yield rng.range(50, 900);
  podEvent(ctx, p, ctx.now, "Created", `Created container: ${c.name}`, { container: c.name });
  yield rng.range(50, 600);
  podEvent(ctx, p, ctx.now, "Started", `Started container ${c.name}`, { container: c.name });
}

function readyAll(ctx, p) {
  for (const c of p.cs) c.ready = true;
  setCond(p, "ContainersReady", "True", ctx.now);
  setCond(p, "Ready", "True", ctx.now);
}
function unready(ctx, p, names) {
  const msg = `containers with unready status: [${names.join(" ")}]`;
  setCond(p, "ContainersReady", "False", ctx.now, "ContainersNotReady", msg);
  setCond(p, "Ready", "False", ctx.now, "ContainersNotReady", msg);
}

/** One pod from ADDED to DELETED (or to the end of the capture). A generator yielding delays in ms. */
function* lifecycle(ctx, p) {
  const rng = p.rng, w = p.w;
  const t = ctx.timing; // per-run timing stream (differs between same-pods runs only by extras)
  p.created = ctx.now;
  emitPod(ctx, p, "ADDED");
  // ---- scheduling
  yield rng.range(5, 400);
  if (p.scenario === "unschedulable") {
    const msg = `0/${NODE_COUNT} nodes are available: ${rng.int(20, 40)} Insufficient ${rng.pick(["cpu", "memory"])}, ${rng.int(4, 12)} node(s) had untolerated taint {node-role.kubernetes.io/infra: }, ${rng.int(2, 10)} node(s) didn't match Pod's node affinity/selector. preemption: 0/${NODE_COUNT} nodes are available: ${rng.int(20, 40)} No preemption victims found for incoming pod, ${rng.int(20, 40)} Preemption is not helpful for scheduling.`;
    p.unschedulable = { at: ctx.now };
    setCond(p, "PodScheduled", "False", ctx.now, "Unschedulable", msg);
    emitPod(ctx, p);
    podEvent(ctx, p, ctx.now, "FailedScheduling", msg, { type: "Warning", scheduler: true, key: "fs" });
    const resolves = rng.chance(0.5);
    let n = resolves ? rng.int(2, 8) : Infinity;
    while (n-- > 0) {
      if (!ctx.wantExtra(p, 0.2)) { if (!resolves) return yield* tail(ctx, p); break; }
      yield t.range(30000, 300000);
      podEvent(ctx, p, ctx.now, "FailedScheduling", msg, { type: "Warning", scheduler: true, key: "fs" });
    }
    if (!resolves) return yield* tail(ctx, p);
    yield rng.range(1000, 60000);
  }
  p.scheduled = true;
  p.scheduledAt = ctx.now;
  setCond(p, "PodScheduled", "True", ctx.now);
  emitPod(ctx, p);
  podEvent(ctx, p, ctx.now, "Scheduled", `Successfully assigned ${w.ns}/${p.name} to ${p.node.name}`, { scheduler: true, key: false });
  // ---- kubelet sees it
  yield rng.range(200, 2500);
  kubeletTouch(ctx, p);
  p.startTime = ctx.now;
  setCond(p, "PodReadyToStartContainers", "False", ctx.now);
  if (p.ics) {
    setCond(p, "Initialized", "False", ctx.now, "ContainersNotInitialized", `containers with incomplete status: [${p.ics[0].name}]`);
    p.ics[0].state = { waiting: { reason: "PodInitializing" } };
  } else setCond(p, "Initialized", "True", ctx.now);
  unready(ctx, p, p.cs.map((c) => c.name));
  for (const c of p.cs) c.state = { waiting: { reason: p.ics ? "PodInitializing" : "ContainerCreating" } };
  emitPod(ctx, p);
  yield rng.range(500, p.scenario === "slowstart" ? 90000 : 4000); // sandbox, CNI, volumes
  p.podIPSet = true;
  kubeletTouch(ctx, p);
  setCond(p, "PodReadyToStartContainers", "True", ctx.now);
  // kubelet often folds the sandbox-ready status into its next update
  if (p.ics || p.scenario !== "normal" || rng.chance(0.4)) emitPod(ctx, p);
  if (p.ics) {
    const ic = p.ics[0];
    yield* pullAndStart(ctx, p, ic, { fresh: rng.chance(0.2) });
    ic.cid = containerId(p);
    ic.started = true;
    ic.state = { running: { startedAt: ts(ctx.now) } };
    kubeletTouch(ctx, p);
    emitPod(ctx, p);
    yield rng.range(500, 8000);
    ic.started = false;
    ic.ready = true;
    ic.state = { terminated: { exitCode: 0, reason: "Completed", startedAt: ic.state.running.startedAt, finishedAt: ts(ctx.now), containerID: ic.cid } };
    setCond(p, "Initialized", "True", ctx.now);
    for (const c of p.cs) c.state = { waiting: { reason: "ContainerCreating" } };
    kubeletTouch(ctx, p);
    emitPod(ctx, p);
  }
  // ---- image pull failure
  if (p.scenario === "imagepull") {
    const c = p.cs[0];
    const bad = rng.chance(0.5) ? `${c.image.split(":")[0]}:${rng.pick(["latest-rc", "v0.0.0-dev", "2025.13.1"])}` : c.image;
    const why = bad === c.image
      ? `failed to pull and unpack image "${c.image}": failed to resolve reference "${c.image}": unexpected status from HEAD request to https://${c.image.split("/")[0]}/v2/: 401 Unauthorized`
      : `rpc error: code = NotFound desc = failed to pull and unpack image "${bad}": failed to resolve reference "${bad}": ${bad}: not found`;
    const resolves = rng.chance(0.3);
    let n = resolves ? rng.int(1, 4) : Infinity;
    let backoff = 10;
    while (n-- > 0) {
      podEvent(ctx, p, ctx.now, "Pulling", `Pulling image "${c.image}"`, { container: c.name, key: "pulling" });
      yield rng.range(500, 5000);
      podEvent(ctx, p, ctx.now, "Failed", `Failed to pull image "${c.image}": ${why}`, { type: "Warning", container: c.name, key: "f1" });
      podEvent(ctx, p, ctx.now, "Failed", "Error: ErrImagePull", { type: "Warning", container: c.name, key: "f2" });
      c.state = { waiting: { reason: "ErrImagePull", message: why } };
      kubeletTouch(ctx, p);
      emitPod(ctx, p);
      if (!ctx.wantExtra(p, 1)) return yield* tail(ctx, p);
      yield rng.range(1000, 3000);
      podEvent(ctx, p, ctx.now, "BackOff", `Back-off pulling image "${c.image}"`, { container: c.name, key: "bo" });
      podEvent(ctx, p, ctx.now, "Failed", "Error: ImagePullBackOff", { type: "Warning", container: c.name, key: "f3" });
      c.state = { waiting: { reason: "ImagePullBackOff", message: `Back-off pulling image "${c.image}": ErrImagePull: ${why}` } };
      emitPod(ctx, p);
      if (!ctx.wantExtra(p, 1)) return yield* tail(ctx, p);
      yield t.range(backoff * 1000, backoff * 1500);
      backoff = Math.min(300, backoff * 2);
    }
    if (!resolves) return yield* tail(ctx, p);
  }
  // ---- containers start
  for (const c of p.cs) {
    yield* pullAndStart(ctx, p, c, { fresh: rng.chance(0.45) });
    c.cid = containerId(p);
    c.started = true;
    c.state = { running: { startedAt: ts(ctx.now) } };
  }
  p.phase = "Running";
  kubeletTouch(ctx, p);
  emitPod(ctx, p);
  // ---- job
  if (w.kind === "Job") {
    yield rng.range(5000, 600000);
    const fail = p.scenario === "jobfail";
    const c = p.cs[0];
    c.started = false;
    const code = fail ? rng.pick([1, 2, 5, 137]) : 0;
    c.state = { terminated: { exitCode: code, reason: fail ? (code === 137 ? "OOMKilled" : "Error") : "Completed", startedAt: c.state.running.startedAt, finishedAt: ts(ctx.now), containerID: c.cid } };
    p.phase = fail ? "Failed" : "Succeeded";
    setCond(p, "PodReadyToStartContainers", "False", ctx.now);
    setCond(p, "Ready", "False", ctx.now, "PodCompleted");
    setCond(p, "ContainersReady", "False", ctx.now, "PodCompleted");
    if (fail) { p.conds.get("Ready").reason = "PodFailed"; p.conds.get("ContainersReady").reason = "PodFailed"; }
    kubeletTouch(ctx, p);
    emitPod(ctx, p);
    yield rng.range(200, 2000);
    if (rng.chance(0.5)) emitPod(ctx, p); // job controller drops the tracking finalizer (often folded into the next record)
    if (rng.chance(0.5)) {
      yield rng.range(60000, 3600000); // ttlSecondsAfterFinished
      p.deletion = { at: ctx.now, grace: 0 };
      emitPod(ctx, p);
      emitPod(ctx, p, "DELETED");
      p.deleted = true;
    }
    return;
  }
  // ---- readiness
  if (p.scenario !== "crashloop") {
    yield rng.range(2000, p.scenario === "slowstart" ? 120000 : 15000);
    readyAll(ctx, p);
    kubeletTouch(ctx, p);
    emitPod(ctx, p);
  }
  // ---- steady state: crash loops, probe flaps, restarts
  const deleteAt = ctx.endTime === Infinity || !rng.chance(w.kind === "DaemonSet" ? 0.05 : 0.25) ? Infinity : ctx.now + t.range(0, Math.max(0, ctx.endTime - ctx.now));
  if (p.scenario === "evicted") {
    yield t.range(60000, 3 * 3600000);
    const c = p.cs[0];
    p.phase = "Failed";
    p.statusReason = "Evicted";
    p.statusMessage = `The node was low on resource: memory. Threshold quantity: 100Mi, available: ${rng.int(20000, 99000)}Ki. Container ${c.name} was using ${rng.int(300000, 2000000)}Ki, request is ${w.mem}, has larger consumption of memory. `;
    p.conds.set("DisruptionTarget", { status: "True", at: ctx.now, reason: "TerminationByKubelet", message: "The node was low on resource: memory. Threshold quantity: 100Mi, available: 91348Ki. " });
    podEvent(ctx, p, ctx.now, "Evicted", p.statusMessage.trim(), { type: "Warning", key: false });
    podEvent(ctx, p, ctx.now, "Killing", `Stopping container ${c.name}`, { container: c.name, key: false });
    yield rng.range(1000, 30000);
    for (const cc of p.cs) {
      cc.ready = false; cc.started = false;
      cc.state = { terminated: { exitCode: 137, reason: "Error", startedAt: cc.state.running?.startedAt ?? ts(p.startTime), finishedAt: ts(ctx.now), containerID: cc.cid } };
    }
    setCond(p, "Ready", "False", ctx.now, "PodFailed");
    setCond(p, "ContainersReady", "False", ctx.now, "PodFailed");
    setCond(p, "PodReadyToStartContainers", "False", ctx.now);
    kubeletTouch(ctx, p);
    emitPod(ctx, p);
    if (rng.chance(0.5)) {
      yield t.range(600000, 7200000);
      p.deletion = { at: ctx.now, grace: 0 };
      emitPod(ctx, p);
      emitPod(ctx, p, "DELETED");
      p.deleted = true;
    }
    return;
  }
  let backoff = 10;
  const oom = rng.chance(0.5);
  while (ctx.now < deleteAt && ctx.wantExtra(p, 1)) {
    const remaining = (deleteAt === Infinity ? ctx.endTime : deleteAt) - ctx.now;
    const gap = remaining === Infinity || remaining <= 0 ? t.range(30000, 600000) : t.range(0.2, 1.8) * remaining / (ctx.extrasLeft(p) + 1);
    const c = p.cs[0];
    if (p.scenario === "crashloop") {
      // runs briefly, dies, waits in CrashLoopBackOff, restarts
      yield Math.min(gap, t.range(2000, 60000));
      const startedAt = c.state.running?.startedAt ?? ts(ctx.now);
      const term = oom ? { exitCode: 137, reason: "OOMKilled" } : { exitCode: rng.pick([1, 1, 2, 255]), reason: "Error" };
      c.last = { terminated: { ...term, startedAt, finishedAt: ts(ctx.now), containerID: c.cid } };
      c.restarts++;
      c.ready = false; c.started = false;
      c.state = { waiting: { reason: "CrashLoopBackOff", message: `back-off ${goDuration(backoff * 1000).replace(".0s", "s")} restarting failed container=${c.name} pod=${p.name}_${w.ns}(${p.uid})` } };
      unready(ctx, p, [c.name]);
      kubeletTouch(ctx, p);
      emitPod(ctx, p);
      podEvent(ctx, p, ctx.now, "BackOff", `Back-off restarting failed container ${c.name} in pod ${p.name}_${w.ns}(${p.uid})`, { type: "Warning", container: c.name, key: "backoff" });
      if (!ctx.wantExtra(p, 1)) break;
      yield Math.max(backoff * 1000, gap);
      backoff = Math.min(300, backoff * 2);
      podEvent(ctx, p, ctx.now, "Pulled", `Container image "${c.image}" already present on machine`, { container: c.name });
      podEvent(ctx, p, ctx.now, "Created", `Created container: ${c.name}`, { container: c.name });
      podEvent(ctx, p, ctx.now, "Started", `Started container ${c.name}`, { container: c.name });
      c.cid = containerId(p);
      c.started = true;
      c.state = { running: { startedAt: ts(ctx.now) } };
      kubeletTouch(ctx, p);
      emitPod(ctx, p);
      continue;
    }
    yield gap;
    if (ctx.now >= deleteAt) break;
    const roll = t.next();
    if (roll < 0.75) {
      // readiness probe flap: Ready False, then True again
      podEvent(ctx, p, ctx.now, "Unhealthy", `Readiness probe failed: Get "http://${p.podIP}:${w.containers[0].port}/ready": ${rng.pick(["context deadline exceeded (Client.Timeout exceeded while awaiting headers)", `dial tcp ${p.podIP}:${w.containers[0].port}: connect: connection refused`, "HTTP probe failed with statuscode: 503"])}`, { type: "Warning", container: c.name, key: "unhealthy" });
      c.ready = false;
      unready(ctx, p, [c.name]);
      kubeletTouch(ctx, p);
      emitPod(ctx, p);
      if (!ctx.wantExtra(p, 1)) break;
      yield t.range(10000, 90000);
      readyAll(ctx, p);
      kubeletTouch(ctx, p);
      emitPod(ctx, p);
    } else {
      // liveness failure or OOM: restart in place
      const killed = roll < 0.9;
      if (killed) {
        podEvent(ctx, p, ctx.now, "Unhealthy", `Liveness probe failed: Get "http://${p.podIP}:${w.containers[0].port}/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`, { type: "Warning", container: c.name, key: "liveness" });
        podEvent(ctx, p, ctx.now, "Killing", `Container ${c.name} failed liveness probe, will be restarted`, { container: c.name, key: "killing" });
      }
      c.last = { terminated: { exitCode: killed ? 137 : 137, reason: killed ? "Error" : "OOMKilled", startedAt: c.state.running?.startedAt ?? ts(p.startTime), finishedAt: ts(ctx.now), containerID: c.cid } };
      c.restarts++;
      c.cid = containerId(p);
      c.ready = false;
      c.state = { running: { startedAt: ts(ctx.now + 1000) } };
      unready(ctx, p, [c.name]);
      kubeletTouch(ctx, p);
      emitPod(ctx, p);
      podEvent(ctx, p, ctx.now, "Pulled", `Container image "${c.image}" already present on machine`, { container: c.name });
      podEvent(ctx, p, ctx.now, "Created", `Created container: ${c.name}`, { container: c.name });
      podEvent(ctx, p, ctx.now, "Started", `Started container ${c.name}`, { container: c.name });
      if (!ctx.wantExtra(p, 1)) break;
      yield t.range(5000, 30000);
      readyAll(ctx, p);
      kubeletTouch(ctx, p);
      emitPod(ctx, p);
    }
  }
  if (deleteAt === Infinity) return yield* tail(ctx, p);
  if (ctx.now < deleteAt) yield deleteAt - ctx.now;
  yield* deletePod(ctx, p);
}

function* deletePod(ctx, p) {
  const rng = p.rng;
  p.deletion = { at: ctx.now + 30000, grace: 30 };
  emitPod(ctx, p);
  for (const c of p.cs) if (c.state?.running) podEvent(ctx, p, ctx.now, "Killing", `Stopping container ${c.name}`, { container: c.name, key: false });
  yield rng.range(500, 29000);
  const clean = rng.chance(0.7);
  for (const c of p.cs) {
    const startedAt = c.state?.running?.startedAt;
    c.ready = false; c.started = false;
    if (startedAt) c.state = { terminated: { exitCode: clean ? 0 : 143, reason: clean ? "Completed" : "Error", startedAt, finishedAt: ts(ctx.now), containerID: c.cid } };
    else c.state = { terminated: { exitCode: 137, reason: "ContainerStatusUnknown", message: "The container could not be located when the pod was terminated", startedAt: null, finishedAt: null } };
  }
  if (p.kubeletAt) {
    p.phase = clean ? "Succeeded" : "Failed";
    setCond(p, "Ready", "False", ctx.now, clean ? "PodCompleted" : "PodFailed");
    setCond(p, "ContainersReady", "False", ctx.now, clean ? "PodCompleted" : "PodFailed");
    setCond(p, "PodReadyToStartContainers", "False", ctx.now);
    kubeletTouch(ctx, p);
  }
  emitPod(ctx, p);
  yield rng.range(50, 2000);
  emitPod(ctx, p, "DELETED");
  p.deleted = true;
}

/** A pod that stays until the end: it may take part in the tail fill. */
// biome-ignore lint/correctness/useYield: a generator like every step of a pod's life, so that each is `yield*`ed alike
function* tail(ctx, p) {
  ctx.alive.push(p);
}

// ---------------------------------------------------------------- scheduler (binary heap on time)

class Heap {
  constructor() { this.a = []; }
  get size() { return this.a.length; }
  push(x) {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const j = (i - 1) >> 1;
      if (a[j].t < x.t || (a[j].t === x.t && a[j].seq < x.seq)) break;
      a[i] = a[j]; i = j;
    }
    a[i] = x;
  }
  pop() {
    const a = this.a, top = a[0], last = a.pop();
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        let m = i;
        const l = 2 * i + 1, r = l + 1;
        const less = (u, v) => u.t < v.t || (u.t === v.t && u.seq < v.seq);
        if (l < a.length && less(a[l], m === i ? last : a[m])) m = l;
        if (r < a.length && less(a[r], m === i ? last : a[m])) m = r;
        if (m === i) break;
        a[i] = a[m]; i = m;
      }
      a[i] = last;
    }
    return top;
  }
}

// ---------------------------------------------------------------- writers

const PRETTY_LIST_HEAD = '{\n    "apiVersion": "v1",\n    "items": [\n';
const PRETTY_LIST_TAIL = '\n    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n';

const FORMATS = {
  jsonl: { ext: ".jsonl", head: "", tail: "", rec: (type, obj) => `{"type":"${type}","object":${JSON.stringify(obj)}}\n` },
  watch: { ext: ".watch.json", head: "", tail: "", rec: (type, obj) => `${JSON.stringify({ type, object: obj }, null, 2)}\n` },
  objects: { ext: ".objects.json", head: "", tail: "", rec: (_type, obj) => `${JSON.stringify(obj, null, 4)}\n` },
  list: { ext: ".list.json", head: PRETTY_LIST_HEAD, tail: PRETTY_LIST_TAIL, sep: ",\n", rec: (_type, obj) => `        ${JSON.stringify(obj, null, 4).replace(/\n/g, "\n        ")}` },
  array: { ext: ".array.json", head: "[\n", tail: "\n]\n", sep: ",\n", rec: (_type, obj) => `  ${JSON.stringify(obj, null, 2).replace(/\n/g, "\n  ")}` },
};

class Writer {
  constructor(path, fmt, { gzip = false } = {}) {
    this.path = path;
    this.fmt = fmt;
    this.bytes = 0; // bytes of text (uncompressed)
    this.count = 0;
    this.tmp = `${path}.tmp`;
    this.file = createWriteStream(this.tmp, { highWaterMark: 1 << 20 });
    this.gz = gzip ? createGzip({ level: 6 }) : null;
    if (this.gz) this.gz.pipe(this.file);
    this.out = this.gz ?? this.file;
    this.blocked = false;
    this.buf = [];
    this.bufLen = 0;
    if (fmt.head) this.put(fmt.head);
  }
  put(s) {
    this.buf.push(s);
    this.bufLen += s.length;
    this.bytes += Buffer.byteLength(s);
    if (this.bufLen >= 1 << 20) this.flush();
  }
  record(text) {
    if (this.count > 0 && this.fmt.sep) this.put(this.fmt.sep);
    this.count++;
    this.put(text);
  }
  flush() {
    if (this.buf.length === 0) return;
    if (!this.out.write(this.buf.join(""))) this.blocked = true;
    this.buf = [];
    this.bufLen = 0;
  }
  async drain() {
    // writableNeedDrain, not our flag: the drain may already have happened while awaiting another writer
    if (this.out.writableNeedDrain) await once(this.out, "drain");
    this.blocked = false;
  }
  async close() {
    if (this.fmt.tail) this.put(this.fmt.tail);
    this.flush();
    this.out.end();
    await once(this.file, "close");
    renameSync(this.tmp, this.path);
  }
}

/** OUT.jsonl cut into k consecutive files at line boundaries. */
class PartsWriter {
  constructor(out, k, targetBytes) {
    this.out = out; this.k = k; this.per = targetBytes / k; this.i = 0; this.paths = []; this.bytes = 0;
    this.open();
  }
  open() {
    const path = `${this.out}.part${this.i + 1}.jsonl`;
    this.paths.push(path);
    this.w = new Writer(path, FORMATS.jsonl);
  }
  record(text) {
    if (this.i < this.k - 1 && this.w.bytes >= this.per) {
      this.closing = (this.closing ?? []).concat(this.w.close());
      this.i++;
      this.open();
    }
    this.w.record(text);
    this.bytes += text.length;
  }
  flush() { this.w.flush(); }
  async drain() { await this.w.drain(); }
  async close() { await Promise.all([...(this.closing ?? []), this.w.close()]); }
}

// ---------------------------------------------------------------- simulation

/**
 * Runs the simulation. `sink(type, obj)` receives each record; it returns the
 * bytes added to the primary output. `extrasMean` is the mean number of extra
 * MODIFIED updates a long-lived pod gets. Returns counters.
 */
async function simulate({ seed, pods, extrasMean, targetBytes, sink, flush, durationMs }) {
  const timing = makeRng(mix(seed ^ 0x7777, Math.round(extrasMean * 1000)));
  const workloadCount = Math.max(20, Math.round(pods / 25));
  const workloads = new Map();
  let rv = 4_000_000 + (seed % 1000) * 1000;
  const ctx = {
    seed, now: T0, timing, workloadCount,
    endTime: T0 + durationMs,
    alive: [],
    extras: new Map(),
    bytes: 0, records: 0, podRecords: 0, eventRecords: 0, podsCreated: 0,
    workloadFor: (i) => { let w = workloads.get(i); if (!w) { w = makeWorkload(seed, i); workloads.set(i, w); } return w; },
    nextRv: () => String((rv += 1 + Math.floor(timing.next() * 4))),
    emit: (type, obj, isEvent) => {
      ctx.records++;
      if (isEvent) ctx.eventRecords++; else ctx.podRecords++;
      ctx.bytes += sink(type, obj);
    },
    extrasLeft: (p) => ctx.extras.get(p) ?? 0,
    /** Consumes one extra update of p's budget (weight < 1 for cheap extras); false when spent. */
    wantExtra: (p, weight) => {
      const left = ctx.extras.get(p) ?? 0;
      if (left <= 0) return false;
      ctx.extras.set(p, left - weight);
      return true;
    },
  };
  const heap = new Heap();
  let seq = 0;
  // pod arrivals: exponential gaps over the first 85% of the capture
  const arrivalMean = (durationMs * 0.85) / pods;
  let at = T0;
  for (let i = 0; i < pods; i++) {
    heap.push({ t: at, seq: seq++, start: i });
    at += timing.exp(arrivalMean);
  }
  let stopped = false;
  while (heap.size > 0) {
    const item = heap.pop();
    ctx.now = item.t;
    if (item.start !== undefined) {
      const p = makePod(ctx, item.start);
      // extras per pod: every pod gets a share around the mean (jobs use none)
      ctx.extras.set(p, extrasMean * timing.range(0.5, 1.5));
      ctx.podsCreated++;
      item.gen = lifecycle(ctx, p);
      item.p = p;
    }
    const r = item.gen.next();
    if (!r.done) {
      item.t = ctx.now + Math.max(1, r.value);
      item.seq = seq++;
      item.start = undefined;
      heap.push(item);
    } else ctx.extras.delete(item.p);
    // Every planned pod arrives (its ADDED is written) before the capture may stop.
    if (targetBytes && ctx.bytes >= targetBytes && ctx.podsCreated >= pods) { stopped = true; break; }
    if (flush) await flush();
  }
  // tail fill: pods still alive keep flapping until the target is reached
  const beforeTail = ctx.records;
  if (!stopped && targetBytes && ctx.alive.length > 0) {
    let i = 0;
    const alive = ctx.alive.filter((p) => !p.deleted);
    while (ctx.bytes < targetBytes && alive.length > 0) {
      const p = alive[i++ % alive.length];
      ctx.now += timing.range(50, 2000);
      const c = p.cs[0];
      if (p.scenario === "crashloop" && p.phase === "Running") {
        if (c.state?.running) {
          c.last = { terminated: { exitCode: 137, reason: "OOMKilled", startedAt: c.state.running.startedAt, finishedAt: ts(ctx.now), containerID: c.cid } };
          c.restarts++;
          c.started = false;
          c.state = { waiting: { reason: "CrashLoopBackOff", message: `back-off 5m0s restarting failed container=${c.name} pod=${p.name}_${p.w.ns}(${p.uid})` } };
          podEvent(ctx, p, ctx.now, "BackOff", `Back-off restarting failed container ${c.name} in pod ${p.name}_${p.w.ns}(${p.uid})`, { type: "Warning", container: c.name, key: "backoff" });
        } else {
          c.cid = containerId(p);
          c.started = true;
          c.state = { running: { startedAt: ts(ctx.now) } };
        }
        kubeletTouch(ctx, p);
        emitPod(ctx, p);
      } else if (p.scheduled && p.phase === "Running") {
        if (c.ready) { c.ready = false; unready(ctx, p, [c.name]); podEvent(ctx, p, ctx.now, "Unhealthy", `Readiness probe failed: HTTP probe failed with statuscode: 503`, { type: "Warning", container: c.name, key: "unhealthy" }); }
        else readyAll(ctx, p);
        kubeletTouch(ctx, p);
        emitPod(ctx, p);
      } else if (!p.scheduled) {
        podEvent(ctx, p, ctx.now, "FailedScheduling", p.conds.get("PodScheduled")?.message ?? "0/64 nodes are available", { type: "Warning", scheduler: true, key: "fs" });
      } else {
        const why = c.state?.waiting?.message ?? "";
        if (c.state?.waiting?.reason === "ErrImagePull") c.state = { waiting: { reason: "ImagePullBackOff", message: `Back-off pulling image "${c.image}": ErrImagePull: ${why}` } };
        else c.state = { waiting: { reason: "ErrImagePull", message: why.replace(/^Back-off pulling image "[^"]*": ErrImagePull: /, "") } };
        podEvent(ctx, p, ctx.now, "BackOff", `Back-off pulling image "${c.image}"`, { container: c.name, key: "bo" });
        emitPod(ctx, p);
      }
      if (flush) await flush();
    }
  }
  return { podsCreated: ctx.podsCreated, tailFillRecords: ctx.records - beforeTail, records: ctx.records, podRecords: ctx.podRecords, eventRecords: ctx.eventRecords, bytes: ctx.bytes, workloads: workloads.size };
}

export function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)\s*([KMG]?)i?B?$/i.exec(String(s).trim());
  if (!m) throw new Error(`bad size: ${s}`);
  return Math.round(Number(m[1]) * { "": 1, K: 1e3, M: 1e6, G: 1e9 }[m[2].toUpperCase()]);
}

const DURATION_MS = 8 * 3600 * 1000;

/** Measures primary-format bytes per pod without extras and per unit of extrasMean. */
async function calibrate(seed, format) {
  const n = 150;
  const fmt = FORMATS[format === "gz" || format.startsWith("parts") ? "jsonl" : format];
  const run = (extras) => simulate({ seed: seed ^ 0xabcdef, pods: n, extrasMean: extras, targetBytes: 0, durationMs: DURATION_MS, sink: (type, obj) => fmt.rec(type, obj).length + 2 });
  const a = await run(0);
  const b = await run(6);
  return { base: a.bytes / n, perExtra: Math.max(1, (b.bytes - a.bytes) / n / 6) };
}

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: "string" }, size: { type: "string", default: "100MB" }, pods: { type: "string" }, "same-pods": { type: "boolean", default: false },
      seed: { type: "string", default: "1" }, formats: { type: "string", default: "jsonl" }, quiet: { type: "boolean", default: false },
    },
  });
  if (!values.out) throw new Error("--out PATH (without extension) is required");
  const target = parseSize(values.size);
  const seed = Number(values.seed) >>> 0;
  const formats = values.formats.split(",").map((f) => f.trim()).filter(Boolean);
  const primary = formats[0];
  const cal = await calibrate(seed, primary);
  // Pods: --pods, else as many as leave room for a few MODIFIED updates each.
  // With too many pods for the size, the file grows past the target until the last one arrives.
  const pods = values.pods ? Number(values.pods) : Math.max(10, Math.round(target / (cal.base * 1.3)));
  let extrasMean = Math.max(0, (target / pods - cal.base) / cal.perExtra);
  // Slightly overshoot so the target is reached in the timeline rather than by the tail fill.
  extrasMean *= 1.05;

  const writers = [];
  let primaryWriter = null;
  const jsonl = new Writer(`${values.out}.jsonl`, FORMATS.jsonl);
  const extra = [];
  for (const f of formats) {
    if (f === "jsonl") { if (!primaryWriter) primaryWriter = jsonl; continue; }
    let w;
    if (f === "gz") w = new Writer(`${values.out}.jsonl.gz`, FORMATS.jsonl, { gzip: true });
    else if (f.startsWith("parts")) w = new PartsWriter(values.out, Number(f.slice(5)) || 4, target);
    else if (FORMATS[f]) w = new Writer(`${values.out}${FORMATS[f].ext}`, FORMATS[f]);
    else throw new Error(`unknown format ${f}`);
    extra.push({ f, w });
    if (!primaryWriter && f !== "gz" && !f.startsWith("parts")) primaryWriter = w;
  }
  if (!primaryWriter) primaryWriter = jsonl;
  writers.push(jsonl, ...extra.map((e) => e.w));
  const jsonlDerived = extra.filter((e) => e.f === "gz" || e.f.startsWith("parts")).map((e) => e.w);
  const pretty = extra.filter((e) => FORMATS[e.f]).map((e) => ({ w: e.w, fmt: FORMATS[e.f] }));

  const t0 = performance.now();
  let lastReport = t0;
  const sink = (type, obj) => {
    const line = FORMATS.jsonl.rec(type, obj);
    const before = primaryWriter.bytes;
    jsonl.record(line);
    for (const w of jsonlDerived) w.record(line);
    for (const { w, fmt } of pretty) w.record(fmt.rec(type, obj));
    return primaryWriter.bytes - before;
  };
  const flush = async () => {
    for (const w of writers) if (w.blocked) await w.drain();
    if (!values.quiet && performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      process.stderr.write(`  generate ${values.out}: ${(primaryWriter.bytes / 1e6).toFixed(0)} / ${(target / 1e6).toFixed(0)} MB\n`);
    }
  };
  const stats = await simulate({ seed, pods, extrasMean, targetBytes: target, sink, flush, durationMs: DURATION_MS });
  await Promise.all(writers.map((w) => w.close()));
  const files = { jsonl: { path: `${values.out}.jsonl`, bytes: jsonl.bytes } };
  for (const { f, w } of extra) files[f] = f.startsWith("parts") ? { paths: w.paths, bytes: w.bytes } : { path: w.path, bytes: w.bytes };
  const meta = {
    generator: "test/bench/generate.mjs", seed, target, samePods: values["same-pods"], podsPlanned: pods, extrasMean: Number(extrasMean.toFixed(2)),
    calibration: { basePerPod: Math.round(cal.base), perExtra: Math.round(cal.perExtra) }, ...stats, primary, files,
    seconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
  };
  writeFileSync(`${values.out}.meta.json`, `${JSON.stringify(meta, null, 2)}\n`);
  if (!values.quiet) process.stderr.write(`  generated ${values.out}: ${stats.podsCreated} pods, ${stats.records} records (${stats.eventRecords} events), ${(primaryWriter.bytes / 1e6).toFixed(1)} MB ${primary} in ${meta.seconds}s\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => { process.stderr.write(`${e.stack ?? e}\n`); process.exitCode = 1; });
}
