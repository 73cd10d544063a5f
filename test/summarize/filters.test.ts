import { describe, expect, it } from "vitest";
import { filterPods, parseTimeBound } from "../../src/summarize/podFilter.js";
import { parseThreshold } from "../../src/summarize/gates.js";
import { parseLabelSelector } from "../../src/kube/labelSelector.js";
import { isUserError } from "../../src/errors.js";
import { at, envelope, pod, T0 } from "../helpers/pods.js";
import { reportOf } from "../helpers/report.js";

/** The message of the UserError `f` throws. */
function userErrorOf(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    if (isUserError(error)) return error.message;
    throw error;
  }
  throw new Error("no error thrown");
}

describe("parsing filter and threshold values (before any input is read)", () => {
  it("reads a time bound as an RFC 3339 time or a Go duration back from the capture's end", () => {
    expect(parseTimeBound("2024-05-01T10:00:30Z")).toEqual({ at: T0 + 30_000 });
    expect(parseTimeBound("2024-05-01T12:00:30+02:00")).toEqual({ at: T0 + 30_000 });
    expect(parseTimeBound("30m")).toEqual({ beforeEnd: 30 * 60_000 });
    expect(parseTimeBound("1h30m")).toEqual({ beforeEnd: 90 * 60_000 });
    expect(parseTimeBound("0s")).toEqual({ beforeEnd: 0 });
  });

  it("names the value and what is wrong with it, and no flag: the command line adds its own", () => {
    for (const text of ["yesterday", "-5m", "", "30", "2024-05-01"]) {
      expect(userErrorOf(() => parseTimeBound(text))).toBe(`'${text}': expected an RFC 3339 time (2024-05-01T10:00:00Z) or a duration (30m)`);
    }
    expect(userErrorOf(() => parseThreshold("startup.p42>5s"))).toBe("'startup.p42>5s': unknown statistic 'p42' (one of min, p50, p90, p95, p99, max, mean)");
    expect(userErrorOf(() => parseThreshold("startup.p99>5x"))).toBe("'startup.p99>5x': '5x' is not a duration (500ms, 5s, 2m, 1h30m)");
    expect(userErrorOf(() => parseThreshold("p99 over 5s"))).toBe("'p99 over 5s': expected STAGE.STAT>DURATION or COUNT>N, e.g. 'startup.p99>5s' or 'notReady>0'");
    expect(userErrorOf(() => parseThreshold("imagePull.max<250"))).toBe(
      "'imagePull.max<250': '250' has no unit: write 250ms, or seconds (5s), minutes (2m), hours (1h); a bare number is not read as milliseconds",
    );
    expect(userErrorOf(() => parseThreshold("startup.p99>0"))).toMatch(/^'startup\.p99>0': '0' has no unit: write 0ms,/);
    expect(userErrorOf(() => parseThreshold("startup.p99>5%"))).toBe("'startup.p99>5%': '5%' is a share: a stage statistic takes a duration (500ms, 5s, 2m, 1h30m)");
    expect(userErrorOf(() => parseThreshold("notReady>1s"))).toBe("'notReady>1s': notReady counts pods: give a number of pods (0, 3) or a share of them (5%), not '1s'");
    expect(userErrorOf(() => parseThreshold("partial>150%"))).toBe("'partial>150%': '150%' is more than all the pods");
    expect(userErrorOf(() => parseThreshold("stuck.Unschedulable>0"))).toBe("'stuck.Unschedulable>0': 'stuck' takes no '.Unschedulable': only failures does (failures.<category|reason>)");
    expect(userErrorOf(() => parseThreshold("startup>5s"))).toBe("'startup>5s': 'startup' needs a statistic: startup.p99, one of min, p50, p90, p95, p99, max, mean");
    expect(userErrorOf(() => parseThreshold("boot.max>1s"))).toMatch(/^'boot\.max>1s': unknown stage 'boot' \(one of scheduling, /);
    expect(userErrorOf(() => parseLabelSelector("app in (web"))).toBe("'app in (web': invalid label selector: cannot parse 'app in (web'");
    expect(userErrorOf(() => parseLabelSelector("tier=web,a=b=c"))).toBe("'tier=web,a=b=c': invalid label selector: cannot parse 'a=b=c'");
  });

  it("reads a threshold into its stage, statistic, comparison and limit", () => {
    expect(parseThreshold(" startup.p99 >= 1m30s ")).toEqual({ kind: "stage", expression: "startup.p99>=1m30s", stage: "startup", stat: "p99", op: ">=", limitMs: 90_000 });
    expect(parseThreshold("imagePull.max<250ms")).toEqual({ kind: "stage", expression: "imagePull.max<250ms", stage: "imagePull", stat: "max", op: "<", limitMs: 250 });
  });

  it("reads a count gate into what it counts, the comparison and a number or share of pods", () => {
    const count = { kind: "count", failure: null, percent: false };
    expect(parseThreshold("notReady>0")).toEqual({ ...count, expression: "notReady>0", subject: "notReady", op: ">", limit: 0 });
    expect(parseThreshold("stuck >= 2")).toEqual({ ...count, expression: "stuck>=2", subject: "stuck", op: ">=", limit: 2 });
    expect(parseThreshold("partial>12.5%")).toEqual({ ...count, expression: "partial>12.5%", subject: "partial", op: ">", limit: 12.5, percent: true });
    // A failure category is lower case, as the catalogue names it; anything else is a reason, as the capture spells it.
    expect(parseThreshold("failures.image>0")).toEqual({ ...count, expression: "failures.image>0", subject: "failures", failure: { category: "image" }, op: ">", limit: 0 });
    expect(parseThreshold("failures.ImagePullBackOff>3")).toEqual({ ...count, expression: "failures.ImagePullBackOff>3", subject: "failures", failure: { reason: "ImagePullBackOff" }, op: ">", limit: 3 });
  });
});

describe("filtering pods with parsed values", () => {
  const labelled = (name: string, uid: string, created: number, labels: Record<string, string>) => {
    const object = pod({ name, uid, rv: created + 1, created, phase: "Pending" });
    (object["metadata"] as Record<string, unknown>)["labels"] = labels;
    return envelope("ADDED", object);
  };
  // Created at T0, T0+10m and T0+20m; the capture ends at the last creation.
  const report = reportOf([
    labelled("web-a", "u-1", 0, { app: "web", tier: "front" }),
    labelled("api-b", "u-2", 600, { app: "api" }),
    labelled("web-c", "u-3", 1200, { app: "web" }),
  ]);
  const names = (filter: Parameters<typeof filterPods>[1]) => filterPods(report.pods, filter, report.span.end).map((p) => p.name);

  it("applies a label selector, absolute bounds and bounds counted back from the capture's end", () => {
    expect(report.span.end).toBe(T0 + 1_200_000);
    expect(names({ selector: parseLabelSelector("app=web") })).toEqual(["web-a", "web-c"]);
    expect(names({ selector: parseLabelSelector("app in (web,api),!tier") })).toEqual(["api-b", "web-c"]);
    expect(names({ since: parseTimeBound("5m") })).toEqual(["web-c"]);
    expect(names({ since: parseTimeBound("10m") })).toEqual(["api-b", "web-c"]); // at or after: api-b is 10m before the end
    expect(names({ until: parseTimeBound(at(600)) })).toEqual(["web-a", "api-b"]);
    expect(names({ since: parseTimeBound(at(300)), until: parseTimeBound("5m") })).toEqual(["api-b"]);
    expect(names({ pods: ["web"], selector: parseLabelSelector("tier") })).toEqual(["web-a"]);
  });
});
