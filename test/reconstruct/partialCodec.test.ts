/**
 * The lines of a partial file and their schema (docs/partial.md): every line
 * podtrail writes is valid under schemas/partial.schema.json as ajv reads it,
 * and the checks a reader makes of each line give ajv's verdict on lines
 * damaged at random.
 */
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script, without type declarations
import { generate } from "../../schemas/generate-types.mjs";
import { checkLine } from "../../src/reconstruct/partialCodec.js";
import { captures, memorySource, params, timeoutFor, toJsonl, type Json } from "../fuzz/helpers.js";
import { partialFile, partialLines } from "../helpers/partials.js";

const schema = JSON.parse(readFileSync("schemas/partial.schema.json", "utf8")) as object;
const ajvValid = new Ajv({ allErrors: false, strict: true }).compile(schema);

/** Values at the edges of what the schema allows: negative, fractional, out of range, empty, of the wrong type. */
const EDGES = fc.constantFrom<unknown>(-1, 0, 1, 3, 4, 1.5, -0.5, 2 ** 53, -62167219200000, -62167219200001, 253402300800000, 253402300799999.9, "", "x", "a".repeat(64), "0".repeat(64), null, true, [], {}, [1], { kind: "pod" });

/** The lines of the partial of every sample and corpus capture, each capture's files as its inputs. */
async function writtenLines(): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  for (const c of captures()) {
    all.push(...partialLines(await partialFile(c.files.map((f) => memorySource(`${c.name}/${f.name}`, toJsonl(f.records))))));
  }
  // Damaged inputs as they are on disk (the captures above are their records again): every kind of warning crosses a partial.
  const raw = readFileSync("samples/truncated-garbage/input/pods.jsonl", "utf8");
  const prefixed = raw.split("\n").filter((l) => l.startsWith("{")).map((l) => `2024-11-05T12:00:00.123456789Z stdout F ${l}`).join("\n");
  all.push(...partialLines(await partialFile([memorySource("damaged/pods.jsonl", raw), memorySource("damaged/cri.log", prefixed)])));
  return all;
}

describe("partial lines", () => {
  it("have the types schemas/partial.schema.json gives (npm run schema:types regenerates them)", async () => {
    expect(readFileSync("src/reconstruct/partialLines.ts", "utf8")).toBe(await (generate as (which: string) => Promise<string>)("partial"));
  });

  it("are valid under the schema, as ajv and the reader's own checks see it, for every line of every capture's partial", async () => {
    const lines = await writtenLines();
    const kinds = new Set(lines.map((l) => l["kind"]));
    // The captures exercise every kind of line, warnings, gaps and an audit log's status patches included.
    expect([...kinds].sort()).toEqual(["end", "event", "gap", "header", "input", "names", "patch", "pod", "totals"]);
    expect(lines.some((l) => l["kind"] === "input" && (l["kept"] as unknown[]).length > 0)).toBe(true);
    for (const line of lines) {
      if (!ajvValid(line)) expect.fail(`${JSON.stringify(line).slice(0, 200)}: ${JSON.stringify(ajvValid.errors)}`);
      expect(checkLine(line)).toBeNull();
    }
  });

  it(
    "are refused by the reader exactly when ajv refuses them, however they are damaged",
    async () => {
      const lines = await writtenLines();
      await fc.assert(
        fc.property(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constant("delete"), fc.constant("add"), fc.jsonValue({ maxDepth: 2 }), EDGES)), { minLength: 1, maxLength: 3 }), (pick, damage) => {
          const line = structuredClone(lines[pick % lines.length]!) as Json;
          for (const [where, what] of damage) {
            // A node of the line, chosen among all its objects and arrays, and one of its members.
            const nodes: (Json | unknown[])[] = [];
            const visit = (v: unknown): void => {
              if (v === null || typeof v !== "object") return;
              nodes.push(v as Json);
              for (const child of Object.values(v)) visit(child);
            };
            visit(line);
            const node = nodes[where % nodes.length]!;
            const keys = Object.keys(node);
            const key = keys.length === 0 ? "0" : keys[where % keys.length]!;
            if (what === "delete") delete (node as Json)[key];
            else if (what === "add") (node as Json)[Array.isArray(node) ? String(node.length) : "extra"] = 1;
            // A copy: the edge values are shared constants, and a later damage may add to the value put here.
            else (node as Json)[key] = structuredClone(what);
          }
          const problem = checkLine(line);
          expect({ valid: problem === null, problem }).toEqual({ valid: ajvValid(line), problem: ajvValid(line) ? null : expect.any(String) });
        }),
        params(300),
      );
    },
    timeoutFor(300, 20),
  );
});
