import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { gateStatistic } from "../../src/summarize/gates.js";

/*
 * Every --fail-if gate through the built binary, breached and held, on the
 * samples (their READMEs give each pod's figures): a pod stuck Unschedulable
 * (no pod became ready), an image that cannot be pulled, a crash loop,
 * pods stuck terminating, a List with partial pods, and a healthy run.
 */
const UNSCHEDULABLE = "samples/unschedulable/input"; // 1 pod, Pending Unschedulable
const HEALTHY = "samples/kube-burner-parity/input"; // 3 pods, all ready; startup 3s, 5s, 12s
const IMAGE = "samples/image-pull-backoff/input"; // 1 pod, stuck in ImagePullBackOff
const CRASH = "samples/crashloop-oomkilled/input"; // 1 pod, ready once, then OOMKilled and CrashLoopBackOff
const TERMINATING = "samples/stuck-terminating/input"; // 4 pods, 2 stuck terminating
const LIST = "samples/list-snapshot/input"; // 4 pods, 3 partial, one Unschedulable, one in CrashLoopBackOff
const JOBS = "samples/batch-run-list/input"; // 4 Job pods that ran to completion, never ready

async function gate(input: string, ...gates: string[]) {
  const r = await runCli(["analyze", input, "-o", "json", "-q", ...gates.flatMap((g) => ["--fail-if", g])]);
  const breaches = r.stderr
    .split("\n")
    .filter((l) => l.startsWith("podtrail: threshold breached: "))
    .map((l) => l.slice("podtrail: threshold breached: ".length));
  return { code: r.code, breaches, stderr: r.stderr, thresholds: r.code === 2 ? [] : JSON.parse(r.stdout).thresholds };
}

describe.concurrent("--fail-if gates cannot pass on broken data", () => {
  it("a stage gate breaches when the only pod never got scheduled: it counts above every limit", async () => {
    const r = await gate(UNSCHEDULABLE, "startup.p99>5s");
    expect(r.code).toBe(1);
    expect(r.breaches).toEqual(["startup.p99>5s: p99 not reached: 1 of 1 pod never reached startup (counted above every limit): ml/inference-7b5d9f6c48-wx7tk"]);
    expect(r.thresholds).toEqual([
      { expression: "startup.p99>5s", kind: "stage", valueMs: null, notReached: true, count: null, pods: 1, unfinished: 1, breached: true, examples: ["ml/inference-7b5d9f6c48-wx7tk"] },
    ]);
  });

  it("a stage gate holds on a healthy run, and breaches on it with a lower limit, in the report's duration format", async () => {
    const held = await gate(HEALTHY, "startup.p99>30s", "startup.p50<=5s");
    expect(held.code).toBe(1);
    expect(held.breaches).toEqual(["startup.p50<=5s: p50 is 5s"]);
    expect(held.thresholds.map((t: { valueMs: number }) => t.valueMs)).toEqual([12_000, 5_000]);
    const breached = await gate(HEALTHY, "startup.p99>10s");
    expect(breached.code).toBe(1);
    expect(breached.breaches).toEqual(["startup.p99>10s: p99 is 12s"]);
    expect((await gate(HEALTHY, "startup.p99>12s")).code).toBe(0);
  });

  it("--exclude-unfinished leaves the pods that never reached the stage out: the gate then has nothing to look at and says so", async () => {
    const r = await runCli(["analyze", UNSCHEDULABLE, "-o", "json", "--fail-if", "startup.p99>5s", "--exclude-unfinished"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("podtrail: note: startup.p99>5s: no pod has a startup figure, nothing to compare (1 pod selected)\n");
    expect(JSON.parse(r.stdout).thresholds[0]).toMatchObject({ valueMs: null, notReached: false, unfinished: 0, breached: false });
  });

  it("a percentile below the unfinished pods' rank is still measured; max is not", async () => {
    // 4 pods: 2 ready (cart, cleanup ran to completion and is exempt), worker in CrashLoopBackOff and thumbnailer Unschedulable never ready.
    const r = await gate(LIST, "scheduling.p50>1h", "scheduling.max>1h");
    expect(r.thresholds.map((t: { valueMs: number | null; notReached: boolean; unfinished: number }) => [t.valueMs, t.notReached, t.unfinished])).toEqual([
      [r.thresholds[0].valueMs, false, 1],
      [null, true, 1],
    ]);
    expect(r.breaches).toEqual(["scheduling.max>1h: max not reached: 1 of 4 pods never reached scheduling (counted above every limit): shop/thumbnailer-6d9f8c7b5-2lxrw"]);
  });

  it("notReady>0: breached by a pod that never became ready, held by a ready run and by Job pods that ran to completion", async () => {
    const stuck = await gate(UNSCHEDULABLE, "notReady>0");
    expect(stuck.code).toBe(1);
    expect(stuck.breaches).toEqual(["notReady>0: 1 pod never became ready (100% of 1): ml/inference-7b5d9f6c48-wx7tk"]);
    expect((await gate(HEALTHY, "notReady>0")).code).toBe(0);
    const jobs = await gate(JOBS, "notReady>0");
    expect(jobs.code).toBe(0);
    expect(jobs.thresholds[0]).toMatchObject({ count: 0, pods: 4 });
    // A share: 2 of 4 pods of the List never became ready.
    expect((await gate(LIST, "notReady>=50%")).code).toBe(1);
    expect((await gate(LIST, "notReady>50%")).code).toBe(0);
  });

  it("stuck>0: pods stuck starting and pods stuck terminating", async () => {
    const image = await gate(IMAGE, "stuck>0");
    expect(image.code).toBe(1);
    expect(image.breaches).toEqual(["stuck>0: 1 pod was stuck at the end of the capture (100% of 1): payments/edge-proxy-6c9f7d5b8-q7wzt"]);
    const terminating = await gate(TERMINATING, "stuck>1");
    expect(terminating.code).toBe(1);
    expect(terminating.thresholds[0]).toMatchObject({ count: 2, pods: 4 });
    expect((await gate(TERMINATING, "stuck>2")).code).toBe(0);
    expect((await gate(HEALTHY, "stuck>0")).code).toBe(0);
  });

  it("failures>0, failures.<category>, failures.<reason>>N: pods that showed them", async () => {
    const any = await gate(CRASH, "failures>0");
    expect(any.code).toBe(1);
    expect(any.breaches).toEqual(["failures>0: 1 pod showed a failure (100% of 1): shop/web-7d4b9c8f6d-x2x9k"]);
    expect((await gate(HEALTHY, "failures>0")).code).toBe(0);
    const category = await gate(IMAGE, "failures.image>0", "failures.runtime>0");
    expect(category.code).toBe(1);
    expect(category.breaches).toEqual(["failures.image>0: 1 pod showed a failure of category image (100% of 1): payments/edge-proxy-6c9f7d5b8-q7wzt"]);
    const reason = await gate(CRASH, "failures.CrashLoopBackOff>0", "failures.CrashLoopBackOff>1", "failures.ImagePullBackOff>0");
    expect(reason.breaches).toEqual(["failures.CrashLoopBackOff>0: 1 pod showed CrashLoopBackOff (100% of 1): shop/web-7d4b9c8f6d-x2x9k"]);
  });

  it("partial>N%: exact at the boundary (3 of 4 is 75%, not more)", async () => {
    const r = await gate(LIST, "partial>50%", "partial>75%", "partial>=75%", "partial>3");
    expect(r.thresholds.map((t: { breached: boolean }) => t.breached)).toEqual([true, false, true, false]);
    expect(r.breaches[0]).toBe(
      "partial>50%: 3 pods were first seen after start-up began (partial) (75% of 4): shop/cart-84d5c7b9f6-8kqzl, shop/cleanup-28848060-5vj8k, shop/worker-5c8f7d6b94-t6hvn",
    );
    expect((await gate(HEALTHY, "partial>0%")).code).toBe(0);
  });

  it("refuses a bare number (saying which units there are) and a duration where pods are counted, exit 2 in one line", async () => {
    const bare = await gate(HEALTHY, "startup.p99>5000");
    expect(bare.code).toBe(2);
    expect(bare.stderr).toBe(
      "podtrail: --fail-if 'startup.p99>5000': '5000' has no unit: write 5000ms, or seconds (5s), minutes (2m), hours (1h); a bare number is not read as milliseconds\n",
    );
    const count = await gate(HEALTHY, "notReady>5s");
    expect(count.code).toBe(2);
    expect(count.stderr).toBe("podtrail: --fail-if 'notReady>5s': notReady counts pods: give a number of pods (0, 3) or a share of them (5%), not '5s'\n");
  });
});

describe("gate statistics with unfinished pods (nearest rank, unfinished pods last)", () => {
  it("takes the figures' nearest rank while it falls on one, else +Infinity", () => {
    const values = [3000, 5000, 12_000];
    expect(gateStatistic(values, 0, "p99")).toBe(12_000);
    expect(gateStatistic(values, 1, "p50")).toBe(5000); // rank ceil(0.5·4) = 2
    expect(gateStatistic(values, 1, "p90")).toBe(Number.POSITIVE_INFINITY); // rank 4 is the unfinished pod
    expect(gateStatistic(values, 1, "min")).toBe(3000);
    expect(gateStatistic(values, 1, "max")).toBe(Number.POSITIVE_INFINITY);
    expect(gateStatistic(values, 1, "mean")).toBe(Number.POSITIVE_INFINITY);
    expect(gateStatistic(values, 0, "mean")).toBeCloseTo(6666.667, 3);
    expect(gateStatistic([], 2, "min")).toBe(Number.POSITIVE_INFINITY);
    expect(gateStatistic([], 0, "p50")).toBeNull();
  });
});
