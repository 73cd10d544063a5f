/**
 * Inputs that hold no capture (docs/spec.md §1.8) through the built binary:
 * each exits 2 with its one line; --include reads only what matches.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "podtrail-nocapture-"));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("a run in which no input holds a pod or event", () => {
  it.each([
    ["kubectl get pods text", "pods.txt", "NAME                     READY   STATUS    RESTARTS   AGE\nweb-7d4b9c8f6d-x2x9k     1/1     Running   0          5m\n", "looks like kubectl table output: capture with -o json"],
    ["an empty file", "empty.json", "", "empty file"],
    ["YAML of other kinds", "nodes.yaml", "apiVersion: v1\nkind: Node\nmetadata:\n  name: node-a\n", "YAML, but no Pod or Event"],
  ])("%s: exit 2 and one line", async (_what, name, text, looksLike) => {
    const path = file(name, text);
    const result = await runCli(["analyze", path]);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toBe(`podtrail: no pod or event in the input (${path}: ${looksLike})\n`);
  });

  it("--include reads only the files that match, in a directory", async () => {
    const all = await runCli(["analyze", "samples/must-gather-yaml/input", "-o", "json"]);
    const some = await runCli(["analyze", "samples/must-gather-yaml/input", "-o", "json", "--include", "**/core/*.yaml"]);
    expect([all.code, some.code]).toEqual([0, 0]);
    const names = (stdout: string) => (JSON.parse(stdout) as { inputs: { name: string }[] }).inputs.map((i) => i.name.replace(/^.*\//, ""));
    expect(names(some.stdout)).toEqual(["events.yaml", "pods.yaml"]);
    expect(names(all.stdout)).toEqual(expect.arrayContaining(["README.md", "events.yaml", "pods.yaml"]));
  });
});
