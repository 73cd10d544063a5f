import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUserError } from "../../src/errors.js";
import { isDamagedInputError, resolveInputs } from "../../src/input/index.js";

let root = "";

async function readAll(chunks: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts).toString("utf8");
}

async function userErrorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(isUserError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected a UserError");
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "podtrail-input-"));
  const file = (path: string, content: string | Buffer) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  file("cap/b.jsonl", "b\n");
  file("cap/a.jsonl", "a\n");
  file("cap/Z.jsonl", "Z\n");
  file("cap/.hidden.jsonl", "hidden\n");
  file("cap/.git/config", "hidden dir\n");
  file("cap/sub/c.json", "c\n");
  file("cap/sub/deeper/d.json.gz", gzipSync(Buffer.from("d\n")));
  file("plain.gz", "not gzipped at all\n");
  file("gzipped.json", gzipSync(Buffer.from('{"kind":"Pod"}\n')));
  const gz = gzipSync(Buffer.from(Array.from({ length: 5000 }, (_, k) => `line ${k}`).join("\n")));
  file("truncated.jsonl.gz", gz.subarray(0, gz.length >> 1));
  mkdirSync(join(root, "empty"));
  file("looped/f.json", "f\n");
  symlinkSync(join(root, "looped"), join(root, "looped", "self"));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("resolveInputs", () => {
  it("a file keeps the name the user gave and its size", async () => {
    const [input] = await resolveInputs([join(root, "cap/a.jsonl")]);
    expect(input).toMatchObject({ name: join(root, "cap/a.jsonl"), size: 2 });
    expect(await readAll(input!.open())).toBe("a\n");
  });

  it("a directory: every non-hidden file, recursively, sorted by code units, named dir/file", async () => {
    const inputs = await resolveInputs([join(root, "cap")]);
    expect(inputs.map((i) => i.name.slice(root.length + 1))).toEqual([
      "cap/Z.jsonl",
      "cap/a.jsonl",
      "cap/b.jsonl",
      "cap/sub/c.json",
      "cap/sub/deeper/d.json.gz",
    ]);
    expect(await readAll(inputs[4]!.open())).toBe("d\n");
  });

  it("glob patterns when no such file exists", async () => {
    const names = async (pattern: string) => (await resolveInputs([join(root, pattern)])).map((i) => i.name.slice(root.length + 1));
    expect(await names("cap/*.jsonl")).toEqual(["cap/Z.jsonl", "cap/a.jsonl", "cap/b.jsonl"]);
    expect(await names("cap/[ab].jsonl")).toEqual(["cap/a.jsonl", "cap/b.jsonl"]);
    expect(await names("cap/[!ab].jsonl")).toEqual(["cap/Z.jsonl"]);
    expect(await names("cap/?.jsonl")).toEqual(["cap/Z.jsonl", "cap/a.jsonl", "cap/b.jsonl"]);
    expect(await names("cap/**/*.json*")).toEqual([
      "cap/Z.jsonl",
      "cap/a.jsonl",
      "cap/b.jsonl",
      "cap/sub/c.json",
      "cap/sub/deeper/d.json.gz",
    ]);
    expect(await names("cap/s*")).toEqual(["cap/sub/c.json", "cap/sub/deeper/d.json.gz"]);
  });

  it("a symbolic link loop inside a directory is walked once", async () => {
    const inputs = await resolveInputs([join(root, "looped")]);
    expect(inputs.map((i) => i.name.slice(root.length + 1))).toEqual(["looped/f.json"]);
  });

  it("the same file named twice is read once", async () => {
    const inputs = await resolveInputs([join(root, "cap/a.jsonl"), join(root, "cap/*.jsonl")]);
    expect(inputs.length).toBe(3);
  });

  it("stdin is '-', without a size, at most once", async () => {
    const [input] = await resolveInputs(["-"]);
    expect(input).toMatchObject({ name: "-", size: null });
    expect(await userErrorOf(resolveInputs(["-", "-"]))).toBe("standard input ('-') can be read only once");
  });

  it("one-line UserErrors for what cannot be read", async () => {
    expect(await userErrorOf(resolveInputs(["/no/such/file.jsonl"]))).toBe("cannot read '/no/such/file.jsonl': no such file or directory");
    const pattern = join(root, "cap/*.yaml");
    expect(await userErrorOf(resolveInputs([pattern]))).toBe(`cannot read '${pattern}': no file matches this pattern`);
    const empty = join(root, "empty");
    expect(await userErrorOf(resolveInputs([empty]))).toBe(`cannot read '${empty}': the directory holds no files`);
  });

  it("gzip is recognised by its magic bytes, never by the name", async () => {
    const [gz, plain] = await resolveInputs([join(root, "gzipped.json"), join(root, "plain.gz")]);
    expect(await readAll(gz!.open())).toBe('{"kind":"Pod"}\n');
    expect(await readAll(plain!.open())).toBe("not gzipped at all\n");
  });

  it("a truncated gzip yields what it could, then a DamagedInputError", async () => {
    const [input] = await resolveInputs([join(root, "truncated.jsonl.gz")]);
    let read = 0;
    let failure: unknown = null;
    try {
      for await (const chunk of input!.open()) read += chunk.length;
    } catch (error) {
      failure = error;
    }
    expect(read).toBeGreaterThan(0);
    expect(isDamagedInputError(failure)).toBe(true);
    expect((failure as Error).message).toBe("input is a truncated gzip stream: unexpected end of file");
  });
});

describe("--include selects the files of directories", () => {
  const names = async (args: string[], include: string[]) => (await resolveInputs(args, { include })).map((s) => s.name.slice(root.length + 1));

  it("a pattern without / matches names at any depth; one with / the path below the directory, ** for any directories", async () => {
    expect(await names([join(root, "cap")], ["*.json"])).toEqual(["cap/sub/c.json"]);
    expect(await names([join(root, "cap")], ["*.json", "*.gz"])).toEqual(["cap/sub/c.json", "cap/sub/deeper/d.json.gz"]);
    expect(await names([join(root, "cap")], ["sub/*"])).toEqual(["cap/sub/c.json"]);
    expect(await names([join(root, "cap")], ["**/d.json.gz"])).toEqual(["cap/sub/deeper/d.json.gz"]);
    expect(await names([join(root, "cap")], ["**/*.jsonl"])).toEqual(["cap/Z.jsonl", "cap/a.jsonl", "cap/b.jsonl"]);
  });

  it("files named on their own are read whatever the patterns; a directory with no match is a usage error that names them", async () => {
    expect(await names([join(root, "cap/a.jsonl")], ["*.yaml"])).toEqual(["cap/a.jsonl"]);
    expect(await userErrorOf(resolveInputs([join(root, "cap")], { include: ["*.yaml"] }))).toBe(`cannot read '${join(root, "cap")}': the directory holds no files matching *.yaml`);
  });
});
