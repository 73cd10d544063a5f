import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args.js";
import { quickParse } from "../../src/cli/quickArgs.js";

/** What a parser makes of words: the command, or the message of the UserError it throws. */
async function outcome(parse: () => unknown): Promise<unknown> {
  try {
    return { command: await parse() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const values = ["json", "md", "markdown", "text", "html", "csv", "yaml", "list", "array", "namespace", "owner", "10", "0", "3.5", "010", "1e3", "-1", "abc", "", "app=web,tier!=db", "30m", "2024-01-01T00:00:00Z", "startup.p99>5s", "kube-system", "-", "a b"];
const options = [
  "-o", "--output", "--format", "--input-format", "--strict", "--validate", "--top", "--max-record-size", "-q", "--quiet", "-n", "--namespace",
  "-l", "--selector", "--pod", "--since", "--until", "--group-by", "--fail-if", "--help", "-h", "--no-strict", "--bogus", "-x", "--", "-qo", "--maxRecordSize", "--version",
];
const positionals = ["caps/", "pods.jsonl", "-", "events.jsonl.gz", "web-7d4b9c8f6d-x2x9k", "explain", "analyze", "123"];

const longOptions = options.filter((o) => o.startsWith("--") && o !== "--");
// Mostly an option with a value or a positional, as people type; sometimes a stray word.
const part = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...positionals).map((p) => [p]) },
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...options), fc.constantFrom(...values)) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...longOptions), fc.constantFrom(...values)).map(([o, v]) => [`${o}=${v}`]) },
  { weight: 1, arbitrary: fc.constantFrom(...options, ...values).map((w) => [w]) },
);
const commandLine = fc
  .tuple(fc.constantFrom("analyze", "timeline", "analyze", "timeline", "explain", "bogus"), fc.constantFrom(...positionals), fc.array(part, { maxLength: 5 }))
  .map(([c, first, rest]) => [c, first, ...rest.flat()]);

describe("the quick command-line reader", () => {
  it("reads every command line it accepts exactly as yargs does, and leaves the rest to yargs", async () => {
    let quick = 0;
    await fc.assert(
      fc.asyncProperty(commandLine, async (words) => {
        const fast = await outcome(() => quickParse(words));
        if ((fast as { command?: unknown }).command === null) return; // yargs' to read
        quick++;
        expect({ words, ...(fast as object) }).toEqual({ words, ...((await outcome(() => parseArgs(words))) as object) });
      }),
      { numRuns: 2000 },
    );
    // The comparison ran on a good share of lines, not only on ones left to yargs.
    expect(quick).toBeGreaterThan(100);
  });

  it("takes the command lines people type", () => {
    expect(quickParse(["analyze", "-n", "shop", "caps/", "-o", "json"])).toMatchObject({ kind: "analyze", inputs: ["caps/"], output: "json", filter: { namespaces: ["shop"] } });
    expect(quickParse(["analyze", "-", "--group-by=node", "--fail-if", "startup.p99>5s"])).toMatchObject({ kind: "analyze", inputs: ["-"], groupBy: "node", thresholds: [{ expression: "startup.p99>5s", limitMs: 5000 }] });
    expect(quickParse(["timeline", "web-7d4b9c8f6d-x2x9k", "caps/", "-q"])).toMatchObject({ kind: "timeline", pod: "web-7d4b9c8f6d-x2x9k", inputs: ["caps/"], quiet: true });
    for (const unsure of [["analyze", "--help"], ["analyze"], ["explain", "OOMKilled"], ["analyze", "x", "-qo", "json"], ["analyze", "x", "--no-strict"], ["analyze", "x", "-o", "yaml"]]) {
      expect(quickParse(unsure)).toBeNull();
    }
  });
});
