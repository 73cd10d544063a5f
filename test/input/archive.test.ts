import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Zip, ZipDeflate, zipSync } from "fflate";
import { create } from "tar";
import { beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { archiveKind } from "../../src/input/archive.js";
import type { InputSource } from "../../src/input/index.js";
import { noCaptureMessage } from "../../src/noCapture.js";
import { CORPUS } from "../decode/helpers.js";

/** A must-gather-shaped tree: pods and events of one namespace as oc adm inspect writes them, a README, a script, a hidden file. */
const PODS = readFileSync(join(CORPUS, "openshift-must-gather-clean-aws/original-yaml/openshift-apiserver__core__pods.yaml"));
const EVENTS = readFileSync(join(CORPUS, "openshift-must-gather-clean-aws/original-yaml/openshift-apiserver__core__events.yaml"));
const TREE: Readonly<Record<string, Buffer>> = {
  "must-gather.local.5/quay-io-ocp/namespaces/openshift-apiserver/core/pods.yaml": PODS,
  "must-gather.local.5/quay-io-ocp/namespaces/openshift-apiserver/core/events.yaml": EVENTS,
  "must-gather.local.5/README.md": Buffer.from("# must-gather\n\nCollected for case 0451.\n"),
  "must-gather.local.5/gather.sh": Buffer.from("#!/bin/sh\noc adm must-gather\n"),
  "must-gather.local.5/.DS_Store": Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]),
};
const PODS_NAME = "must-gather.local.5/quay-io-ocp/namespaces/openshift-apiserver/core/pods.yaml";
const EVENTS_NAME = "must-gather.local.5/quay-io-ocp/namespaces/openshift-apiserver/core/events.yaml";

let dir = "";
let tree = "";
let tarPath = "";
let tgzPath = "";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "podtrail-archive-"));
  tree = join(dir, "tree");
  for (const [path, bytes] of Object.entries(TREE)) {
    mkdirSync(join(tree, path, ".."), { recursive: true });
    writeFileSync(join(tree, path), bytes);
  }
  tarPath = join(dir, "must-gather.tar");
  tgzPath = join(dir, "must-gather.tar.gz");
  await create({ cwd: tree, file: tarPath, portable: true }, ["must-gather.local.5"]);
  await create({ cwd: tree, file: tgzPath, gzip: true, portable: true }, ["must-gather.local.5"]);
});

/** An input of given bytes under a name (as stdin is: one read, no file). */
function bytesSource(name: string, bytes: Buffer, chunk = 4096): InputSource {
  return {
    name,
    size: bytes.length,
    async *open() {
      const { decompress } = await import("../../src/input/decompress.js");
      yield* decompress(
        (async function* () {
          for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk);
        })(),
      );
    },
  };
}

/** The report without input names, sizes and formats: what the capture says. */
function figures(report: Awaited<ReturnType<typeof analyze>>): unknown {
  return { pods: report.pods, summary: report.summary, totals: report.totals, span: report.span, warnings: report.warnings.map((w) => w.message) };
}

describe("archives are read member by member, each an input of its own", () => {
  it("tells archives by their magic bytes", () => {
    expect(archiveKind(readFileSync(tarPath))).toBe("tar");
    expect(archiveKind(Buffer.from(zipSync({ a: new Uint8Array(1) })))).toBe("zip");
    expect(archiveKind(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 0]))).toBe("xz");
    expect(archiveKind(Buffer.from("BZh91AY&SY"))).toBe("bzip2");
    expect(archiveKind(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x04, 0x00]))).toBe("zstd");
    expect(archiveKind(PODS)).toBeNull();
    expect(archiveKind(Buffer.from("BZh0"))).toBeNull();
  });

  it("a must-gather tree, its .tar, its .tar.gz and its .zip give the same pods and figures", async () => {
    const fromTree = await analyze([tree]);
    expect(fromTree.totals.podRecords).toBe(3);
    expect(fromTree.totals.eventRecords).toBe(178);
    const zipPath = join(dir, "must-gather.zip");
    writeFileSync(zipPath, zipSync(Object.fromEntries(Object.entries(TREE).map(([k, v]) => [k, new Uint8Array(v)]))));
    for (const path of [tarPath, tgzPath, zipPath]) {
      const report = await analyze([path]);
      expect(figures(report)).toEqual(figures(fromTree));
      expect(report.inputs.map((i) => i.name)).toEqual(
        [EVENTS_NAME, PODS_NAME, "must-gather.local.5/README.md", "must-gather.local.5/gather.sh"].map((p) => `${path}:${p}`).sort(),
      );
      expect(report.inputs.find((i) => i.name.endsWith("pods.yaml"))).toMatchObject({ format: "yaml", records: 3, looksLike: null });
      expect(report.inputs.find((i) => i.name.endsWith("README.md"))!.looksLike).toBe("looks like text, not a capture");
      expect(report.inputs.find((i) => i.name.endsWith("gather.sh"))!.looksLike).toBe("looks like a script, not a capture");
    }
  });

  it("the same tar.gz from standard input (one read, in small chunks)", async () => {
    const fromFile = await analyze([tarPath]);
    const fromStdin = await analyze([bytesSource("-", readFileSync(tgzPath), 999)]);
    expect(figures(fromStdin)).toEqual(figures(fromFile));
    expect(fromStdin.inputs.map((i) => i.name)).toContain(`-:${PODS_NAME}`);
  });

  it("a zip written as a stream (sizes in data descriptors after each member, as `zip - dir | ...` writes), whole and cut", async () => {
    const parts: Uint8Array[] = [];
    const zip = new Zip((error, chunk) => {
      if (error !== null) throw error;
      parts.push(chunk);
    });
    for (const [path, bytes] of Object.entries(TREE)) {
      const member = new ZipDeflate(path, { level: 6 });
      zip.add(member);
      member.push(new Uint8Array(bytes), true);
    }
    zip.end();
    const streamed = Buffer.concat(parts);
    expect(streamed.readUInt16LE(6) & 0x08).toBe(0x08); // general purpose flag bit 3: a data descriptor follows the data
    const fromTar = await analyze([tarPath]);
    expect(figures(await analyze([bytesSource("stream.zip", streamed)]))).toEqual(figures(fromTar));
    const cut = await analyze([bytesSource("cut.zip", streamed.subarray(0, Math.floor(streamed.length * 0.6)))]);
    expect(cut.totals.podRecords + cut.totals.eventRecords).toBeLessThan(fromTar.totals.podRecords + fromTar.totals.eventRecords);
    expect(cut.pods.every((p) => fromTar.pods.some((q) => q.uid === p.uid))).toBe(true);
    expect(cut.warnings.map((w) => w.message)).toContain("damaged archive: invalid zip data; everything before the damage was read");
    // Cut between two members: nothing is cut short, but the central directory is missing.
    const second = streamed.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), 4);
    const between = await analyze([bytesSource("between.zip", streamed.subarray(0, second))]);
    expect(between.warnings.map((w) => [w.input, w.message])).toContainEqual([
      "between.zip",
      "damaged archive: the archive ends without its central directory: it was cut off after its last whole member; everything before the damage was read",
    ]);
  });

  it("--include selects members by name or by path; hidden members are never read", async () => {
    const byName = await analyze([tgzPath], { include: ["pods.yaml"] });
    expect(byName.inputs.map((i) => i.name)).toEqual([`${tgzPath}:${PODS_NAME}`]);
    const byPath = await analyze([tgzPath], { include: ["**/core/*.yaml"] });
    expect(byPath.inputs.map((i) => i.name)).toEqual([`${tgzPath}:${EVENTS_NAME}`, `${tgzPath}:${PODS_NAME}`]);
    const fromDir = await analyze([tree], { include: ["**/core/events.yaml", "*.md"] });
    expect(fromDir.inputs.map((i) => i.name)).toEqual([join(tree, "must-gather.local.5/README.md"), join(tree, EVENTS_NAME)]);
  });

  it("members are detected by content: a gzipped member is gunzipped, an archive inside is expanded", async () => {
    const inner = join(dir, "inner");
    mkdirSync(join(inner, "results"), { recursive: true });
    writeFileSync(join(inner, "results", "pods.yaml.gz"), gzipSync(PODS));
    writeFileSync(join(inner, "results", "events.tgz"), readFileSync(tgzPath));
    const outer = join(dir, "outer.tar");
    await create({ cwd: inner, file: outer, portable: true }, ["results"]);
    const report = await analyze([outer]);
    expect(report.inputs.map((i) => i.name)).toContain(`${outer}:results/pods.yaml.gz`);
    expect(report.inputs.map((i) => i.name)).toContain(`${outer}:results/events.tgz:${EVENTS_NAME}`);
    expect(report.totals.podRecords).toBe(6);
    expect(report.totals.eventRecords).toBe(178);
  });

  it("a cut archive keeps every member before the cut and says where it stopped, at every cut point", async () => {
    const whole = readFileSync(tarPath);
    const complete = await analyze([tarPath]);
    for (const cut of [600, 1024, 1536, 20_000, 60_000, 100_000, 150_000, 190_000, whole.length - 1024]) {
      const report = await analyze([bytesSource("cut.tar", whole.subarray(0, cut))]);
      // Whatever was read is what the whole archive gave, for the records before the cut.
      expect(report.totals.podRecords).toBeLessThanOrEqual(complete.totals.podRecords);
      expect(report.pods.every((p) => complete.pods.some((q) => q.uid === p.uid))).toBe(true);
      expect(report.warnings.some((w) => w.message.startsWith("damaged archive:")), `cut at ${cut}`).toBe(true);
    }
    const cutGz = await analyze([bytesSource("cut.tar.gz", readFileSync(tgzPath).subarray(0, 12_000))]);
    expect(cutGz.warnings.map((w) => w.message)).toContain("damaged archive: input is a truncated gzip stream: unexpected end of file; everything before the damage was read");
  });

  it("a corrupted header between members costs that member only: the members after it are read, the damage told on the archive", async () => {
    const bytes = Buffer.from(readFileSync(tarPath));
    const complete = await analyze([bytesSource("t.tar", bytes)]);
    const header = bytes.indexOf(Buffer.from(EVENTS_NAME.slice(0, 90)));
    expect(header).toBeGreaterThan(0);
    bytes.fill(0x41, header + 148, header + 156); // its checksum
    const report = await analyze([bytesSource("t.tar", bytes)]);
    expect(report.totals.eventRecords).toBe(0);
    expect(report.totals.podRecords).toBe(complete.totals.podRecords);
    expect(report.inputs.map((i) => i.name)).toContain("t.tar:must-gather.local.5/gather.sh");
    expect(report.inputs.find((i) => i.name === "t.tar")!.looksLike).toMatch(/^a tar archive, damaged: /);
    expect(report.warnings.filter((w) => w.input === "t.tar").map((w) => w.message)).toEqual([expect.stringMatching(/^damaged archive: /), expect.stringMatching(/^no pod or event in this input: a tar archive, damaged/)]);
  });

  it("an xz archive and an empty tar are described, not read; no capture at all is what the CLI exits 2 on", async () => {
    const xz = await analyze([bytesSource("must-gather.tar.xz", Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04, 0xe6, 0xd6, 0xb4, 0x46]))]);
    expect(xz.inputs).toEqual([expect.objectContaining({ name: "must-gather.tar.xz", looksLike: "an xz archive, which podtrail does not unpack: read it with xz -dc must-gather.tar.xz | podtrail analyze -" })]);
    expect(noCaptureMessage(xz)).toBe("podtrail: no pod or event in the input (must-gather.tar.xz: an xz archive, which podtrail does not unpack: read it with xz -dc must-gather.tar.xz | podtrail analyze -)");
    const zst = await analyze([bytesSource("events.json.zst", Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x04, 0x58, 0x45, 0x00, 0x00]))]);
    expect(zst.inputs[0]!.looksLike).toBe("a zstd archive, which podtrail does not unpack: read it with zstd -dc events.json.zst | podtrail analyze -");
    const emptyTar = join(dir, "empty.tar");
    await create({ cwd: tree, file: emptyTar, portable: true }, ["must-gather.local.5/.DS_Store"]);
    const empty = await analyze([emptyTar]);
    expect(empty.inputs.map((i) => [i.name, i.looksLike])).toEqual([[emptyTar, "a tar archive with no file to read in it"]]);
    expect(noCaptureMessage(await analyze([tgzPath]))).toBeNull();
  });
});
