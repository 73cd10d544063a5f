import { afterEach, describe, expect, it, vi } from "vitest";
import { Reconstruction } from "../../src/reconstruct/reconstruction.js";
import { runCli } from "../helpers/cli.js";

describe("a bug met while reading", () => {
  afterEach(() => vi.restoreAllMocks());

  it("prints 'internal error' with the input and line being read, asks for a report, and exits 3", async () => {
    const apply = Reconstruction.prototype.apply;
    let calls = 0;
    vi.spyOn(Reconstruction.prototype, "apply").mockImplementation(function (this: Reconstruction, ...args) {
      // The third record of the capture trips a (simulated) bug.
      if (++calls === 3) throw new TypeError("simulated bug");
      return apply.apply(this, args);
    });
    const r = await runCli(["analyze", "samples/busybox-watch-jsonl/input"]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("podtrail: internal error while reading samples/busybox-watch-jsonl/input/pods.jsonl line 3: simulated bug");
    expect(r.stderr).toContain("This is a bug in podtrail: please report it");
  });
});
