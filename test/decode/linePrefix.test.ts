/**
 * JSON after a prefix on its line (docs/spec.md §1.5): NUL padding left by a
 * crashed writer, klog headers, CRI and RFC 3339 timestamps, syslog
 * headers. The JSON is read from its `{`, the prefix reported in one
 * warning per run of prefixed lines, whatever the chunking.
 */
import { describe, expect, it } from "vitest";
import type { DecodeOptions } from "../../src/decode/index.js";
import { chunked, decode, linesOf } from "./helpers.js";

const pod = (name: string, rv: number): string =>
  JSON.stringify({ type: "ADDED", object: { kind: "Pod", apiVersion: "v1", metadata: { name, namespace: "ns", uid: `u-${name}`, resourceVersion: String(rv) }, status: { phase: "Pending" } } });

/** Decoded with the given chunk sizes, and the names of the pods read. */
async function read(text: string | Buffer, sizes?: number[], options: DecodeOptions = {}) {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  const decoded = await decode(chunked(bytes, sizes ?? [bytes.length]), options);
  return { decoded, names: decoded.values.map((v) => (v.value["object"] as { metadata: { name: string } }).metadata.name) };
}

describe("JSON after a prefix on its line", () => {
  it("NUL padding from a crashed writer before the next record (repro nul-prefix): both records read, one warning", async () => {
    const capture = Buffer.concat([Buffer.from(`${pod("a", 1)}\n`), Buffer.alloc(64), Buffer.from(`${pod("b", 2)}\n`)]);
    for (const sizes of [undefined, [1], [7], [65], [3, 100]]) {
      const { decoded, names } = await read(capture, sizes);
      expect(names).toEqual(["a", "b"]);
      expect(linesOf(decoded)).toEqual([1, 2]);
      expect(decoded.warnings).toEqual([{ line: 2, message: "line 2 starts with NUL padding (a crashed writer's) before the JSON: the prefix was ignored" }]);
    }
  });

  it("a page of NULs (longer than what a garbage line keeps) is still NUL padding", async () => {
    const capture = Buffer.concat([Buffer.alloc(8192), Buffer.from(`${pod("a", 1)}\n`)]);
    const { decoded, names } = await read(capture, [1000]);
    expect(names).toEqual(["a"]);
    expect(decoded.diagnostics).toEqual([{ line: 1, kind: "linePrefix" }]);
    expect(decoded.warnings[0]!.message).toContain("NUL padding");
  });

  it("names each kind of prefix, one warning per run of lines with the same kind", async () => {
    const lines = [
      `I0108 23:46:54.123456       1 glogsink.go:42] ${pod("k1", 1)}`,
      `W0108 23:46:55.000001       1 glogsink.go:42] ${pod("k2", 2)}`,
      `2024-11-05T12:00:00.123456789Z stdout F ${pod("c1", 3)}`,
      `2024-11-05T12:00:01.5Z stderr F ${pod("c2", 4)}`,
      `2024-11-05T12:00:02.000Z ${pod("t1", 5)}`,
      `489 <24>1 2024-03-15T12:34:56.123456789+09:00 node-1 kubelet - - - ${pod("s1", 6)}`,
      `pod update: ${pod("x1", 7)}`,
    ];
    for (const sizes of [undefined, [5], [33]]) {
      const { decoded, names } = await read(`${lines.join("\n")}\n`, sizes);
      expect(names).toEqual(["k1", "k2", "c1", "c2", "t1", "s1", "x1"]);
      expect(decoded.warnings.map((w) => w.message).sort()).toEqual([
        "line 5 starts with an RFC 3339 timestamp before the JSON: the prefix was ignored",
        "line 6 starts with a syslog header before the JSON: the prefix was ignored",
        "line 7 starts with other text before the JSON: the prefix was ignored",
        "lines 1-2 start with a klog header before the JSON: the prefix was ignored",
        "lines 3-4 start with a container runtime (CRI) log prefix before the JSON: the prefix was ignored",
      ]);
    }
  });

  it("hands on the time a timestamp prefix gives (none for a klog header, which has no year)", async () => {
    const times: (number | null | undefined)[] = [];
    const { decodeInput } = await import("../../src/decode/index.js");
    const text = [`2024-11-05T12:00:00.123456789Z stdout F ${pod("c", 1)}`, `I0108 23:46:54.123456 1 a.go:1] ${pod("k", 2)}`, pod("plain", 3), `2024-11-05T12:00:03+01:00 ${pod("t", 4)}`].join("\n");
    for (const format of [undefined, "watch-jsonl"] as const) {
      times.length = 0;
      await decodeInput(chunked(Buffer.from(text)), { value: (_v, _l, _i, t) => times.push(t ?? null), warning: () => {} }, format === undefined ? {} : { format });
      expect(times).toEqual([Date.UTC(2024, 10, 5, 12, 0, 0, 123) + 0.456, null, null, Date.UTC(2024, 10, 5, 11, 0, 3)]);
    }
  });

  it("text with a quote or a closing brace before the `{` is not a prefix: the line is skipped as before", async () => {
    // What a fragment of a pretty-printed record looks like, and a shell prompt quoting JSON.
    const text = [`  "status": {"phase": "Running"},`, `}, {"name": "x"}`, `$ echo '{"a": 1}'`, pod("a", 1)].join("\n");
    const { decoded, names } = await read(text);
    expect(names).toEqual(["a"]);
    expect(decoded.diagnostics.map((d) => d.kind)).toEqual(["notJson"]);
    expect(decoded.warnings[0]!.message).toContain("skipped lines 1-3");
  });

  it("a prefix before JSON that is damaged: the damage is reported as well, and the next record is read", async () => {
    const text = [`2024-11-05T12:00:00Z {"type":"ADDED","object":{"kind":"Pod"`, pod("b", 2)].join("\n");
    const { decoded, names } = await read(text);
    expect(names).toEqual(["b"]);
    expect(decoded.diagnostics.map((d) => d.kind).sort()).toEqual(["incompleteRecord", "linePrefix"]);
  });

  it("strict JSONL (--input-format watch-jsonl) recovers the same lines", async () => {
    const text = [`I0108 23:46:54.123456 1 a.go:1] ${pod("k1", 1)}`, `I0108 23:46:54.123456 1 a.go:1] ${pod("k2", 2)}`, `junk`, `2024-11-05T12:00:00Z ${pod("t", 3)}`].join("\n");
    const { decoded, names } = await read(text, [9], { format: "watch-jsonl" });
    expect(names).toEqual(["k1", "k2", "t"]);
    expect(decoded.warnings.map((w) => [w.line, w.message])).toEqual([
      [3, expect.stringContaining("invalid JSON")],
      [1, "lines 1-2 start with a klog header before the JSON: the prefix was ignored"],
      [4, "line 4 starts with an RFC 3339 timestamp before the JSON: the prefix was ignored"],
    ]);
  });

  it("a pretty-printed record after a prefix is read whole", async () => {
    const pretty = JSON.stringify(JSON.parse(pod("p", 1)), null, 2);
    const { decoded, names } = await read(`2024-11-05T12:00:00Z ${pretty}\n${pod("q", 2)}\n`, [11]);
    expect(names).toEqual(["p", "q"]);
    expect(decoded.diagnostics.map((d) => d.kind)).toEqual(["linePrefix"]);
  });
});
