/**
 * Partial files (docs/partial.md): what merging one gives, what their bytes
 * depend on, and the one-line refusal of every partial that is not what
 * podtrail wrote.
 */
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { merge, mergePartials } from "../../src/merge.js";
import { render } from "../../src/render/index.js";
import { OUTPUT_FORMATS } from "../../src/render/formats.js";
import { isUserError } from "../../src/errors.js";
import { memorySource } from "../fuzz/helpers.js";
import { bytesOf, partialFile } from "../helpers/partials.js";
import { partialText } from "../../src/partial.js";
import { Reconstruction } from "../../src/reconstruct/reconstruction.js";

const SAMPLES = readdirSync("samples", { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => `samples/${d.name}/input`)
  .sort();

/** The text lines of a partial. */
const linesOf = (file: Buffer): string[] => gunzipSync(file).toString("utf8").split("\n").slice(0, -1);

/** A partial made of lines, its end line recomputed (an edit made with care) unless `keepEnd`. */
function rewrite(file: Buffer, edit: (lines: string[]) => string[], keepEnd = false): Buffer {
  const lines = edit(linesOf(file));
  if (!keepEnd) {
    const body = lines.slice(0, -1);
    const text = body.map((l) => `${l}\n`).join("");
    lines[lines.length - 1] = JSON.stringify({ kind: "end", lines: body.length, sha256: createHash("sha256").update(text).digest("hex") });
  }
  return gzipSync(lines.map((l) => `${l}\n`).join(""));
}

/** The message `merge` refuses the partials with (it must refuse them with a UserError). */
async function refusal(...files: [string, Buffer][]): Promise<string> {
  try {
    await merge(files.map(([name, bytes]) => memorySource(name, bytes)));
  } catch (error) {
    if (isUserError(error)) return error.message;
    throw error;
  }
  throw new Error("merge accepted the partials");
}

describe("a partial file", () => {
  it("merges into the report analyze gives, in every output format, for every sample", async () => {
    for (const input of SAMPLES) {
      const direct = await analyze([input]);
      const merged = await merge([memorySource("p.partial", await partialFile([input]))]);
      for (const format of OUTPUT_FORMATS) expect(render(merged, format, { top: 10 }), `${input} -o ${format}`).toBe(render(direct, format, { top: 10 }));
    }
  });

  it("is much smaller than its captures and holds none of their bytes twice over", async () => {
    const file = await partialFile(SAMPLES);
    const lines = linesOf(file);
    expect(JSON.parse(lines[0]!)).toMatchObject({ kind: "header", format: "podtrail-partial", version: 1, contains: [] });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ kind: "end", lines: lines.length - 1 });
    const raw = (await analyze(SAMPLES)).inputs.reduce((n, i) => n + i.bytes, 0);
    expect(file.length).toBeLessThan(raw / 5);
  });

  it("keeps a header that fills a batch of lines by itself (a merge of thousands of partials)", async () => {
    const contains = Array.from({ length: 5000 }, (_, i) => createHash("sha256").update(String(i)).digest("hex"));
    const text = [...partialText(new Reconstruction(), { read: { maxRecordBytes: 64 * 1024 * 1024, inputFormat: null }, contains })].join("");
    const lines = text.split("\n").slice(0, -1);
    expect(lines[0]!.length).toBeGreaterThan(256 * 1024);
    expect(JSON.parse(lines[0]!)).toMatchObject({ kind: "header", contains: [...contains].sort() });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ kind: "end", lines: lines.length - 1 });
    await expect(merge([memorySource("many.partial", gzipSync(text))])).resolves.toMatchObject({ podsSeen: 0 });
  });

  it("has bytes that depend on what it holds, not on the order inputs were given or partials merged", async () => {
    const [a, b, c] = SAMPLES;
    const forward = await partialFile([a!, b!, c!]);
    expect((await partialFile([c!, a!, b!])).equals(forward)).toBe(true);
    const parts = await Promise.all([a!, b!, c!].map(async (s) => memorySource(s, await partialFile([s]))));
    const ab = await bytesOf(mergePartials([parts[0]!, parts[1]!]));
    const ba = await bytesOf(mergePartials([parts[1]!, parts[0]!]));
    expect(ab.equals(ba)).toBe(true);
    // Merged partials say which partials they hold; otherwise they hold what one partial of all the inputs holds.
    const abc = await bytesOf(mergePartials([memorySource("ab", ab), parts[2]!]));
    const cba = await bytesOf(mergePartials([parts[2]!, parts[1]!, parts[0]!]));
    expect(abc.equals(cba)).toBe(true);
    expect(linesOf(abc).slice(1, -1)).toEqual(linesOf(forward).slice(1, -1));
    expect(JSON.parse(linesOf(abc)[0]!).contains).toHaveLength(3);
  });
});

describe("merge refuses, in one line naming the file and line,", () => {
  const made = partialFile(["samples/pods-and-events/input", "samples/relist-after-410/input"]);

  it("a file that is not a partial, and an empty one", async () => {
    expect(await refusal(["pods.jsonl", Buffer.from('{"type":"ADDED","object":{"kind":"Pod"}}\n')])).toBe(
      "pods.jsonl is not a podtrail partial (its first line is not a partial header): merge reads the files podtrail analyze --partial writes",
    );
    expect(await refusal(["empty", Buffer.alloc(0)])).toMatch(/^empty is not a podtrail partial/);
  });

  it("a partial of another format version, saying what to do", async () => {
    const newer = rewrite(await made, (l) => [l[0]!.replace('"version":1', '"version":2').replace("podtrail 0.1.0", "podtrail 0.9.0"), ...l.slice(1)]);
    expect(await refusal(["day.partial", newer])).toBe(
      "day.partial is a partial of format version 2, written by podtrail 0.9.0; this podtrail (podtrail 0.1.0) reads version 1: re-create it from the raw captures with this podtrail, or merge it with the podtrail that wrote it",
    );
  });

  it("a partial cut short, its gzip stream or its lines", async () => {
    const file = await made;
    expect(await refusal(["cut.partial", file.subarray(0, file.length - 10)])).toMatch(/^cut\.partial: input is a truncated gzip stream: .*: re-create it from the raw captures/);
    expect(await refusal(["cut.partial", rewrite(file, (l) => l.slice(0, -1), true)])).toMatch(/^cut\.partial: cut short after line \d+ \(it has no end line\)/);
    const half = gunzipSync(file).subarray(0, 3000);
    expect(await refusal(["cut.partial", gzipSync(half)])).toMatch(/^cut\.partial: cut short in line \d+ \(it has no end line\)/);
  });

  it("a partial edited by hand: its end line's SHA-256 no longer matches", async () => {
    const edited = rewrite(await made, (l) => l.map((line) => line.replace('"podRecords":', '"podRecords":1')), true);
    const lines = linesOf(edited);
    expect(await refusal(["day.partial", edited])).toBe(`day.partial line ${lines.length}: its lines do not match the SHA-256 of its end line: the partial is damaged or was edited; re-create it from the raw captures (podtrail analyze ... --partial)`);
  });

  it("a partial edited with its end line made again, when a line breaks the schema or its partial", async () => {
    const file = await made;
    const podAt = linesOf(file).findIndex((l) => l.startsWith('{"kind":"pod"'));
    const at = (edit: (line: string) => string) => rewrite(file, (l) => l.map((line, i) => (i === podAt ? edit(line) : line)));
    expect(await refusal(["x.partial", at((l) => l.replace('"rows":{"hi":null,"lo":[', '"rows":{"hi":null,"lo":[-'))])).toBe(
      `x.partial line ${podAt + 1}: not a valid pod line: /rows/lo/0 must be >= 0: the partial is damaged or was edited; re-create it from the raw captures (podtrail analyze ... --partial)`,
    );
    expect(await refusal(["x.partial", at((l) => l.replace('"status":[0', '"status":[99'))])).toMatch(new RegExp(`^x\\.partial line ${podAt + 1}: pod .*: status 99 is not in its table of \\d+: the partial is damaged`));
    expect(await refusal(["x.partial", at((l) => l.replace(/"first":\{"input":\d+/, '"first":{"input":7'))])).toMatch(new RegExp(`^x\\.partial line ${podAt + 1}: input id 7 is not in the names line \\(\\d+ names\\)`));
    expect(await refusal(["x.partial", at((l) => l.replace(/"line":\[(\d+)/, '"line":[$1,1'))])).toMatch(/rows\.line has \d+ values, rows\.lo \d+/);
    expect(await refusal(["x.partial", at(() => "not json")])).toMatch(new RegExp(`^x\\.partial line ${podAt + 1}: not JSON: the partial is damaged`));
    expect(await refusal(["x.partial", rewrite(file, (l) => [l[0]!, ...l.slice(2, 3), l[1]!, ...l.slice(3)])])).toMatch(/^x\.partial line 2: an input line where the names line belongs \(line 2\)/);
    expect(await refusal(["x.partial", rewrite(file, (l) => [...l.slice(0, -1), l.at(-2)!, l.at(-1)!])])).toMatch(/a totals line out of place/);
  });

  it("data after the end line", async () => {
    const file = await made;
    const text = gunzipSync(file);
    expect(await refusal(["x.partial", gzipSync(Buffer.concat([text, Buffer.from("{}\n")]))])).toMatch(/^x\.partial line \d+: more lines after its end line/);
  });

  it("a partial given twice, or one already inside another, and partials read with other options", async () => {
    const a = await partialFile(["samples/pods-and-events/input"]);
    const b = await partialFile(["samples/evicted/input"]);
    expect(await refusal(["a.partial", a], ["again.partial", a])).toMatch(/^again\.partial is already part of a\.partial \(partial [0-9a-f]{12}\): merge each partial once$/);
    const ab = await bytesOf(mergePartials([memorySource("a.partial", a), memorySource("b.partial", b)]));
    expect(await refusal(["week.partial", ab], ["b.partial", b])).toMatch(/^b\.partial is already part of week\.partial/);
    // A partial of no bytes (a shard that got no file) counts nothing, however often it is merged.
    const nothing = await partialFile([]);
    const report = await merge([memorySource("a.partial", a), memorySource("none-0.partial", nothing), memorySource("none-1.partial", nothing)]);
    expect(render(report, "json")).toBe(render(await analyze(["samples/pods-and-events/input"]), "json"));
    const bigger = await partialFile(["samples/evicted/input"], { maxRecordBytes: 1024 * 1024 });
    expect(await refusal(["a.partial", a], ["big.partial", bigger])).toBe(
      "big.partial and a.partial were read with different options (--max-record-size 1 MiB, formats detected; --max-record-size 64 MiB, formats detected): partials merge only with partials read alike",
    );
  });
});
