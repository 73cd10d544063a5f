import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { timeline } from "../../src/timeline.js";

const SAMPLES = "samples";

describe("timeline lists every termination the report counts", () => {
  it("the crash-loop sample: the 4 OOMKilled the report counts, 3 of them seen only in lastState (it used to list 1)", async () => {
    const input = join(SAMPLES, "crashloop-oomkilled", "input");
    const t = await timeline("web-7d4b9c8f6d-x2x9k", [input]);
    const oom = t.entries.filter((e) => e.kind === "container" && e.state.startsWith("terminated OOMKilled"));
    expect(t.pod.failures.find((f) => f.reason === "OOMKilled")?.count).toBe(4);
    expect(oom).toHaveLength(4);
    expect(oom.filter((e) => e.kind === "container" && e.state.endsWith("seen in lastState"))).toHaveLength(3);
    // In time order, each at its finishedAt.
    const times = oom.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a! - b!));
  });

  it("in every sample, each container's timeline holds at least the terminations its restart reasons count", async () => {
    let checked = 0;
    for (const dir of readdirSync(SAMPLES).filter((d) => !d.includes("."))) {
      const input = join(SAMPLES, dir, "input");
      const report = await analyze([input]);
      for (const pod of report.pods) {
        const restarts = pod.containers.reduce((n, c) => n + c.restartReasons.reduce((m, r) => m + r.count, 0), 0);
        if (restarts === 0 || pod.uid === null) continue;
        const t = await timeline(pod.uid, [input]);
        for (const c of pod.containers) {
          const counted = c.restartReasons.reduce((m, r) => m + r.count, 0);
          const listed = t.entries.filter((e) => e.kind === "container" && e.container === c.name && e.init === c.init && e.state.startsWith("terminated")).length;
          expect(listed, `${dir} ${pod.name} ${c.name}`).toBeGreaterThanOrEqual(counted);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
