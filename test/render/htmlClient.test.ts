import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildPageData } from "../../src/render/html/timelineData.js";
import { decodePods } from "../../src/render/html/client/decode.js";
import { isoTime } from "../../src/render/html/client/isoTime.js";
import { matches, parseQuery, searchText } from "../../src/render/html/client/filter.js";
import { formatTime } from "../../src/kube/time.js";
import { humanizeMs } from "../../src/render/humanize.js";
import { STAGES, TIMESTAMP_NAMES } from "../../src/types.js";
import { busyCluster } from "../helpers/cluster.js";

/*
 * The HTML page's script, its modules run in Node: the data it decodes is the
 * report's, its times read as every report writes them, its filter matches
 * what it says. (html.test.ts and htmlScale.test.ts run it in Chromium.)
 */

const cluster = busyCluster(600);

describe("the page's data", () => {
  it("decodes to every pod of the report with its figures, times and failures unchanged", () => {
    const data = buildPageData(cluster)!;
    const pods = decodePods(data);
    expect(pods).toHaveLength(cluster.pods.length);
    const byKey = new Map(cluster.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
    for (const pod of pods) {
      const p = byKey.get(`${pod.ns}/${pod.name}`)!;
      expect(pod.outcome).toBe(p.outcome);
      expect(pod.node).toBe(p.node);
      expect(pod.owner).toBe(p.owner);
      expect(pod.stuckIn).toBe(p.stuckIn);
      for (const n of TIMESTAMP_NAMES) expect(pod.t[n] === null ? null : data.origin + pod.t[n], n).toBe(p.timestamps[n]);
      for (const s of STAGES) expect(pod.d[s], s).toBe(p.durationsMs[s]);
      expect(pod.failures.map((f) => [f.reason, f.category, f.container, f.count, f.message, f.exitCodes])).toEqual(p.failures.map((f) => [f.reason, f.category, f.container, f.count, f.message, f.exitCodes]));
      expect(pod.containers.map((c) => [c.name, c.image, c.pullMs, c.cached, c.restarts])).toEqual(p.containers.map((c) => [c.name, c.image, c.imagePullMs, c.cached, c.restarts]));
      const n = p.notReadyAtEnd;
      expect(pod.notReady === null ? null : [pod.notReady.reason, pod.notReady.message, pod.notReady.wasReady, pod.notReady.cause?.reason ?? null]).toEqual(n === null ? null : [n.reason, n.message, n.wasReady, n.cause?.reason ?? null]);
    }
  });

  it("is far smaller than the report's JSON: recurring strings once, numbered by use", () => {
    const data = buildPageData(cluster)!;
    const json = JSON.stringify(data);
    expect(json.length).toBeLessThan(JSON.stringify(cluster.pods).length / 4);
    // The most used strings have the shortest numbers: the namespaces, of which there are 12, are among the first.
    expect(Math.max(...data.pods.map((p) => p.s))).toBeLessThan(30);
    expect(data.origin % 1000).toBe(0);
  });
});

describe("isoTime (the page) writes a time as formatTime (the server) does", () => {
  it("for whole seconds, milliseconds and microseconds, around the report's origin", () => {
    const origin = Date.parse("2024-05-01T10:00:00Z");
    fc.assert(
      fc.property(fc.integer({ min: -86_400_000 * 400, max: 86_400_000 * 400 }), fc.integer({ min: 0, max: 999 }), (ms, micros) => {
        const t = origin + ms + micros / 1000;
        // The page adds ms since its origin to the origin: the same double as the report's time.
        const rel = t - origin;
        expect(isoTime(origin + rel)).toBe(formatTime(t));
      }),
    );
    for (const t of [0, 999.9996, 1714557600000, 1714557600123, 1714557600123.456, 1714557659999.9995]) expect(isoTime(t)).toBe(formatTime(t));
  });
});

describe("the timeline's filter", () => {
  const pods = decodePods(buildPageData(cluster)!);
  const count = (q: string): number => pods.filter((p) => matches(parseQuery(q), searchText(p))).length;

  it("needs every word, in any case; quotes make a phrase, a minus a word that must not occur", () => {
    expect(parseQuery(`Evicted  "Insufficient CPU" -outcome:ready`)).toEqual({ all: ["evicted", "insufficient cpu"], none: ["outcome:ready"] });
    const team = cluster.pods.filter((p) => p.namespace.includes("team-03")).length;
    const oom = cluster.pods.filter((p) => p.failures.some((f) => f.exitCodes.includes(137))).length;
    const both = cluster.pods.filter((p) => p.namespace.includes("team-03") && p.failures.some((f) => f.exitCodes.includes(137))).length;
    expect(both).toBeGreaterThan(0);
    expect(count("TEAM-03")).toBe(team);
    expect(count("exit:137")).toBe(oom);
    expect(count("team-03 exit:137")).toBe(both);
    expect(count("team-03 -exit:137")).toBe(team - both);
    expect(count(`"180 Insufficient cpu"`)).toBe(cluster.pods.filter((p) => p.notReadyAtEnd?.message?.includes("180 Insufficient cpu")).length);
  });

  it("matches images, reasons, exit codes, nodes and reasons not ready at the end as the report counts them", () => {
    for (const f of cluster.summary.failures) expect(count(`reason=${f.reason}`), f.reason).toBe(f.pods);
    const image = cluster.pods[0]!.containers[0]!.image!;
    expect(count(`image=${image}`)).toBe(cluster.pods.filter((p) => p.containers.some((c) => c.image === image)).length);
    const node = cluster.pods.find((p) => p.node !== null)!.node!;
    expect(count(`node=${node}`)).toBe(cluster.pods.filter((p) => p.node === node).length);
    expect(count("notready:")).toBe(cluster.pods.filter((p) => p.notReadyAtEnd !== null).length);
    expect(count("notready=ImagePullBackOff")).toBe(cluster.pods.filter((p) => p.notReadyAtEnd?.reason === "ImagePullBackOff").length);
  });

  it("asks with field=value for a whole value: ns=team-0 matches no namespace, ns:team- every one", () => {
    expect(count("ns=team-0")).toBe(0);
    expect(count("ns:team-")).toBe(pods.length);
    expect(count("ns=team-01-production")).toBe(cluster.pods.filter((p) => p.namespace === "team-01-production").length);
  });
});

describe("one duration formatter for the page and the server", () => {
  it("is humanizeMs, whose minutes never read 60s", () => {
    expect(humanizeMs(2_819_999)).toBe("47m 0s");
    for (let ms = 0; ms < 7_200_000; ms += 499.5) expect(humanizeMs(ms)).not.toMatch(/\b60s|\b60m/);
  });
});
