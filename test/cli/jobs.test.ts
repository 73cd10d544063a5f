/**
 * `-j N` with real worker threads: the library's (dist/readWorker.js) and
 * the command's (its bundle, dist/cli/readWorker.js) give, byte for byte,
 * what reading in one thread gives. `npm test` builds dist first.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { filesUnder, FIXTURE_CORPUS } from "../helpers/files.js";
import { runCli } from "../helpers/cli.js";
import { defaultJobs, parseCommandLine } from "../../src/cli/args.js";
import { availableParallelism } from "node:os";

type Library = typeof import("../../src/index.js");
const library = (): Promise<Library> => import(new URL("../../dist/index.js", import.meta.url).href) as Promise<Library>;

const dir = mkdtempSync(join(tmpdir(), "podtrail-jobs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SAMPLE_FILES = readdirSync("samples", { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => filesUnder(join("samples", d.name, "input")));

describe("reading on several threads", () => {
  it("gives the report of one thread over every sample and corpus file, cut into parts as small as the records allow", async () => {
    const { analyze, render } = await library();
    const inputs = [...SAMPLE_FILES, ...filesUnder(FIXTURE_CORPUS).filter((f) => /\.(json|jsonl|gz)$/.test(f))];
    const one = render(await analyze(inputs), "json");
    for (const jobs of [2, 3]) {
      for (const partBytes of [512, 4096]) expect(render(await analyze(inputs, { jobs, partBytes }), "json"), `-j ${jobs}, parts of ${partBytes} bytes`).toBe(one);
    }
  });

  it("writes the partial one thread writes, byte for byte", async () => {
    const { partial } = await library();
    const bytes = async (options: { jobs?: number; partBytes?: number }) => {
      const chunks: Buffer[] = [];
      for await (const chunk of partial(SAMPLE_FILES, options)) chunks.push(chunk);
      return Buffer.concat(chunks);
    };
    const one = await bytes({});
    expect((await bytes({ jobs: 2, partBytes: 256 })).equals(one)).toBe(true);
  });

  it("through the command, on a busy capture large enough to be cut, in JSON and text", async () => {
    const out = join(dir, "capture");
    const generated = spawnSync(process.execPath, ["test/bench/generate.mjs", "--out", out, "--size", "70MB", "--formats", "jsonl", "--seed", "3"], { stdio: ["ignore", "ignore", "inherit"] });
    expect(generated.status).toBe(0);
    const file = `${out}.jsonl`;
    expect(statSync(file).size).toBeGreaterThan(64 * 1024 * 1024);
    for (const format of ["json", "text"]) {
      const one = await runCli(["analyze", file, "-o", format, "-j", "1"]);
      expect(one.code).toBe(0);
      const two = await runCli(["analyze", file, "-o", format, "-j", "2"]);
      expect({ ...two, stdout: two.stdout.length }).toEqual({ ...one, stdout: one.stdout.length });
      expect(two.stdout === one.stdout).toBe(true);
    }
    const bad = await runCli(["analyze", file, "-j", "0"]);
    expect(bad).toMatchObject({ code: 2, stdout: "", stderr: "podtrail: --jobs takes a whole number of at least 1\n" });
  }, 180_000);
});

describe("the number of reading threads when -j is not given", () => {
  it("is one per two cores, at least one, and -j overrides it", async () => {
    expect([1, 2, 3, 4, 8, 16].map(defaultJobs)).toEqual([1, 1, 1, 2, 4, 8]);
    const given = await parseCommandLine(["analyze", "x.jsonl"]);
    expect(given.kind === "analyze" && given.jobs).toBe(defaultJobs(availableParallelism()));
    const three = await parseCommandLine(["analyze", "x.jsonl", "-j", "3"]);
    expect(three.kind === "analyze" && three.jobs).toBe(3);
  });
});

