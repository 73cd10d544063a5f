#!/usr/bin/env node
// Writes N records of one pod, each the same status with the next
// resourceVersion (1001, 1002, ...): the input of the "records that change
// nothing" memory target (docs/performance.md). Each record's managedFields
// time is a second after the previous one's (a metadata-only update, as a
// controller that touches an annotation makes). With --irregular, versions
// climb by 1 to 5000 and times by 1 to 20 s, at random (seeded), as a pod's
// records do in a cluster busy with other objects. Usage:
//   node test/bench/same-status.mjs [--irregular] OUT.jsonl [N=2000000]
import { createWriteStream } from "node:fs";
import { once } from "node:events";

const args = process.argv.slice(2);
const irregular = args[0] === "--irregular";
if (irregular) args.shift();
const [out, count = "2000000"] = args;
if (out === undefined) {
  process.stderr.write("usage: same-status.mjs [--irregular] OUT.jsonl [N]\n");
  process.exit(2);
}
const n = Number(count);
const status = {
  phase: "Running",
  conditions: [{ type: "Ready", status: "True" }],
  containerStatuses: [{ name: "app", ready: true, state: { running: { startedAt: "2026-03-09T06:00:04Z" } } }],
};
const [head, middle, tail] = JSON.stringify({
  type: "MODIFIED",
  object: {
    kind: "Pod",
    apiVersion: "v1",
    metadata: {
      name: "p",
      namespace: "ns",
      uid: "3a9bb260-ff40-457d-9318-626fd47daba5",
      resourceVersion: "@RV@",
      managedFields: [{ manager: "annotator", time: "@TIME@" }],
    },
    spec: { nodeName: "node-1" },
    status,
  },
}).split(/@RV@|@TIME@/);
const start = Date.parse("2026-03-09T06:00:00Z");
// mulberry32: the same file on every run.
let seed = 1;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const file = createWriteStream(out);
let batch = "";
let version = 1001;
let time = start;
for (let i = 0; i < n; i++) {
  batch += `${head}${version}${middle}${new Date(time).toISOString().slice(0, 19)}Z${tail}\n`;
  version += irregular ? 1 + Math.floor(random() * 5000) : 1;
  time += irregular ? 1000 * (1 + Math.floor(random() * 20)) : 1000;
  if (batch.length > 1 << 20) {
    if (!file.write(batch)) await once(file, "drain");
    batch = "";
  }
}
file.end(batch);
await once(file, "finish");
