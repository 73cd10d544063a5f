import { Writable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Reconstruction } from "../../src/reconstruct/reconstruction.js";
import { main } from "../../src/cli/run.js";

/** A stream that keeps what is written to it. */
function sink(): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

describe("a bug met while reading", () => {
  afterEach(() => vi.restoreAllMocks());

  // In this process, to plant the bug; `main` is what the binary runs once its V8 flags are set.
  it("prints 'internal error' with the input and line being read, asks for a report, and exits 3", async () => {
    const apply = Reconstruction.prototype.apply;
    let calls = 0;
    vi.spyOn(Reconstruction.prototype, "apply").mockImplementation(function (this: Reconstruction, ...args) {
      // The third record of the capture trips a (simulated) bug.
      if (++calls === 3) throw new TypeError("simulated bug");
      return apply.apply(this, args);
    });
    const stdout = sink();
    const stderr = sink();
    const code = await main(["analyze", "samples/busybox-watch-jsonl/input"], { stdout: stdout.stream, stderr: stderr.stream });
    expect(code).toBe(3);
    expect(stdout.text()).toBe("");
    expect(stderr.text()).toContain("podtrail: internal error while reading samples/busybox-watch-jsonl/input/pods.jsonl line 3: simulated bug");
    expect(stderr.text()).toContain("This is a bug in podtrail: please report it");
  });
});
