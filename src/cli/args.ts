import { createRequire } from "node:module";
import yargs, { type Argv } from "yargs";
import { GROUP_BYS, INPUT_FORMATS, type GroupBy, type InputFormat } from "../types.js";
import { OUTPUT_FORMATS, type OutputFormat } from "../render/formats.js";
import { isUserError, UserError } from "../errors.js";
import { parseTimeBound, type PodFilter } from "../summarize/podFilter.js";
import { parseThreshold, type Threshold } from "../summarize/gates.js";
import { parseLabelSelector } from "../kube/labelSelector.js";
import { COMPARE_FORMATS, type CompareFormat } from "../render/comparison/formats.js";
import { parseTolerance, type Tolerance } from "../compare/tolerances.js";

/*
 * The command line, defined once: yargs reads it, writes its help and its
 * errors; every value is then parsed here, before any input is opened, so a
 * mistake in `--since` costs nothing of a long read.
 */

/** What a command line asks for, every value parsed. */
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
      readonly include: readonly string[];
      readonly quiet: boolean;
      readonly filter: PodFilter;
      readonly groupBy: GroupBy | null;
      readonly thresholds: readonly Threshold[];
      readonly includePartial: boolean;
      readonly excludeUnfinished: boolean;
    }
  | {
      readonly kind: "timeline";
      readonly pod: string;
      readonly inputs: readonly string[];
      readonly namespaces: readonly string[];
      readonly inputFormat: InputFormat | null;
      readonly maxRecordBytes: number;
      readonly include: readonly string[];
      readonly quiet: boolean;
    }
  | {
      readonly kind: "compare";
      readonly base: string;
      readonly head: string;
      readonly output: CompareFormat;
      readonly tolerances: readonly Tolerance[];
      readonly excludeUnfinished: boolean;
      readonly groupBy: GroupBy | null;
      /** null: as the report on the other side, else off. */
      readonly includePartial: boolean | null;
      readonly top: number;
      readonly inputFormat: InputFormat | null;
      readonly maxRecordBytes: number;
      readonly include: readonly string[];
      readonly quiet: boolean;
    }
  | { readonly kind: "explain"; readonly reason: string | null; readonly list: boolean; readonly lang: "en" | "zh" }
  /** Help or the version: yargs' text, for stdout. */
  | { readonly kind: "help"; readonly text: string };

const DEFAULT_TOP = 10;
const DEFAULT_MAX_RECORD_MIB = 64;

/** The package's version: package.json is two folders up from src/cli/ and from dist/cli/ alike. */
const VERSION = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

const INPUTS = "capture files, directories, globs, .gz, or - for standard input";

const EXAMPLES = `Examples:
  podtrail analyze pods.jsonl events.jsonl            text report of a capture
  podtrail analyze captures/ -o json > report.json    every file of a directory, JSON report
  kubectl get pods -A -w -o json | podtrail analyze -   read standard input
  podtrail analyze 'archive/*.jsonl.gz' --strict      globs and gzip; exit 1 on any warning
  podtrail analyze caps/ -n shop -l 'app in (web,api)' --group-by node
  podtrail analyze caps/ --fail-if 'startup.p99>5s' --fail-if 'imagePull.max>2m'
  podtrail analyze caps/ --fail-if 'notReady>0' --fail-if 'failures.image>0'   gates on pods that never started
  podtrail compare base.json caps/ --fail-if-slower 'startup.p99:10%'   a run against a baseline
  podtrail timeline web-7d4b9c8f6d-x2x9k caps/         the evidence behind one pod's figures
  podtrail explain CrashLoopBackOff                   what a reason means, what to check first
  podtrail explain --list --lang zh                   the whole catalogue in Chinese

Exit status: 0 done, 1 a --fail-if gate breached, warnings under --strict, or
a compare slower than --fail-if-slower allows,
2 usage or unreadable input, 3 internal error (a bug: please report it).`;

/**
 * The inputs of `analyze` and `timeline` are the command's non-option words
 * (`argv._`), not a declared `<inputs..>` positional: yargs re-reads declared
 * positionals as `--inputs WORD` and so loses a lone `-`, the usual name of
 * standard input (yargs/yargs#1312). The usage line says what the words are;
 * `demandCommand` asks for them and `strictOptions` still rejects unknown
 * options. They stay words as typed (`parse-positional-numbers`: a file
 * named `010` is not the number 10).
 *
 * `wrap` is given only when help is asked for: yargs lays out the help text
 * after every parse (to cache it), and measuring its width for wrapping is
 * most of a parse's time.
 */
function parser(columns: number | undefined, help: boolean): Argv {
  return yargs()
    .scriptName("podtrail")
    .usage("podtrail: where pod start-up time went and why pods failed, from recorded Kubernetes watch captures and events\n\nUsage: podtrail <command> [options]")
    .parserConfiguration({ "parse-positional-numbers": false })
    .command("analyze", "report start-up stages and failure reasons of the pods in captures (files, directories, globs, .gz, - for stdin)", (y) =>
      y
        .usage(`podtrail analyze <inputs..> [options]\n\nreport start-up stages and failure reasons of the pods in captures\n\ninputs: ${INPUTS}`)
        .demandCommand(1, "analyze needs at least one input: a file, directory, glob or - for standard input")
        .strict(false)
        .strictOptions()
        .option("output", { alias: ["o", "format"], choices: [...OUTPUT_FORMATS, "md"], default: "text", describe: "output format (md is short for markdown)" })
        .option("input-format", { choices: INPUT_FORMATS, describe: "force the input format instead of detecting it" })
        .option("strict", { type: "boolean", default: false, describe: "exit 1 when the input had warnings" })
        .option("validate", { type: "boolean", default: false, describe: "validate the JSON report against schemas/report.schema.json" })
        .option("top", { type: "number", default: DEFAULT_TOP, describe: "rows in lists of pods" })
        .option("max-record-size", { type: "number", default: DEFAULT_MAX_RECORD_MIB, describe: "skip single records larger than this many MiB" })
        .option("include", { type: "string", array: true, nargs: 1, describe: "in directories and archives, read only files matching this glob (a pattern without / matches names at any depth; repeatable)" })
        .option("quiet", { alias: "q", type: "boolean", default: false, describe: "no progress or warnings summary on stderr" })
        .option("namespace", { alias: "n", type: "string", array: true, nargs: 1, describe: "only pods of this namespace (repeatable)" })
        .option("selector", { alias: "l", type: "string", describe: "only pods matching this label selector (kubectl syntax)" })
        .option("pod", { type: "string", array: true, nargs: 1, describe: "only pods with this name, uid or prefix (repeatable)" })
        .option("since", { type: "string", describe: "only pods created at or after this RFC 3339 time or this long before the capture's end (30m)" })
        .option("until", { type: "string", describe: "only pods created at or before this RFC 3339 time or this long before the capture's end" })
        .option("group-by", { choices: GROUP_BYS, describe: "summarize stages and failures per namespace, node, owner or storage (stateless/stateful)" })
        .option("include-partial", { type: "boolean", default: false, describe: "count in the summaries the figures of pods first seen after the transition they rest on (bounds, not measurements)" })
        .option("fail-if", {
          type: "string",
          array: true,
          nargs: 1,
          describe: "exit 1 when a gate is breached: a stage statistic against a duration ('startup.p99>5s'; pods that never reached the stage count as above it) or a count of pods ('notReady>0', 'stuck>0', 'failures>0', 'failures.image>2', 'partial>10%') (repeatable)",
        })
        .option("exclude-unfinished", { type: "boolean", default: false, describe: "stage gates leave out the pods that never reached the stage instead of counting them above every limit" }),
    )
    .command("timeline", "show the evidence behind one pod's figures: every transition and event, in order (timeline <pod> <inputs..>)", (y) =>
      y
        .usage(`podtrail timeline <pod> <inputs..> [options]\n\nshow the evidence behind one pod's figures: every transition and event, in order\n\npod: pod name, uid, or a unique prefix; namespace/name also works\ninputs: ${INPUTS}`)
        .demandCommand(2, "timeline needs a pod and at least one input: podtrail timeline <pod> <inputs..>")
        .strict(false)
        .strictOptions()
        .option("namespace", { alias: "n", type: "string", array: true, nargs: 1, describe: "look in this namespace" })
        .option("input-format", { choices: INPUT_FORMATS, describe: "force the input format instead of detecting it" })
        .option("max-record-size", { type: "number", default: DEFAULT_MAX_RECORD_MIB, describe: "skip single records larger than this many MiB" })
        .option("include", { type: "string", array: true, nargs: 1, describe: "in directories and archives, read only files matching this glob (a pattern without / matches names at any depth; repeatable)" })
        .option("quiet", { alias: "q", type: "boolean", default: false, describe: "no progress on stderr" }),
    )
    .command("compare", "compare two runs, each a JSON report or captures: stage statistics side by side, pods and failure reasons that appeared or went (compare <base> <new>)", (y) =>
      y
        .usage(`podtrail compare <base> <new> [options]\n\ncompare two runs: per stage and group, p50/p90/p99/max side by side with the change\n\nbase, new: a JSON report (podtrail analyze -o json) or captures: ${INPUTS}`)
        .demandCommand(2, "compare needs two sides: podtrail compare <base> <new>, each a JSON report or captures")
        .strict(false)
        .strictOptions()
        .option("output", { alias: ["o", "format"], choices: [...COMPARE_FORMATS, "md"], default: "text", describe: "output format (md is short for markdown)" })
        .option("fail-if-slower", {
          type: "string",
          array: true,
          nargs: 1,
          describe: "exit 1 when NEW is slower than BASE beyond a tolerance: '10%' (every stage and statistic), 'startup.p99:10%', 'scheduling:500ms' (repeatable)",
        })
        .option("exclude-unfinished", { type: "boolean", default: false, describe: "leave out the pods that never reached a stage instead of counting them slower than any figure" })
        .option("group-by", { choices: GROUP_BYS, describe: "for captures: compare per namespace, node, owner or storage too (a report side keeps its own grouping)" })
        .option("include-partial", { type: "boolean", describe: "for captures: count the bounds of pods first seen late (default: as the report on the other side)" })
        .option("top", { type: "number", default: DEFAULT_TOP, describe: "rows in lists of pods" })
        .option("input-format", { choices: INPUT_FORMATS, describe: "force the input format of captures instead of detecting it" })
        .option("max-record-size", { type: "number", default: DEFAULT_MAX_RECORD_MIB, describe: "skip single records larger than this many MiB" })
        .option("include", { type: "string", array: true, nargs: 1, describe: "in directories and archives, read only files matching this glob (a pattern without / matches names at any depth; repeatable)" })
        .option("quiet", { alias: "q", type: "boolean", default: false, describe: "no progress on stderr" }),
    )
    .command("explain [reason]", "explain a failure or waiting reason: what it means, what to check first", (y) =>
      y
        .positional("reason", { type: "string", describe: "a reason such as CrashLoopBackOff" })
        .option("list", { type: "boolean", default: false, describe: "list every reason podtrail knows" })
        .option("lang", { choices: ["en", "zh"] as const, default: "en" as const, describe: "language of the catalogue" }),
    )
    .epilogue(EXAMPLES)
    .demandCommand(1, "podtrail needs a command: analyze, compare, timeline or explain")
    .strict()
    .help()
    .alias("h", "help")
    .version("version", "print podtrail's version", VERSION)
    .wrap(help ? Math.min(110, columns || 100) : null);
}

/**
 * Reads command-line words into a command, every value parsed; `UserError`
 * for anything malformed, its message naming the flag. No handler runs
 * inside yargs: it would print help for an error thrown there.
 */
export async function parseCommandLine(words: readonly string[], columns?: number): Promise<Command> {
  let helpText: string | null = null;
  let failure: string | null = null;
  const argv = await new Promise<Record<string, unknown>>((resolve) => {
    parser(columns, words.includes("--help") || words.includes("-h"))
      .exitProcess(false)
      .fail((message, error) => {
        failure = message ?? error?.message ?? "invalid arguments";
      })
      .parse([...words], {}, (_err, parsed, output) => {
        if (output) helpText = output;
        resolve(parsed as Record<string, unknown>);
      });
  });
  if (failure !== null) throw new UserError(`${oneLine(failure)} (see podtrail --help)`);
  if (helpText !== null) return { kind: "help", text: helpText };
  return toCommand(argv);
}

/** yargs spreads some messages over lines ("Invalid values:\n  Argument: ..."): one line for the user. */
function oneLine(s: string): string {
  return s
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join(" ");
}

/** A library parse of one option's value; its `UserError` (which names the value) gains the flag's name. */
function parseValue<T>(flag: string, text: string, parse: (text: string) => T): T {
  try {
    return parse(text);
  } catch (error) {
    if (isUserError(error)) throw new UserError(`${flag} ${error.message}`);
    throw error;
  }
}

function toCommand(parsed: Readonly<Record<string, unknown>>): Command {
  const words = (parsed["_"] as unknown[]).map(String);
  // An option given twice comes as an array of its values: the last one wins, as with kubectl.
  const argv = (key: string): unknown => {
    const value = parsed[key];
    return Array.isArray(value) ? value.at(-1) : value;
  };
  const strings = (key: string): string[] => ((parsed[key] as unknown[] | undefined) ?? []).map(String);
  const command = words[0];
  if (command === "explain") {
    return { kind: "explain", reason: typeof parsed["reason"] === "string" ? parsed["reason"] : null, list: argv("list") === true, lang: argv("lang") === "zh" ? "zh" : "en" };
  }
  const maxMiB = Number(argv("max-record-size"));
  if (!(maxMiB > 0)) throw new UserError("--max-record-size takes a positive number of MiB");
  const read = {
    inputFormat: (argv("input-format") as InputFormat | undefined) ?? null,
    maxRecordBytes: Math.round(maxMiB * 1024 * 1024),
    include: strings("include"),
    quiet: argv("quiet") === true,
  };
  if (command === "compare") {
    if (words.length !== 3) throw new UserError(`compare takes two sides, base and new; got ${words.length - 1}: ${words.slice(1).join(" ")} (see podtrail --help)`);
    const top = Number(argv("top"));
    if (!Number.isInteger(top) || top < 1) throw new UserError("--top takes a whole number of at least 1");
    const includePartial = argv("include-partial");
    return {
      kind: "compare",
      base: words[1]!,
      head: words[2]!,
      output: (argv("output") === "md" ? "markdown" : argv("output")) as CompareFormat,
      tolerances: strings("fail-if-slower").map((expression) => parseValue("--fail-if-slower", expression, parseTolerance)),
      excludeUnfinished: argv("exclude-unfinished") === true,
      groupBy: (argv("group-by") as GroupBy | undefined) ?? null,
      includePartial: typeof includePartial === "boolean" ? includePartial : null,
      top,
      ...read,
    };
  }
  if (command === "timeline") {
    return { kind: "timeline", pod: words[1]!, inputs: words.slice(2), namespaces: strings("namespace"), ...read };
  }
  const top = Number(argv("top"));
  if (!Number.isInteger(top) || top < 1) throw new UserError("--top takes a whole number of at least 1");
  const since = argv("since");
  const until = argv("until");
  const selector = argv("selector");
  const filter: PodFilter = {
    ...(strings("namespace").length > 0 ? { namespaces: strings("namespace") } : {}),
    ...(typeof selector === "string" ? { selector: parseValue("--selector", selector, parseLabelSelector) } : {}),
    ...(strings("pod").length > 0 ? { pods: strings("pod") } : {}),
    ...(typeof since === "string" ? { since: parseValue("--since", since, parseTimeBound) } : {}),
    ...(typeof until === "string" ? { until: parseValue("--until", until, parseTimeBound) } : {}),
  };
  return {
    kind: "analyze",
    inputs: words.slice(1),
    output: (argv("output") === "md" ? "markdown" : argv("output")) as OutputFormat,
    strict: argv("strict") === true,
    validate: argv("validate") === true,
    top,
    filter,
    groupBy: (argv("group-by") as GroupBy | undefined) ?? null,
    thresholds: strings("fail-if").map((expression) => parseValue("--fail-if", expression, parseThreshold)),
    includePartial: argv("include-partial") === true,
    excludeUnfinished: argv("exclude-unfinished") === true,
    ...read,
  };
}
