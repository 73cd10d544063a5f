import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create } from "tar";
import { beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { noCaptureMessage } from "../../src/noCapture.js";
import type { PodReport, Report } from "../../src/types.js";

/**
 * samples/must-gather-yaml (a must-gather tree: oc adm inspect YAML Lists, a
 * README, a script), that tree as a .tar.gz, and samples/must-gather-watch-jsonl
 * (the same capture recorded live as watch JSONL) give the same pods and
 * figures wherever a snapshot holds the same facts as the watch.
 */
const TREE = "samples/must-gather-yaml/input";
const JSONL = "samples/must-gather-watch-jsonl/input";
let tgz = "";

beforeAll(async () => {
  tgz = join(mkdtempSync(join(tmpdir(), "podtrail-mg-")), "must-gather.tar.gz");
  await create({ cwd: TREE, file: tgz, gzip: true, portable: true }, ["must-gather.local.5417283091724612349"]);
});

/**
 * What a snapshot and a watch both know of a pod: its times and figures,
 * outcome, containers, and the failures its events carry. A snapshot did not
 * see the transitions it shows already done: their times are only bounds
 * (`notAfter`, `boundsMs`: docs/spec.md), which for a pod whose conditions
 * were not rewritten since are the watch's measured times.
 */
function facts(p: PodReport): unknown {
  const timestamps = Object.fromEntries(Object.entries(p.timestamps).map(([k, v]) => [k, v ?? p.notAfter[k as keyof typeof p.notAfter] ?? null]));
  const durationsMs = Object.fromEntries(
    Object.entries(p.durationsMs).map(([k, v]) => {
      const bound = p.boundsMs[k as keyof typeof p.boundsMs];
      return [k, v ?? (bound === undefined ? null : "atMost" in bound ? bound.atMost : bound.atLeast)];
    }),
  );
  return {
    key: `${p.namespace}/${p.name}/${p.uid}`,
    node: p.node,
    owner: p.owner,
    outcome: p.outcome,
    stuckIn: p.stuckIn,
    timestamps,
    durationsMs,
    containers: p.containers,
    eventFailures: p.failures.filter((f) => ["Failed", "BackOff", "Unhealthy", "FailedScheduling"].includes(f.reason)),
    events: p.events,
  };
}

const byPod = (r: Report) => r.pods.map(facts);

describe("a must-gather tree, its .tar.gz and the same capture as watch JSONL", () => {
  it("give the same pods and figures", async () => {
    const [tree, archive, watch] = [await analyze([TREE]), await analyze([tgz]), await analyze([JSONL])];
    expect(tree.pods.map((p) => p.name)).toEqual(["api-6c7d9f8b5-m2p7r", "web-5d8f7c9b6-4xkqz", "worker-0"]);
    expect(byPod(archive)).toEqual(byPod(tree));
    expect(byPod(watch)).toEqual(byPod(tree));
    expect(archive.summary).toEqual(tree.summary);
    // Event-borne failures agree in the summary too; the watch adds what only it saw (docs: samples/must-gather-watch-jsonl/README.md).
    const eventBorne = (r: Report) => r.summary.failures.filter((f) => ["Failed", "BackOff", "Unhealthy", "FailedScheduling"].includes(f.reason));
    expect(eventBorne(watch)).toEqual(eventBorne(tree));
    // The snapshot's summaries count measured figures only; with its bounds counted they are the watch's.
    expect(Object.values((await analyze([TREE], { includePartial: true })).summary.stages).map(({ leftOut: _, ...s }) => s)).toEqual(
      Object.values(watch.summary.stages).map(({ leftOut: _, ...s }) => s),
    );
    expect(watch.summary.failures.map((f) => f.reason).filter((r) => !tree.summary.failures.some((f) => f.reason === r))).toEqual(["ErrImagePull", "Unschedulable"]);
  });

  it("the tree's files that are no capture are said once each, in the tree and in the archive alike", async () => {
    for (const [report, prefix] of [
      [await analyze([TREE]), `${TREE}/`],
      [await analyze([tgz]), `${tgz}:`],
    ] as const) {
      const said = report.inputs.filter((i) => i.looksLike !== null).map((i) => [i.name.slice(prefix.length).replace(/^.*\//, ""), i.looksLike]);
      expect(said).toEqual([
        ["README.md", "looks like text, not a capture"],
        ["gather-shop.sh", "looks like a script, not a capture"],
        ["timestamp", "looks like text, not a capture"],
      ]);
      expect(report.warnings.map((w) => w.diagnostic.kind)).toEqual(["noCapture", "noCapture", "noCapture"]);
      expect(noCaptureMessage(report)).toBeNull();
    }
  });

  it("--include reads the captures alone", async () => {
    const report = await analyze([tgz], { include: ["**/core/*.yaml"] });
    expect(report.inputs.map((i) => [i.name.replace(/^.*\//, ""), i.format, i.records])).toEqual([
      ["events.yaml", "yaml", 17],
      ["pods.yaml", "yaml", 3],
    ]);
    expect(report.warnings).toEqual([]);
  });
});
