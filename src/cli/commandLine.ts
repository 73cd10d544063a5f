import type { GroupBy, InputFormat } from "../types.js";
import { parseTimeBound, type PodFilter } from "../summarize/podFilter.js";
import { parseThreshold, type Threshold } from "../summarize/thresholds.js";
import { parseLabelSelector } from "../kube/labelSelector.js";
import type { OutputFormat } from "../render/formats.js";
import { isUserError, UserError } from "../errors.js";

/*
 * What a command line asks for, whichever parser read it: yargs (`args.ts`,
 * the definition, with help and error messages) or the quick reader of plain
 * command lines (`quickArgs.ts`). Both give `toCommand` the same parsed words.
 */

export type Command =
  | {
      readonly kind: "analyze";
      readonly inputs: readonly string[];
      readonly output: OutputFormat;
      readonly inputFormat: InputFormat | null;
      readonly strict: boolean;
      readonly validate: boolean;
      readonly top: number;
      readonly maxRecordBytes: number;
      readonly quiet: boolean;
      readonly filter: PodFilter;
      readonly groupBy: GroupBy | null;
      readonly thresholds: readonly Threshold[];
    }
  | {
      readonly kind: "timeline";
      readonly pod: string;
      readonly inputs: readonly string[];
      readonly namespaces: readonly string[];
      readonly inputFormat: InputFormat | null;
      readonly maxRecordBytes: number;
      readonly quiet: boolean;
    }
  | { readonly kind: "explain"; readonly reason: string | null; readonly list: boolean; readonly lang: "en" | "zh" }
  | { readonly kind: "help"; readonly text: string };

export const DEFAULT_TOP = 10;
export const DEFAULT_MAX_RECORD_MIB = 64;

/** yargs drops a lone `-` from positionals: it travels under this name and comes back as `-`. */
export const STDIN_WORD = "\u0000stdin";

/** Parsed words as yargs gives them: `_` holds the command, options under their long names. */
export type ParsedWords = Readonly<Record<string, unknown>>;

/** A library parse of one option's value; its `UserError` (which names the value) gains the flag's name. */
function parseValue<T>(flag: string, text: string, parse: (text: string) => T): T {
  try {
    return parse(text);
  } catch (error) {
    if (isUserError(error)) throw new UserError(`${flag} ${error.message}`);
    throw error;
  }
}

/**
 * The command that parsed words ask for, every value parsed before any input
 * is opened; `UserError` for values no parser checks (numbers out of range,
 * selectors, times, thresholds).
 */
export function toCommand(argv: ParsedWords): Command {
  const command = String((argv["_"] as unknown[])[0] ?? "");
  if (command === "explain") {
    return { kind: "explain", reason: typeof argv["reason"] === "string" ? argv["reason"] : null, list: argv["list"] === true, lang: argv["lang"] === "zh" ? "zh" : "en" };
  }
  const maxMiB = Number(argv["max-record-size"]);
  if (!(maxMiB > 0)) throw new UserError("--max-record-size takes a positive number of MiB");
  const strings = (key: string): string[] => ((argv[key] as unknown[] | undefined) ?? []).map((v) => (v === STDIN_WORD ? "-" : String(v)));
  if (command === "timeline") {
    return {
      kind: "timeline",
      pod: argv["pod"] === STDIN_WORD ? "-" : String(argv["pod"]),
      inputs: strings("inputs"),
      namespaces: strings("namespace"),
      inputFormat: (argv["input-format"] as InputFormat | undefined) ?? null,
      maxRecordBytes: Math.round(maxMiB * 1024 * 1024),
      quiet: argv["quiet"] === true,
    };
  }
  const top = Number(argv["top"]);
  if (!Number.isInteger(top) || top < 1) throw new UserError("--top takes a whole number of at least 1");
  const filter: PodFilter = {
    ...(strings("namespace").length > 0 ? { namespaces: strings("namespace") } : {}),
    ...(typeof argv["selector"] === "string" ? { selector: parseValue("--selector", argv["selector"], parseLabelSelector) } : {}),
    ...(strings("pod").length > 0 ? { pods: strings("pod") } : {}),
    ...(typeof argv["since"] === "string" ? { since: parseValue("--since", argv["since"], parseTimeBound) } : {}),
    ...(typeof argv["until"] === "string" ? { until: parseValue("--until", argv["until"], parseTimeBound) } : {}),
  };
  return {
    kind: "analyze",
    inputs: strings("inputs"),
    output: (argv["output"] === "md" ? "markdown" : argv["output"]) as OutputFormat,
    inputFormat: (argv["input-format"] as InputFormat | undefined) ?? null,
    strict: argv["strict"] === true,
    validate: argv["validate"] === true,
    top,
    maxRecordBytes: Math.round(maxMiB * 1024 * 1024),
    quiet: argv["quiet"] === true,
    filter,
    groupBy: (argv["group-by"] as GroupBy | undefined) ?? null,
    thresholds: strings("fail-if").map((expression) => parseValue("--fail-if", expression, parseThreshold)),
  };
}
