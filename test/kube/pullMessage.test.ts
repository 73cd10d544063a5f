import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePullMessage, pullWallMs } from "../../src/kube/pullMessage.js";
import { readGoQuoted } from "../../src/kube/goQuoted.js";
import { FIXTURE_CORPUS } from "../helpers/files.js";

const DIGEST = "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:7ed1a02b5effe250fc83824af248de910aa4a8af076d7de7bc9ca01610c6eb22";

describe("parsePullMessage", () => {
  it("reads Pulling, new and pre-1.14 wording", () => {
    expect(parsePullMessage("Pulling", 'Pulling image "busybox:1.28"')).toEqual({ kind: "pulling", image: "busybox:1.28" });
    expect(parsePullMessage("Pulling", 'pulling image "nginx"')).toEqual({ kind: "pulling", image: "nginx" });
    expect(parsePullMessage("Pulling", `Pulling image "${DIGEST}"`)).toEqual({ kind: "pulling", image: DIGEST });
  });

  it("reads 1.30+ messages with wait and image size (kubectl text in the corpus)", () => {
    expect(
      parsePullMessage("Pulled", 'Successfully pulled image "bash" in 827ms (5.062s including waiting). Image size: 6335174 bytes.'),
    ).toEqual({ kind: "pulled", image: "bash", pullMs: 827, wallMs: 5062, imageBytes: 6_335_174 });
    expect(
      parsePullMessage(
        "Pulled",
        'Successfully pulled image "us-central1-docker.pkg.dev/genuine-flight-317411/devel/memory-eater:1.0" in 1.01s (1.01s including waiting). Image size: 47485901 bytes.',
      ),
    ).toEqual({
      kind: "pulled",
      image: "us-central1-docker.pkg.dev/genuine-flight-317411/devel/memory-eater:1.0",
      pullMs: 1010,
      wallMs: 1010,
      imageBytes: 47_485_901,
    });
  });

  it("reads 1.26-1.29 messages with wait, no size", () => {
    expect(
      parsePullMessage(
        "Pulled",
        'Successfully pulled image "docker.io/istio/proxyv2:1.20.2" in 32.341313682s (32.341329515s including waiting)',
      ),
    ).toEqual({ kind: "pulled", image: "docker.io/istio/proxyv2:1.20.2", pullMs: 32_341.313682, wallMs: 32_341.329515, imageBytes: null });
  });

  it("reads 1.19-1.25 messages with D only (corpus)", () => {
    expect(parsePullMessage("Pulled", `Successfully pulled image "${DIGEST}" in 10.910561642s`)).toEqual({
      kind: "pulled",
      image: DIGEST,
      pullMs: 10_910.561642,
      wallMs: null,
      imageBytes: null,
    });
    const registryPort = "registry.example.com:5000/team/app:v1.2@sha256:ab8e7ad5d62897c00a69afa7bd7be80436b59339e34603b80bb85859b4e45b89";
    expect(parsePullMessage("Pulled", `Successfully pulled image "${registryPort}" in 1m2.642683164s`)).toMatchObject({
      image: registryPort,
      pullMs: 62_642.683164,
    });
  });

  it("reads pre-1.19 messages without duration", () => {
    expect(parsePullMessage("Pulled", 'Successfully pulled image "nginx:1.14.2"')).toEqual({
      kind: "pulled",
      image: "nginx:1.14.2",
      pullMs: null,
      wallMs: null,
      imageBytes: null,
    });
  });

  it("reads cached images, old and new wording", () => {
    expect(parsePullMessage("Pulled", 'Container image "busybox:1.35" already present on machine')).toEqual({
      kind: "cached",
      image: "busybox:1.35",
    });
    expect(
      parsePullMessage("Pulled", 'Container image "busybox:1.36" already present on machine and can be accessed by the pod'),
    ).toEqual({ kind: "cached", image: "busybox:1.36" });
  });

  it("keeps a completed pull with an unrecognized tail, without figures", () => {
    expect(parsePullMessage("Pulled", 'Successfully pulled image "a" in soon')).toEqual({
      kind: "pulled",
      image: "a",
      pullMs: null,
      wallMs: null,
      imageBytes: null,
    });
    // punctuation must be exact for W to count
    expect(parsePullMessage("Pulled", 'Successfully pulled image "a" in 1s (2s including waiting).')).toMatchObject({
      pullMs: null,
      wallMs: null,
    });
  });

  it("undoes Go %q escapes in the image", () => {
    expect(parsePullMessage("Pulling", 'Pulling image "we\\"ird\\\\x"')).toEqual({ kind: "pulling", image: 'we"ird\\x' });
    expect(readGoQuoted('"a\\u00e9\\x41\\101"', 0)).toEqual({ value: "aéAA", end: 17 });
    expect(readGoQuoted('"unterminated', 0)).toBeNull();
    expect(readGoQuoted('"bad \\q"', 0)).toBeNull();
  });

  it("returns null for other reasons and unknown shapes", () => {
    expect(parsePullMessage("Failed", 'Failed to pull image "x": rpc error')).toBeNull();
    expect(parsePullMessage("BackOff", 'Back-off pulling image "x"')).toBeNull();
    expect(parsePullMessage(null, 'Pulling image "x"')).toBeNull();
    expect(parsePullMessage("Pulled", null)).toBeNull();
    expect(parsePullMessage("Pulled", 'Pulling image "x"')).toBeNull();
    expect(parsePullMessage("Pulling", 'Pulling image "x" now')).toBeNull();
    expect(parsePullMessage("Pulled", 'Container image "x" is not present with pull policy of Never')).toBeNull();
    expect(parsePullMessage("Pulled", "Successfully pulled image x in 1s")).toBeNull();
  });
});

describe("pullWallMs", () => {
  it("takes W, else D, else null; cached is 0", () => {
    expect(pullWallMs({ kind: "pulled", image: "a", pullMs: 827, wallMs: 5062, imageBytes: null })).toBe(5062);
    expect(pullWallMs({ kind: "pulled", image: "a", pullMs: 827, wallMs: null, imageBytes: null })).toBe(827);
    expect(pullWallMs({ kind: "pulled", image: "a", pullMs: null, wallMs: null, imageBytes: null })).toBeNull();
    expect(pullWallMs({ kind: "cached", image: "a" })).toBe(0);
    expect(pullWallMs({ kind: "pulling", image: "a" })).toBeNull();
  });
});

describe("kubectl text in the corpus (holmesgpt-kubectl-text)", () => {
  const dir = join(FIXTURE_CORPUS, "holmesgpt-kubectl-text");
  const lines = readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .flatMap((f) => readFileSync(join(dir, f), "utf8").split("\n"));

  it("parses every modern Pulled message with W and image size", () => {
    const messages = lines.flatMap((l) => /(Successfully pulled image .*)$/.exec(l)?.[1] ?? []).map((m) => m.trim());
    expect(messages.length).toBe(12);
    for (const m of messages) {
      const p = parsePullMessage("Pulled", m);
      expect(p, m).toMatchObject({ kind: "pulled" });
      if (p?.kind !== "pulled") continue;
      expect(p.pullMs, m).not.toBeNull();
      expect(p.wallMs, m).not.toBeNull();
      expect(p.imageBytes, m).not.toBeNull();
    }
  });

  it("parses every cached message", () => {
    const messages = lines.flatMap((l) => /(Container image .*)$/.exec(l)?.[1] ?? []).map((m) => m.trim());
    expect(messages.length).toBe(2);
    for (const m of messages) expect(parsePullMessage("Pulled", m)?.kind).toBe("cached");
  });
});
