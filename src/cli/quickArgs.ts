import { parseArgs as parseWords } from "node:util";
import { GROUP_BYS, INPUT_FORMATS } from "../types.js";
import { OUTPUT_FORMATS } from "../render/formats.js";
import { DEFAULT_MAX_RECORD_MIB, DEFAULT_TOP, toCommand, type Command, type ParsedWords } from "./commandLine.js";

/*
 * A plain `analyze` or `timeline` command line, read without yargs. Loading
 * and running yargs takes about 80 ms, which the engine worker would wait
 * for at every start. yargs (`args.ts`) stays the definition: anything this
 * reader is not sure of (help, unknown or repeated options, short option
 * groups, negations, `--`, empty values, values not plainly valid) makes it
 * answer null, and yargs reads the words. A property test holds the two to
 * the same commands (test/cli/quickArgs.test.ts).
 */

type Spec = { readonly type: "string" | "boolean"; readonly short?: string; readonly multiple?: boolean; readonly choices?: readonly string[]; readonly number?: boolean };

const INPUT: Record<string, Spec> = {
  "input-format": { type: "string", choices: INPUT_FORMATS },
  "max-record-size": { type: "string", number: true },
  quiet: { type: "boolean", short: "q" },
};

const COMMANDS: Record<string, { readonly positionals: readonly string[]; readonly options: Record<string, Spec> }> = {
  analyze: {
    positionals: ["inputs"],
    options: {
      ...INPUT,
      output: { type: "string", short: "o", choices: [...OUTPUT_FORMATS, "md"] },
      format: { type: "string", choices: [...OUTPUT_FORMATS, "md"] },
      strict: { type: "boolean" },
      validate: { type: "boolean" },
      top: { type: "string", number: true },
      namespace: { type: "string", short: "n", multiple: true },
      selector: { type: "string", short: "l" },
      pod: { type: "string", multiple: true },
      since: { type: "string" },
      until: { type: "string" },
      "group-by": { type: "string", choices: GROUP_BYS },
      "fail-if": { type: "string", multiple: true },
    },
  },
  timeline: {
    positionals: ["pod", "inputs"],
    options: { ...INPUT, namespace: { type: "string", short: "n", multiple: true } },
  },
};

/** A long option (`--name`, `--name=value`), a single short one (`-n`), or not an option. */
const PLAIN_OPTION = /^(?:--[a-z][a-z-]*(?:=.*)?|-[a-zA-Z])$/s;
const PLAIN_NUMBER = /^\d+(?:\.\d+)?$/;

/** The command a plain command line asks for; null when yargs must read it. Throws `UserError` as `parseArgs` does. */
export function quickParse(words: readonly string[]): Command | null {
  const name = words[0];
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) return null;
  const rest = words.slice(1);
  if (rest.some((w) => w.startsWith("-") && w !== "-" && !PLAIN_OPTION.test(w))) return null;
  let parsed: ReturnType<typeof parseWords>;
  try {
    parsed = parseWords({
      args: rest,
      strict: true,
      allowPositionals: true,
      tokens: true,
      options: Object.fromEntries(
        Object.entries(command.options).map(([key, spec]) => [key, { type: spec.type, ...(spec.short === undefined ? {} : { short: spec.short }), ...(spec.multiple === true ? { multiple: true } : {}) }]),
      ),
    });
  } catch {
    return null;
  }
  const tokens = parsed.tokens ?? [];
  const given = new Map<string, number>();
  for (const token of tokens) {
    if (token.kind === "option-terminator") return null;
    if (token.kind !== "option") continue;
    // A value that is empty, `-` or looks like an option is yargs' to judge.
    if (token.value !== undefined && (token.value === "" || token.value.startsWith("-"))) return null;
    given.set(token.name, (given.get(token.name) ?? 0) + 1);
  }
  const argv: Record<string, unknown> = { _: [name] };
  for (const [key, spec] of Object.entries(command.options)) {
    const value = parsed.values[key];
    if (value === undefined) continue;
    if (spec.multiple !== true && (given.get(key) ?? 0) > 1) return null; // yargs makes repeats arrays
    if (typeof value === "string") {
      if (spec.choices !== undefined && !spec.choices.includes(value)) return null;
      if (spec.number === true && !PLAIN_NUMBER.test(value)) return null;
    }
    argv[key] = spec.number === true ? Number(value) : value;
  }
  if (argv["format"] !== undefined) {
    if (argv["output"] !== undefined) return null;
    argv["output"] = argv["format"];
  }
  argv["output"] ??= "text";
  argv["top"] ??= DEFAULT_TOP;
  argv["max-record-size"] ??= DEFAULT_MAX_RECORD_MIB;
  const positionals = parsed.positionals;
  if (positionals.length < command.positionals.length) return null;
  if (command.positionals[0] === "pod") argv["pod"] = positionals.shift();
  argv["inputs"] = positionals;
  return toCommand(argv as ParsedWords);
}
