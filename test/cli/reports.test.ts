import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { pagePods } from "../helpers/htmlData.js";

const CRASH = "samples/crashloop-oomkilled/input";
const PULL = "samples/image-pull-backoff/input";
const UNSCHEDULABLE = "samples/unschedulable/input";
const JOBS = "samples/job-succeeded-and-failed/input";
const EVENTS = "samples/pods-and-events/input";

/** The lines of one section of the text report: from its title to the next blank line. */
function section(text: string, title: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith(title));
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf("", start);
  return lines.slice(start, end === -1 ? undefined : end);
}

// What an SRE needs first in an incident, through the built binary.
describe.concurrent("reports an SRE can act on", () => {
  it("lists every pod not Ready at the end, once-Ready crash-looping pods included, with the captured messages", async () => {
    const r = await runCli(["analyze", CRASH, PULL, UNSCHEDULABLE, JOBS]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const broken = section(r.stdout, "Not ready at the end");
    expect(broken[0]).toBe("Not ready at the end (4 pods: 1 CrashLoopBackOff, 1 Error, 1 ImagePullBackOff, 1 Unschedulable)");
    expect(broken[1]).toMatch(/^ {2}POD +OUTCOME +WAS READY +REASON +CONTAINER +FOR$/);
    const crash = broken.findIndex((l) => l.includes("shop/web-7d4b9c8f6d-x2x9k"));
    expect(broken[crash]).toMatch(/Running +yes +CrashLoopBackOff +app/);
    expect(broken[crash + 1]).toBe("      back-off 40s restarting failed container=app pod=web-7d4b9c8f6d-x2x9k_shop(fa637fe2-02ed-4ecf-b85a-b9ae9ef2ad84)");
    expect(broken[crash + 2]).toBe("      cause: OOMKilled (exit 137) [app] at 2024-11-05T11:01:20Z");
    // The registry's answer, the scheduler's message and a termination message, not only the catalogue's line.
    expect(broken).toContain('      cause: ErrImagePull [nginx] at 2024-11-05T12:00:18Z: rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found');
    expect(broken.some((l) => l.startsWith("      0/4 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 3 Insufficient cpu."))).toBe(true);
    expect(broken).toContain('      migrating orders: applying 0042_add_refunds.up.sql: pq: relation "refunds" already exists');
    const reasons = section(r.stdout, "Failure reasons");
    expect(reasons).toContain("      e.g. 0/4 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.");
  });

  it("puts the same list in JSON (notReadyAtEnd per pod) and in Markdown, messages below the table", async () => {
    const json = JSON.parse((await runCli(["analyze", CRASH, PULL, "-o", "json"])).stdout);
    const web = json.pods.find((p: { name: string }) => p.name === "web-7d4b9c8f6d-x2x9k");
    expect(web.notReadyAtEnd).toEqual({
      reason: "CrashLoopBackOff",
      container: "app",
      message: "back-off 40s restarting failed container=app pod=web-7d4b9c8f6d-x2x9k_shop(fa637fe2-02ed-4ecf-b85a-b9ae9ef2ad84)",
      exitCode: null,
      since: "2024-11-05T11:00:30Z",
      wasReady: true,
      cause: { reason: "OOMKilled", container: "app", message: null, exitCode: 137, at: "2024-11-05T11:01:20Z" },
    });
    expect(json.summary.failures.find((f: { reason: string }) => f.reason === "ErrImagePull").exampleMessage).toContain("nginx:1.99: not found");
    const md = (await runCli(["analyze", CRASH, PULL, "-o", "markdown"])).stdout;
    expect(md).toContain("## Not ready at the end (2 pods)");
    expect(md).toContain("| `shop/web-7d4b9c8f6d-x2x9k` | Running | yes | CrashLoopBackOff [app] |");
    expect(md).toMatch(/\n- `payments\/edge-proxy-6c9f7d5b8-q7wzt` \*\*ImagePullBackOff\*\*: Back-off pulling image "nginx:1\.99" — cause: ErrImagePull .*not found\n/);
    expect(md).toContain("- **2 pods were not ready at the end** (1 of them was Ready before)");
  });

  it("changes every format with --group-by: a per-group section in text, Markdown and HTML, a group column in CSV", async () => {
    const inputs = [EVENTS, CRASH, PULL, UNSCHEDULABLE];
    for (const format of ["text", "markdown", "csv", "json", "html"]) {
      const plain = await runCli(["analyze", ...inputs, "-o", format]);
      const grouped = await runCli(["analyze", ...inputs, "-o", format, "--group-by", "node"]);
      expect({ format, code: grouped.code, stderr: grouped.stderr }).toEqual({ format, code: 0, stderr: "" });
      expect(grouped.stdout, format).not.toBe(plain.stdout);
    }
    const text = (await runCli(["analyze", ...inputs, "--group-by", "node"])).stdout;
    expect(section(text, "By node")).toEqual([
      "By node (3 nodes, worst first)",
      "  NODE                        PODS  NOT READY  STARTUP P50 / P99  PULL P99  TOP FAILURE",
      "  ip-10-0-44-7.ec2.internal      2          1          19s / 19s      6.9s  Failed (1 pod) +3 more",
      "  ip-10-0-12-31.ec2.internal     2          1           9s / 17s      5.5s  OOMKilled (1 pod) +1 more",
      "  (none)                         1          1                  -         -  Unschedulable (1 pod)",
    ]);
    const md = (await runCli(["analyze", ...inputs, "--group-by", "node", "-o", "md"])).stdout;
    expect(md).toContain("## By node (3 nodes, worst first)\n\n| Node | Pods | Not ready | Startup p50 | Startup p99 | Pull p99 | Top failure |");
    const csv = (await runCli(["analyze", EVENTS, "--group-by", "node", "-o", "csv"])).stdout.split("\r\n");
    expect(csv[0]).toMatch(/^group,namespace,name,/);
    expect(csv[1]).toMatch(/^ip-10-0-12-31\.ec2\.internal,shop,storefront-7f9c6d8b5-m2vbk,/);
  });

  it("puts every pod in the HTML page, with the Markdown report's sections and the groups", async () => {
    const inputs = [EVENTS, CRASH, PULL, UNSCHEDULABLE, JOBS];
    const r = await runCli(["analyze", ...inputs, "-o", "html", "--group-by", "node", "--top", "1"]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    const json = JSON.parse((await runCli(["analyze", ...inputs, "-o", "json"])).stdout) as { pods: { namespace: string; name: string; notReadyAtEnd: unknown }[] };
    // --top cuts the lists, never the timeline.
    expect(pagePods(r.stdout).map((p) => `${p.ns}/${p.name}`).sort()).toEqual(json.pods.map((p) => `${p.namespace}/${p.name}`).sort());
    for (const id of ["findings", "not-ready", "stages", "groups", "failures", "slowest", "timeline"]) expect(r.stdout, id).toContain(`<section id="${id}"`);
    const notReady = json.pods.filter((p) => p.notReadyAtEnd !== null).length;
    expect(notReady).toBeGreaterThan(2);
    expect(r.stdout).toContain(`<h2 id="not-ready-h">Not ready at the end <span class="muted">(${notReady} pods)</span></h2>`);
    expect(r.stdout).toContain(`… ${notReady - 1} more pods not shown here`);
    expect(r.stdout).toContain('<h2 id="groups-h">By node <span class="muted">(');
  });

  it("groups by image: pull times and pull failures of the containers that run each image", async () => {
    const inputs = [EVENTS, PULL];
    const json = JSON.parse((await runCli(["analyze", ...inputs, "-o", "json", "--group-by", "image"])).stdout);
    expect(json.groupBy).toBe("image");
    const byImage = Object.fromEntries(json.groups.map((g: { group: string }) => [g.group, g]));
    expect(Object.keys(byImage)).toEqual(["envoyproxy/envoy:v1.31.2", "ghcr.io/acme/storefront-migrations:3.2.0", "ghcr.io/acme/storefront:3.2.0", "nginx:1.99"]);
    expect(byImage["nginx:1.99"]).toMatchObject({ notReadyAtEnd: 1, imagePulls: { containers: 1, cached: 0, failures: 14, failedPods: 1, pullMs: { count: 0 } } });
    expect(byImage["nginx:1.99"].imagePulls.lastFailure).toContain("nginx:1.99: not found");
    expect(byImage["envoyproxy/envoy:v1.31.2"].imagePulls).toMatchObject({ containers: 2, cached: 2, failures: 0, pullMs: { count: 2, max: 0 } });
    // A pod is in the group of each image it runs: the storefront pods run three.
    expect(byImage["ghcr.io/acme/storefront:3.2.0"].summary.pods).toBe(2);
    const text = (await runCli(["analyze", ...inputs, "--group-by", "image"])).stdout;
    const images = section(text, "By image");
    expect(images[0]).toBe("By image (4 images, worst first)");
    expect(images[1]).toMatch(/^ {2}IMAGE +PODS +PULLS +CACHED +PULL P50 \/ P99 +PULL FAILURES +NOT READY$/);
    expect(images[2]).toMatch(/^ {2}nginx:1\.99 +1 +0 +0 +- +1 pod \(14\) +1$/);
    expect(images[3]).toMatch(/^ {6}rpc error: code = NotFound .*nginx:1\.99: not found$/);
  });

  it("reads --group-by stateful as storage: the same report", async () => {
    const stateful = await runCli(["analyze", EVENTS, "-o", "json", "--group-by", "stateful"]);
    const storage = await runCli(["analyze", EVENTS, "-o", "json", "--group-by", "storage"]);
    expect(stateful.code).toBe(0);
    expect(stateful.stdout).toBe(storage.stdout);
    expect(JSON.parse(stateful.stdout).groupBy).toBe("storage");
  });

  it("shows each stage's distribution: a sparkline per stage in text on one axis, the buckets in JSON", async () => {
    const text = (await runCli(["analyze", EVENTS, CRASH])).stdout;
    const stages = section(text, "Start-up stages");
    expect(stages[1]).toMatch(/^ {2}STAGE +PODS +P50 +P90 +P99 +MAX +DISTRIBUTION$/);
    const column = stages[1]!.indexOf("DISTRIBUTION");
    // Scheduling took 0ms, 1s and 1s: a third in the first bucket, two thirds in 1s-2s.
    expect(stages[2]!.slice(column)).toBe("▄   █");
    expect(stages.at(-1)).toBe("  DISTRIBUTION: one column per bucket from 0 to 20s, edges 100ms 250ms 500ms 1s 2s 5s 10s");
    const json = JSON.parse((await runCli(["analyze", EVENTS, CRASH, "-o", "json"])).stdout);
    expect(json.summary.stages.scheduling.histogram).toEqual([
      { fromMs: 0, toMs: 100, count: 1 },
      { fromMs: 100, toMs: 250, count: 0 },
      { fromMs: 250, toMs: 500, count: 0 },
      { fromMs: 500, toMs: 1000, count: 0 },
      { fromMs: 1000, toMs: 2000, count: 2 },
    ]);
    expect(json.summary.stages.imagePull.histogram).toEqual([{ fromMs: 5000, toMs: 10000, count: 2 }]);
  });

  it("writes CSV tables of failures (messages whole), containers (images, pulls) and groups, with a UTF-8 BOM on request", async () => {
    const rows = async (...args: string[]) => {
      const r = await runCli(["analyze", PULL, JOBS, EVENTS, "-o", "csv", ...args]);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 0, stderr: "" });
      return r.stdout.split("\r\n").filter((l) => l !== "");
    };
    const failures = await rows("--csv", "failures");
    expect(failures[0]).toBe("namespace,name,uid,node,reason,category,container,image,count,firstSeen,lastSeen,exitCodes,message");
    expect(failures).toContain(
      'payments,edge-proxy-6c9f7d5b8-q7wzt,2bd5fb66-cfba-47ec-8916-7e646edcca82,ip-10-0-44-7.ec2.internal,ErrImagePull,image,nginx,nginx:1.99,2,2024-11-05T12:00:03Z,2024-11-05T12:00:18Z,,"rpc error: code = NotFound desc = failed to pull and unpack image ""docker.io/library/nginx:1.99"": failed to resolve reference ""docker.io/library/nginx:1.99"": docker.io/library/nginx:1.99: not found"',
    );
    // A termination message with its line break, quoted as RFC 4180 says.
    expect((await runCli(["analyze", JOBS, "-o", "csv", "--csv", "failures"])).stdout).toContain(',1,"migrating orders: applying 0042_add_refunds.up.sql: pq: relation ""refunds"" already exists\n"\r\n');
    const containers = await rows("--csv", "containers");
    expect(containers[0]).toBe("namespace,name,uid,node,container,init,image,imagePullMs,cached,firstStartedAt,restarts,restartReasons");
    expect(containers).toContain("shop,storefront-7f9c6d8b5-m2vbk,ca7aa5fb-e92a-469d-87dd-00e4199c2da1,ip-10-0-12-31.ec2.internal,migrate,true,ghcr.io/acme/storefront-migrations:3.2.0,2253,false,2024-11-05T21:00:04Z,0,");
    const pods = await rows();
    expect(pods[0]).toMatch(/,restarts,failures,containers,images,notReadyAtEnd$/);
    expect(pods.find((l) => l.startsWith("shop,storefront-7f9c6d8b5-m2vbk,"))).toMatch(/,migrate \(init\); app; envoy,ghcr\.io\/acme\/storefront-migrations:3\.2\.0; ghcr\.io\/acme\/storefront:3\.2\.0; envoyproxy\/envoy:v1\.31\.2,$/);
    const groups = await rows("--csv", "groups", "--group-by", "image");
    expect(groups[0]).toMatch(/^group,pods,notReadyAtEnd,scheduling\.count,scheduling\.p50Ms,scheduling\.p90Ms,scheduling\.p99Ms,scheduling\.maxMs,/);
    expect(groups[0]).toMatch(/,imagePulls\.containers,imagePulls\.cached,imagePulls\.p50Ms,imagePulls\.p99Ms,imagePulls\.failures,imagePulls\.lastFailure$/);
    expect(groups.find((l) => l.startsWith("nginx:1.99,"))).toMatch(/,1,0,,,14,"rpc error: .*not found"$/);
    const bom = await runCli(["analyze", EVENTS, "-o", "csv", "--bom"]);
    expect(bom.stdout.startsWith("\ufeffnamespace,name,")).toBe(true);
    expect((await runCli(["analyze", EVENTS, "-o", "csv"])).stdout.startsWith("namespace,")).toBe(true);
    for (const [args, message] of [
      [["--bom"], "podtrail: --csv and --bom are for -o csv\n"],
      [["-o", "csv", "--csv", "groups"], "podtrail: --csv groups needs --group-by (namespace, node, owner, storage or image)\n"],
    ] as const) {
      expect(await runCli(["analyze", EVENTS, ...args])).toMatchObject({ code: 2, stdout: "", stderr: message });
    }
  });
});
