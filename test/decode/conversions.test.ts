import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { asDecoded, CORPUS, decode, valuesOf } from "./helpers.js";

// A real capture: 8 ADDED pods and the initial-events-end BOOKMARK.
const jsonl = readFileSync(join(CORPUS, "k8s-openapi-test-replays/v1.36_kind_kube-system_watch_sendInitialEvents.raw.jsonl"), "utf8");
const envelopes = jsonl
  .split("\n")
  .filter((line) => line !== "")
  .map((line) => JSON.parse(line) as { type: string; object: Record<string, unknown> });
const objects = envelopes.map((e) => e.object);
// What every format must decode to.
const decodedEnvelopes = asDecoded(envelopes);
const decodedObjects = asDecoded(objects);

const prettyStream = `${envelopes.map((e) => JSON.stringify(e, null, 2)).join("\n")}\n`;
const objectStream = objects.map((o) => JSON.stringify(o, null, 4)).join("\n");
const compactObjects = `${objects.map((o) => JSON.stringify(o)).join("\n")}\n`;
const array = JSON.stringify(envelopes, null, 2);
const list = JSON.stringify({ kind: "PodList", apiVersion: "v1", metadata: {}, items: objects.map(({ kind: _k, apiVersion: _a, ...rest }) => rest) });
const sortedList = JSON.stringify({ apiVersion: "v1", items: objects.map(({ kind: _k, apiVersion: _a, ...rest }) => rest), kind: "PodList", metadata: {} }, null, 4);

describe("one capture converted to every format gives the same values", () => {
  it("watch JSONL", async () => {
    const d = await decode(jsonl);
    expect(d.format).toBe("watch-jsonl");
    expect(valuesOf(d)).toEqual(decodedEnvelopes);
  });

  it("watch JSON stream (jq . < capture.jsonl)", async () => {
    const d = await decode(prettyStream);
    expect(d.format).toBe("watch-json-stream");
    expect(valuesOf(d)).toEqual(decodedEnvelopes);
    expect(d.warnings).toEqual([]);
  });

  it("pretty object stream (kubectl get -w -o json)", async () => {
    const d = await decode(objectStream);
    expect(d.format).toBe("object-stream");
    expect(valuesOf(d)).toEqual(decodedObjects);
  });

  it("compact object stream", async () => {
    const d = await decode(compactObjects);
    expect(d.format).toBe("object-stream");
    expect(valuesOf(d)).toEqual(decodedObjects);
  });

  it("array of envelopes", async () => {
    const d = await decode(array);
    expect(d.format).toBe("array");
    expect(valuesOf(d)).toEqual(decodedEnvelopes);
  });

  it("raw PodList: items without kind, implied Pod/v1", async () => {
    const d = await decode(list);
    expect(d.format).toBe("list");
    expect(d.values.map((v) => ({ kind: "Pod", apiVersion: "v1", ...v.value }))).toEqual(decodedObjects);
    expect(d.values.every((v) => v.implied?.kind === "Pod" && v.implied.apiVersion === "v1")).toBe(true);
  });

  it("PodList with sorted keys (kind after items): items wait for the list kind", async () => {
    const d = await decode(sortedList);
    expect(d.format).toBe("list");
    expect(d.values.length).toBe(objects.length);
    expect(d.values.every((v) => v.implied?.kind === "Pod" && v.implied.apiVersion === "v1")).toBe(true);
    expect(d.warnings).toEqual([]);
  });

  it("gzip (recognised by magic bytes, streamed)", async () => {
    const { decompress } = await import("../../src/input/decompress.js");
    async function* once(): AsyncGenerator<Buffer> {
      yield gzipSync(Buffer.from(jsonl));
    }
    const d = await decode(decompress(once()));
    expect(d.format).toBe("watch-jsonl");
    expect(valuesOf(d)).toEqual(decodedEnvelopes);
  });

  it("CRLF line ends", async () => {
    for (const text of [jsonl, prettyStream, array, sortedList]) {
      const d = await decode(text.replace(/\n/g, "\r\n"));
      expect(d.values.length).toBe(9);
      expect(d.warnings).toEqual([]);
    }
    const d = await decode(prettyStream.replace(/\n/g, "\r\n"));
    expect(valuesOf(d)).toEqual(decodedEnvelopes);
  });

  it("a byte order mark", async () => {
    for (const text of [jsonl, prettyStream, objectStream, array, list]) {
      const plain = await decode(text);
      const withBom = await decode(`\uFEFF${text}`);
      expect(withBom.bytes).toBe(plain.bytes + 3);
      expect({ ...withBom, bytes: 0 }).toEqual({ ...plain, bytes: 0 });
    }
  });
});
