import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decompress } from "../../src/input/decompress.js";
import { decode, linesOf, valuesOf } from "./helpers.js";

const pod = (name: string) => ({ kind: "Pod", apiVersion: "v1", metadata: { name, uid: `uid-${name}` } });
const added = (name: string) => JSON.stringify({ type: "ADDED", object: pod(name) });
const names = (d: { values: { value: Record<string, unknown> }[] }) =>
  d.values.map((v) => {
    const o = (v.value["object"] ?? v.value) as { metadata?: { name?: string } };
    return o.metadata?.name;
  });

describe("bad lines and records never lose their neighbours", () => {
  it("a garbage line between two JSONL records", async () => {
    const d = await decode(`${added("a")}\nthis is not json\n${added("b")}\n`);
    expect(d.format).toBe("watch-jsonl");
    expect(names(d)).toEqual(["a", "b"]);
    expect(linesOf(d)).toEqual([1, 3]);
    expect(d.warnings).toEqual([{ line: 2, message: 'not JSON: "this is not json"; skipped line 2' }]);
  });

  it("a JSONL record cut inside a string, then more records", async () => {
    const d = await decode(`${added("a")}\n${added("b").slice(0, 50)}\n${added("c")}\n`);
    expect(names(d)).toEqual(["a", "c"]);
    expect(d.warnings).toEqual([{ line: 2, message: "invalid JSON (a line break inside a string); skipped line 2" }]);
  });

  it("a JSONL record cut between tokens, then more records", async () => {
    const cut = added("b").slice(0, added("b").indexOf("metadata") + 11);
    const d = await decode(`${added("a")}\n${cut}\n${added("c")}\n${added("d")}\n`);
    expect(names(d)).toEqual(["a", "c", "d"]);
    expect(d.warnings).toEqual([{ line: 2, message: "incomplete record (skipped): the next one starts at line 3" }]);
  });

  it("an invalid JSON line that still looks like an object", async () => {
    const d = await decode(`${added("a")}\n{"type": ADDED}\n${added("b")}\n`);
    expect(names(d)).toEqual(["a", "b"]);
    expect(d.warnings.length).toBe(1);
    expect(d.warnings[0]!.line).toBe(2);
    expect(d.warnings[0]!.message).toMatch(/^invalid JSON: /);
  });

  it("garbage and a broken object in a pretty stream", async () => {
    const a = JSON.stringify(pod("a"), null, 2);
    const broken = JSON.stringify(pod("b"), null, 2).replace('"v1",', '"v1"');
    const c = JSON.stringify(pod("c"), null, 2);
    const text = `${a}\nsome text\n  more text\n${broken}\n${c}\n`;
    const d = await decode(text);
    expect(d.format).toBe("object-stream");
    expect(names(d)).toEqual(["a", "c"]);
    const brokenLine = a.split("\n").length + 3;
    expect(d.warnings.map((w) => w.line)).toEqual([a.split("\n").length + 1, brokenLine]);
    expect(d.warnings[0]!.message).toBe(`not JSON: "some text"; skipped lines ${brokenLine - 2}-${brokenLine - 1}`);
    expect(linesOf(d)).toEqual([1, brokenLine + broken.split("\n").length]);
  });

  it("a truncated last record (capture stopped with Ctrl-C): one warning with its line", async () => {
    const jsonl = await decode(`${added("a")}\n${added("b")}\n${added("c").slice(0, 40)}`);
    expect(names(jsonl)).toEqual(["a", "b"]);
    expect(jsonl.warnings).toEqual([{ line: 3, message: "truncated record at end of input" }]);

    const pretty = `${JSON.stringify(pod("a"), null, 2)}\n${JSON.stringify(pod("b"), null, 2).slice(0, 60)}`;
    const d = await decode(pretty);
    expect(names(d)).toEqual(["a"]);
    expect(d.warnings).toEqual([{ line: 9, message: "truncated record at end of input" }]);
  });

  it("a truncated List keeps the items read so far", async () => {
    const text = JSON.stringify({ kind: "PodList", apiVersion: "v1", items: [pod("a"), pod("b"), pod("c")] }, null, 2);
    const d = await decode(text.slice(0, text.indexOf('"c"')));
    expect(d.format).toBe("list");
    expect(names(d)).toEqual(["a", "b"]);
    expect(d.warnings.map((w) => w.message)).toEqual(["truncated record at end of input"]);
  });

  it("NUL bytes and invalid UTF-8 in one record", async () => {
    const nul = Buffer.from(`${added("a")}\n{"type":"ADDED","object":{"metadata":{"name":"b\u0000"}}}\n${added("c")}\n`);
    const d = await decode(nul);
    expect(names(d)).toEqual(["a", "c"]);
    expect(d.warnings.length).toBe(1);
    expect(d.warnings[0]!.line).toBe(2);

    const bad = Buffer.concat([Buffer.from(`${added("a")}\n{"type":"ADDED","object":{"metadata":{"name":"b`), Buffer.from([0xff, 0xfe]), Buffer.from(`"}}}\n${added("c")}\n`)]);
    const u = await decode(bad);
    expect(names(u)).toEqual(["a", "b\uFFFD\uFFFD", "c"]);
    expect(u.warnings).toEqual([{ line: 2, message: "invalid UTF-8 in this record, read with replacement characters" }]);
  });

  it("values that are not objects", async () => {
    const d = await decode(`42\n${added("a")}\n"text"\nnull\n[1, {"kind":"Pod"}, "x"]\ntrue\n`);
    expect(names(d)).toEqual(["a", undefined]);
    expect(d.warnings).toEqual([
      { line: 1, message: "expected a JSON object, found a number" },
      { line: 3, message: "expected a JSON object, found a string" },
      { line: 4, message: "expected a JSON object, found null" },
      { line: 5, message: "expected a JSON object, found a number" },
      { line: 5, message: "expected a JSON object, found a string" },
      { line: 6, message: "expected a JSON object, found a boolean" },
    ]);
  });

  it("empty and blank input", async () => {
    for (const text of ["", "\n\n  \r\n", "\uFEFF"]) {
      const d = await decode(text);
      expect(d).toMatchObject({ format: null, values: [], warnings: [] });
    }
  });

  it("text that is not JSON (nor YAML) at all: one warning, format null", async () => {
    const d = await decode("NAME    READY   STATUS\nweb-0   1/1     Running\n");
    expect(d.format).toBeNull();
    expect(d.values).toEqual([]);
    expect(d.warnings).toEqual([{ line: 1, message: 'not JSON: "NAME    READY   STATUS"; skipped from line 1 to the end of input' }]);
  });
});

describe("records over maxRecordBytes are skipped, memory stays bounded", () => {
  const big = { kind: "Pod", metadata: { name: "big", annotations: { blob: "x".repeat(5000) } } };

  it("in JSONL", async () => {
    const d = await decode(`${added("a")}\n${JSON.stringify(big)}\n${added("b")}\n`, { maxRecordBytes: 1000 });
    expect(names(d)).toEqual(["a", "b"]);
    expect(d.warnings).toEqual([{ line: 2, message: "record larger than 1000 bytes; skipped" }]);
  });

  it("in a pretty stream fed in small chunks", async () => {
    const { chunked } = await import("./helpers.js");
    const text = [pod("a"), big, pod("b")].map((o) => JSON.stringify(o, null, 2)).join("\n");
    const d = await decode(chunked(Buffer.from(text), [64]), { maxRecordBytes: 1024 });
    expect(names(d)).toEqual(["a", "b"]);
    expect(d.warnings).toEqual([{ line: 9, message: "record larger than 1 KiB; skipped" }]);
  });

  it("as a List item and an array element", async () => {
    const list = JSON.stringify({ kind: "PodList", apiVersion: "v1", items: [pod("a"), big, pod("b")] });
    const l = await decode(list, { maxRecordBytes: 1000 });
    expect(names(l)).toEqual(["a", "b"]);
    expect(l.warnings).toEqual([{ line: 1, message: "record larger than 1000 bytes; skipped" }]);

    const array = JSON.stringify([pod("a"), big, pod("b")], null, 1);
    const a = await decode(array, { maxRecordBytes: 1000 });
    expect(names(a)).toEqual(["a", "b"]);
    expect(a.warnings.length).toBe(1);
  });

  it("a List larger than the limit is fine: only its items count", async () => {
    const items = Array.from({ length: 50 }, (_, k) => pod(`p${k}`));
    const d = await decode(JSON.stringify({ kind: "PodList", apiVersion: "v1", items }), { maxRecordBytes: 200 });
    expect(d.values.length).toBe(50);
    expect(d.warnings).toEqual([]);
  });
});

describe("damaged gzip", () => {
  const text = `${Array.from({ length: 2000 }, (_, k) => added(`p${k}`)).join("\n")}\n`;
  const gz = gzipSync(Buffer.from(text));
  async function* of(bytes: Buffer): AsyncGenerator<Buffer> {
    for (let at = 0; at < bytes.length; at += 1000) yield bytes.subarray(at, at + 1000);
  }

  it("a truncated .gz: the records decompressed so far, then warnings", async () => {
    const d = await decode(decompress(of(gz.subarray(0, Math.floor(gz.length * 0.6)))));
    expect(d.format).toBe("watch-jsonl");
    expect(d.values.length).toBeGreaterThan(100);
    expect(d.values.length).toBeLessThan(2000);
    expect(names(d)).toEqual(Array.from({ length: d.values.length }, (_, k) => `p${k}`));
    expect(d.warnings[0]).toEqual({ line: null, message: "input is a truncated gzip stream: unexpected end of file" });
    expect(d.warnings.slice(1).map((w) => w.message)).toEqual(["truncated record at end of input"]);
  });

  it("a corrupt .gz", async () => {
    const corrupt = Buffer.from(gz);
    corrupt.fill(0x55, 2000, 2100);
    const d = await decode(decompress(of(corrupt)));
    // Deflate may first inflate some garbage (warned as such) before zlib notices.
    expect(d.warnings.some((w) => /^input is a (corrupt|truncated) gzip stream: /.test(w.message))).toBe(true);
    expect(d.values.length).toBeGreaterThan(0);
  });
});

describe("forced formats", () => {
  it("watch-jsonl reads every line as one record", async () => {
    const d = await decode(`${added("a")}\n\n${added("b")}\n{\n`, { format: "watch-jsonl" });
    expect(d.format).toBe("watch-jsonl");
    expect(names(d)).toEqual(["a", "b"]);
    expect(d.warnings.map((w) => w.line)).toEqual([4]);
  });

  it("list rejects plain objects; array rejects objects; streams reject arrays", async () => {
    const l = await decode(`${added("a")}\n`, { format: "list" });
    expect(l.values).toEqual([]);
    expect(l.warnings).toEqual([{ line: 1, message: "expected a List object, found an object with no kind; skipped" }]);
    const a = await decode(`${added("a")}\n[${added("b")}]`, { format: "array" });
    expect(names(a)).toEqual(["b"]);
    expect(a.warnings).toEqual([{ line: 1, message: "expected a JSON array, found an object; skipped" }]);
    const s = await decode(`[${added("b")}]\n${added("a")}\n`, { format: "object-stream" });
    expect(s.format).toBe("object-stream");
    expect(names(s)).toEqual(["a"]);
    expect(s.warnings.length).toBe(1);
  });

  it("object-stream keeps a List whole", async () => {
    const d = await decode(JSON.stringify({ kind: "PodList", items: [pod("a")] }), { format: "object-stream" });
    expect(valuesOf(d)).toEqual([{ kind: "PodList", items: [pod("a")] }]);
  });
});
