import { envelope, pod, podEvent } from "./pods.js";
import { reportOf } from "./report.js";
import type { Report } from "../../src/types.js";

/*
 * A busy cluster of many pods, in records of the shapes the API server and
 * the kubelet write, with the long names, images and messages real clusters
 * have: for reports at scale (tables, cut notes, layout). Deterministic.
 */

const APPS = ["checkout", "payment-gateway-reconciliation-worker", "search-indexer", "media-transcoder-gpu", "ledger-export", "frontend", "notification-dispatcher-canary"];
const IMAGES = [
  "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform/payment-gateway-reconciliation-worker:v2024.11.05-7f3e2a1",
  "ghcr.io/acme/search-indexer:5.12.0",
  "us-docker.pkg.dev/acme-prod/media/transcoder-gpu:cuda12.4-ffmpeg7.1",
  "docker.io/library/nginx:1.27.3",
  "quay.io/acme/ledger-export:v5.1.7",
];
const ORACLE = "java.lang.OutOfMemoryError: Java heap space\n\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)\n\tat com.acme.payments.reconcile.BatchLoader.load(BatchLoader.java:212)\n\tat com.acme.payments.reconcile.Worker.run(Worker.java:88)";
const PULL_ERROR =
  'rpc error: code = NotFound desc = failed to pull and unpack image "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform/payment-gateway-reconciliation-worker:v2024.11.06-broken": failed to resolve reference: not found';
const SCHEDULER = "0/240 nodes are available: 12 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 180 Insufficient cpu, 48 Insufficient memory. preemption: 0/240 nodes are available: 228 No preemption victims found for incoming pod, 12 Preemption is not helpful for scheduling.";

/** `pods` pods over 240 nodes and 12 namespaces: most start, some crash-loop after being Ready, some cannot pull or be scheduled. */
export function busyCluster(pods: number): Report {
  const records: unknown[] = [];
  const events: unknown[] = [];
  let rv = 1;
  for (let i = 0; i < pods; i++) {
    const app = APPS[i % APPS.length]!;
    const name = `${app}-${(0x5f8d9c7b6 + (i % 97)).toString(16)}-${(i * 7919).toString(36).padStart(5, "x").slice(-5)}`;
    const namespace = `team-${(i % 12).toString().padStart(2, "0")}-production`;
    const uid = `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
    const node = `ip-10-${(i % 240) >> 4}-${i % 16}-${(i % 240) + 10}.eu-west-1.compute.internal`;
    const image = IMAGES[i % IMAGES.length]!;
    const t = (i % 3600) * 2;
    const base = { uid, name, namespace, created: t, containers: [{ name: "app", image }], owner: { kind: "ReplicaSet", name: name.slice(0, name.lastIndexOf("-")) } };
    const sched = { type: "PodScheduled", status: "True", at: t + 1 + (i % 5) };
    records.push(envelope("ADDED", pod({ ...base, rv: rv++ })));
    if (i % 17 === 3) {
      records.push(envelope("MODIFIED", pod({ ...base, rv: rv++, conditions: [{ type: "PodScheduled", status: "False", at: t + 1, reason: "Unschedulable", message: SCHEDULER }] })));
      continue;
    }
    if (i % 13 === 5) {
      const waiting = { type: "Ready", status: "False", at: t + 2, reason: "ContainersNotReady", message: "containers with unready status: [app]" };
      records.push(envelope("MODIFIED", pod({ ...base, rv: rv++, node, conditions: [sched, waiting], statuses: [{ name: "app", state: { waiting: "ErrImagePull", message: PULL_ERROR } }] })));
      records.push(envelope("MODIFIED", pod({ ...base, rv: rv++, node, conditions: [sched, waiting], statuses: [{ name: "app", state: { waiting: "ImagePullBackOff", message: `Back-off pulling image "${image}"` } }] })));
      continue;
    }
    const startedAt = t + 4 + (i % 11);
    const readyAt = startedAt + 1 + (i % 29);
    records.push(envelope("MODIFIED", pod({ ...base, rv: rv++, node, phase: "Running", conditions: [sched, { type: "Ready", status: "True", at: readyAt }], statuses: [{ name: "app", state: { running: startedAt }, ready: true }] })));
    events.push(envelope("ADDED", podEvent({ name, uid, namespace, reason: "Pulled", type: "Normal", container: "app", s: startedAt - 1, message: `Successfully pulled image "${image}" in ${(i % 40) / 10 + 0.2}s (${(i % 40) / 10 + 0.3}s including waiting). Image size: 48213654 bytes.` })));
    if (i % 7 === 2) {
      const oom = { terminated: "OOMKilled", exitCode: 137, started: startedAt, finished: readyAt + 30, id: `c-${i}`, message: ORACLE };
      const notReady = { type: "Ready", status: "False", at: readyAt + 30, reason: "ContainersNotReady", message: "containers with unready status: [app]" };
      records.push(
        envelope(
          "MODIFIED",
          pod({ ...base, rv: rv++, node, phase: "Running", conditions: [sched, notReady], statuses: [{ name: "app", state: { waiting: "CrashLoopBackOff", message: `back-off 5m0s restarting failed container=app pod=${name}_${namespace}(${uid})` }, last: oom, restarts: 7 }] }),
        ),
      );
    }
  }
  return reportOf({ "pods.jsonl": records, "events.jsonl": events });
}
