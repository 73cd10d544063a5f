/**
 * gzip as rotated logs and `cat` leave it: several members one after the
 * other, and bytes after the last member (padding, junk). Read as `gzip -dc`
 * reads them: every member whole, trailing bytes ignored with one warning,
 * and nothing inflated lost.
 *
 * Long run: FUZZ_RUNS=2000 npm test -- test/fuzz/gzipMembers.test.ts
 */
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decompress } from "../../src/input/index.js";
import { analyzeBytes, arbCaptures, chunked, contentOf, mergedRecords, params, timeoutFor, toJsonl } from "./helpers.js";
import { envelope, pod } from "../helpers/pods.js";

const arbChunks = fc.oneof(fc.constant([64 * 1024]), fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 5 }));

/** Everything `decompress` yields, and the error it ends with (null when none). */
async function inflateAll(bytes: Buffer, sizes?: readonly number[]): Promise<{ out: Buffer; error: Error | null }> {
  const parts: Buffer[] = [];
  try {
    for await (const chunk of decompress(chunked(bytes, sizes))) parts.push(chunk);
    return { out: Buffer.concat(parts), error: null };
  } catch (error) {
    return { out: Buffer.concat(parts), error: error as Error };
  }
}

/** `n` watch records of distinct pods, varied enough that their gzip spans several 64 KiB slices. */
function manyRecords(n: number): string {
  let seed = 12345;
  const noise = (): string =>
    Array.from({ length: 16 }, () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed.toString(16).padStart(8, "0");
    }).join("");
  return toJsonl(Array.from({ length: n }, (_, i) => envelope("ADDED", pod({ uid: `uid-${i}`, name: `web-${i}`, rv: 1000 + i, created: i, message: noise() }))));
}

describe("bytes after the last gzip member (repro gz-trailing)", () => {
  it("a small file followed by junk keeps its records, with one warning (it used to lose them all)", async () => {
    const record = '{"type":"ADDED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","namespace":"ns","uid":"u1","resourceVersion":"1","creationTimestamp":"2024-11-05T11:00:00Z"},"spec":{"containers":[{"name":"app","image":"nginx"}]},"status":{"phase":"Pending"}}}\n';
    const bytes = Buffer.concat([gzipSync(record), Buffer.from("trailing garbage\n")]);
    const report = await analyzeBytes({ "capture.jsonl.gz": bytes });
    expect(report.pods.map((p) => p.name)).toEqual(["p"]);
    expect(report.warnings.map((w) => [w.input, w.line, w.message])).toEqual([
      ["capture.jsonl.gz", null, "17 bytes after the end of the gzip stream ignored (not gzip); everything before them was read"],
    ]);
  });

  it("a file of 2,237 records followed by junk keeps all of them, in any chunking", async () => {
    const plain = manyRecords(2237);
    const gz = gzipSync(plain);
    expect(gz.length).toBeGreaterThan(2 * 64 * 1024);
    for (const sizes of [[64 * 1024], [7, 4096], [gz.length]]) {
      const { out, error } = await inflateAll(Buffer.concat([gz, Buffer.from("\u0000\u0001junk")]), sizes);
      expect(out.toString()).toBe(plain);
      expect(error?.message).toBe("6 bytes after the end of the gzip stream ignored (not gzip); everything before them was read");
    }
    const report = await analyzeBytes({ "big.jsonl.gz": Buffer.concat([gz, Buffer.from("x")]) });
    expect(report.pods).toHaveLength(2237);
  });

  it("zero padding is named as such", async () => {
    const { out, error } = await inflateAll(Buffer.concat([gzipSync("a\n"), Buffer.alloc(4096)]));
    expect(out.toString()).toBe("a\n");
    expect(error?.message).toBe("4096 zero bytes after the end of the gzip stream ignored (padding); everything before them was read");
  });

  it("members concatenated (cat a.gz b.gz) are read whole, like gzip -dc, without a warning", async () => {
    const a = manyRecords(700);
    const b = toJsonl([envelope("ADDED", pod({ uid: "u-b", name: "b", rv: 5000 }))]);
    for (const sizes of [[64 * 1024], [3], [1000]]) {
      const { out, error } = await inflateAll(Buffer.concat([gzipSync(a), gzipSync(""), gzipSync(b)]), sizes);
      expect(error).toBeNull();
      expect(out.toString()).toBe(a + b);
    }
  });

  it("a second member cut short, or damaged, keeps the first whole and warns", async () => {
    const first = gzipSync("first\n");
    const second = gzipSync("second line\n".repeat(50));
    const cut = await inflateAll(Buffer.concat([first, second.subarray(0, 15)]));
    expect(cut.out.toString().startsWith("first\n")).toBe(true);
    expect(cut.error?.message).toBe("input is a truncated gzip stream: unexpected end of file");
    const badMethod = Buffer.from(second);
    badMethod[2] = 7;
    const bad = await inflateAll(Buffer.concat([first, badMethod]));
    expect(bad.out.toString()).toBe("first\n");
    expect(bad.error?.message).toBe("input is a corrupt gzip stream: unknown compression method");
  });

  it("gzip headers with every optional field (extra, name, comment, header CRC) are read; a bad header CRC is corrupt", async () => {
    const body = gzipSync("payload\n");
    const deflate = body.subarray(10);
    // FHCRC | FEXTRA | FNAME | FCOMMENT, then the fields in RFC 1952 order.
    const fixed = Buffer.from([0x1f, 0x8b, 8, 0x1e, 0, 0, 0, 0, 0, 3]);
    const fields = Buffer.concat([Buffer.from([3, 0, 0xaa, 0xbb, 0xcc]), Buffer.from("pods.jsonl\u0000"), Buffer.from("rotated\u0000")]);
    const { crc32 } = await import("node:zlib");
    const hcrc = Buffer.alloc(2);
    hcrc.writeUInt16LE(crc32(Buffer.concat([fixed, fields])) & 0xffff);
    for (const sizes of [[64 * 1024], [1], [5]]) {
      const good = await inflateAll(Buffer.concat([fixed, fields, hcrc, deflate]), sizes);
      expect(good).toEqual({ out: Buffer.from("payload\n"), error: null });
    }
    hcrc[0] = hcrc[0]! ^ 1;
    const bad = await inflateAll(Buffer.concat([fixed, fields, hcrc, deflate]));
    expect(bad.error?.message).toBe("input is a corrupt gzip stream: header crc mismatch");
  });
});

describe("members and trailing bytes, generated", () => {
  /** The records in 1 to 3 members, and bytes after them that do not start a member. */
  const arbLayout = fc.tuple(
    fc.array(fc.nat(), { maxLength: 2 }),
    fc.oneof(
      fc.constant(Buffer.alloc(0)),
      fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b)),
      fc.nat(5000).map((n) => Buffer.alloc(n + 1)),
      fc.constantFrom(Buffer.from("\n"), Buffer.from([0x1f]), Buffer.from("trailing garbage\n")),
    ).filter((t) => !(t[0] === 0x1f && t[1] === 0x8b)),
  );

  it(
    "every record of every member is applied, and trailing bytes give exactly one warning",
    async () => {
      await fc.assert(
        fc.asyncProperty(arbCaptures(), arbLayout, arbChunks, async (chosen, [cuts, trailing], sizes) => {
          const plain = Buffer.from(toJsonl(mergedRecords(chosen)));
          const at = [...new Set(cuts.map((c) => c % (plain.length + 1)))].sort((x, y) => x - y);
          const bounds = [0, ...at, plain.length];
          const members = bounds.slice(1).map((end, i) => gzipSync(plain.subarray(bounds[i], end)));
          const bytes = Buffer.concat([...members, trailing]);
          const actual = await analyzeBytes({ "pods.jsonl.gz": bytes }, {}, sizes);
          const expected = await analyzeBytes({ "pods.jsonl.gz": plain });
          expect(contentOf(actual)).toEqual(contentOf(expected));
          const extra = actual.warnings.filter((w) => !expected.warnings.some((e) => e.message === w.message && e.line === w.line));
          if (trailing.length === 0) expect(extra).toEqual([]);
          else expect(extra.map((w) => [w.line, w.diagnostic.kind])).toEqual([[null, "trailingCompressedBytes"]]);
        }),
        params(40),
      );
    },
    timeoutFor(40, 500),
  );
});
