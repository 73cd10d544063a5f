import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import yargs, { type Argv } from "yargs";
import { GROUP_BYS, INPUT_FORMATS, type GroupBy, type InputFormat } from "../types.js";
import { OUTPUT_FORMATS, type OutputFormat } from "../render/formats.js";
import { isUserError, UserError } from "../errors.js";
import { parseTimeBound, type PodFilter } from "../summarize/podFilter.js";
import { parseThreshold, type Threshold } from "../summarize/thresholds.js";
import { parseLabelSelector } from "../kube/labelSelector.js";
import { parseShard, type Shard } from "../input/index.js";

/*
 * The command line, defined once: yargs reads it, writes its help and its
 * errors; every value is then parsed here, before any input is opened, so a
 * mistake in `--since` costs nothing of a long read.
 */

/** What the report of `analyze` and `merge` is made of and how it is shown. */
export interface ReportChoices {
  readonly output: OutputFormat;
  readonly strict: boolean;
  readonly validate: boolean;
  readonly top: number;
  readonly quiet: boolean;
  readonly filter: PodFilter;
  readonly groupBy: GroupBy | null;
  readonly thresholds: readonly Threshold[];
  /** Write the partial result to this file (`-`: standard output) instead of a report. */
  readonly partial: string | null;
}

/** What a command line asks for, every value parsed. */
export type Command =
  | (ReportChoices & {
      readonly kind: "analyze";
      readonly inputs: readonly string[];
      readonly inputFormat: InputFormat | null;
      readonly maxRecordBytes: number;
      /** Threads that read at once (`-j`). */
      readonly jobs: number;
      /** `--shard K/N`: only that shard of the input files. */
      readonly shard: Shard | null;
    })
  | (ReportChoices & {
      readonly kind: "merge";
      /** Partial files, directories of them, globs, or - for standard input. */
      readonly inputs: readonly string[];
    })
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
  /** Help or the version: yargs' text, for stdout. */
  | { readonly kind: "help"; readonly text: string };

const DEFAULT_TOP = 10;
const DEFAULT_MAX_RECORD_MIB = 64;

/** The package's version: package.json is two folders up from src/cli/ and from dist/cli/ alike. */
const VERSION = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

const INPUTS = "capture files, directories, globs, .gz, or - for standard input";
const PARTIALS = "partial files (podtrail analyze --partial), directories of them, globs, or - for standard input";

const EXAMPLES = `Examples:
  podtrail analyze pods.jsonl events.jsonl            text report of a capture
  podtrail analyze captures/ -o json > report.json    every file of a directory, JSON report
  kubectl get pods -A -w -o json | podtrail analyze -   read standard input
  podtrail analyze 'archive/*.jsonl.gz' --strict      globs and gzip; exit 1 on any warning
  podtrail analyze caps/ -n shop -l 'app in (web,api)' --group-by node
  podtrail analyze caps/ --fail-if 'startup.p99>5s' --fail-if 'imagePull.max>2m'
  podtrail timeline web-7d4b9c8f6d-x2x9k caps/         the evidence behind one pod's figures
  podtrail explain CrashLoopBackOff                   what a reason means, what to check first
  podtrail explain --list --lang zh                   the whole catalogue in Chinese
  podtrail analyze day1/ --partial day1.partial       keep a day's partial result
  podtrail merge day*.partial -o markdown             the week's report, without re-reading a capture

Exit status: 0 done, 1 a --fail-if threshold breached or warnings under --strict,
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
      reportOptions(
        y
          .usage(`podtrail analyze <inputs..> [options]\n\nreport start-up stages and failure reasons of the pods in captures\n\ninputs: ${INPUTS}`)
          .demandCommand(1, "analyze needs at least one input: a file, directory, glob or - for standard input")
          .strict(false)
          .strictOptions()
          .option("input-format", { choices: INPUT_FORMATS, describe: "force the input format instead of detecting it" })
          .option("max-record-size", { type: "number", default: DEFAULT_MAX_RECORD_MIB, describe: "skip single records larger than this many MiB" })
          .option("shard", { type: "string", describe: "read only shard K (0 to N-1) of N of the input files, by sorted name: K/N (a Kubernetes Indexed Job's index)" })
          .option("jobs", { alias: "j", type: "number", defaultDescription: "the number of cores", describe: "threads that read at once: files shared out, large JSONL files read in parts; same output as -j 1" }),
      ).option("partial", { type: "string", describe: "write the partial result (docs/partial.md) to this file, - for stdout, instead of a report: podtrail merge makes reports of partials" }),
    )
    .command("merge", "report on partial results (podtrail analyze --partial): any number, of any split of the captures, as analyzing all of them would (merge <partials..>)", (y) =>
      reportOptions(
        y
          .usage(`podtrail merge <partials..> [options]\n\nreport on partial results, as analyzing all their captures at once would (docs/partial.md)\n\npartials: ${PARTIALS}`)
          .demandCommand(1, "merge needs at least one partial: a file podtrail analyze --partial wrote, a directory of them, a glob or - for standard input")
          .strict(false)
          .strictOptions(),
      ).option("partial", { type: "string", describe: "write the merged partial to this file, - for stdout, instead of a report" }),
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
        .option("quiet", { alias: "q", type: "boolean", default: false, describe: "no progress on stderr" }),
    )
    .command("explain [reason]", "explain a failure or waiting reason: what it means, what to check first", (y) =>
      y
        .positional("reason", { type: "string", describe: "a reason such as CrashLoopBackOff" })
        .option("list", { type: "boolean", default: false, describe: "list every reason podtrail knows" })
        .option("lang", { choices: ["en", "zh"] as const, default: "en" as const, describe: "language of the catalogue" }),
    )
    .epilogue(EXAMPLES)
    .demandCommand(1, "podtrail needs a command: analyze, merge, timeline or explain")
    .strict()
    .help()
    .alias("h", "help")
    .version("version", "print podtrail's version", VERSION)
    .wrap(help ? Math.min(110, columns || 100) : null);
}

/**
 * The options that make and show a report, for `analyze` and `merge` alike.
 * Those that only concern a report have no default here (their defaults are
 * applied when the command is made), so that one given with --partial is
 * known to have been given.
 */
function reportOptions(y: Argv): Argv {
  return y
    .option("output", { alias: ["o", "format"], choices: [...OUTPUT_FORMATS, "md"], defaultDescription: "text", describe: "output format (md is short for markdown)" })
    .option("strict", { type: "boolean", defaultDescription: "false", describe: "exit 1 when the input had warnings" })
    .option("validate", { type: "boolean", defaultDescription: "false", describe: "validate the JSON report against schemas/report.schema.json" })
    .option("top", { type: "number", defaultDescription: String(DEFAULT_TOP), describe: "rows in lists of pods" })
    .option("quiet", { alias: "q", type: "boolean", default: false, describe: "no progress or warnings summary on stderr" })
    .option("namespace", { alias: "n", type: "string", array: true, nargs: 1, describe: "only pods of this namespace (repeatable)" })
    .option("selector", { alias: "l", type: "string", describe: "only pods matching this label selector (kubectl syntax)" })
    .option("pod", { type: "string", array: true, nargs: 1, describe: "only pods with this name, uid or prefix (repeatable)" })
    .option("since", { type: "string", describe: "only pods created at or after this RFC 3339 time or this long before the capture's end (30m)" })
    .option("until", { type: "string", describe: "only pods created at or before this RFC 3339 time or this long before the capture's end" })
    .option("group-by", { choices: GROUP_BYS, describe: "summarize stages and failures per namespace, node or owner" })
    .option("fail-if", { type: "string", array: true, nargs: 1, describe: "exit 1 when a stage statistic passes a limit: 'startup.p99>5s' (repeatable)" });
}

/** Options that only shape a report: given with --partial they would do nothing, which is a mistake to say. */
const REPORT_ONLY: readonly [key: string, flag: string][] = [
  ["output", "-o"],
  ["strict", "--strict"],
  ["validate", "--validate"],
  ["top", "--top"],
  ["namespace", "-n"],
  ["selector", "-l"],
  ["pod", "--pod"],
  ["since", "--since"],
  ["until", "--until"],
  ["group-by", "--group-by"],
  ["fail-if", "--fail-if"],
];

/**
 * Reads command-line words into a command, every value parsed; `UserError`
 * for anything malformed, its message naming the flag. No handler runs
 * inside yargs: it would print help for an error thrown there.
 */
export async function parseCommandLine(given: readonly string[], columns?: number): Promise<Command> {
  const words = joinStdoutValue(given);
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

/**
 * `--partial -` as `--partial=-`: yargs reads a lone `-` after an option as
 * a word of its own (standard input among the inputs) and leaves the option
 * empty.
 */
function joinStdoutValue(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === "--") {
      out.push(...words.slice(i));
      break;
    }
    if (words[i] === "--partial" && words[i + 1] === "-") {
      out.push("--partial=-");
      i++;
    } else out.push(words[i]!);
  }
  return out;
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

/** Reads parsed options: a single value (an option given twice comes as an array of its values: the last one wins, as with kubectl), or all of a repeatable one's. */
function reader(parsed: Readonly<Record<string, unknown>>): { argv: (key: string) => unknown; strings: (key: string) => string[] } {
  return {
    argv: (key) => {
      const value = parsed[key];
      return Array.isArray(value) ? value.at(-1) : value;
    },
    strings: (key) => ((parsed[key] as unknown[] | undefined) ?? []).map(String),
  };
}

function toCommand(parsed: Readonly<Record<string, unknown>>): Command {
  const words = (parsed["_"] as unknown[]).map(String);
  const { argv, strings } = reader(parsed);
  const command = words[0];
  if (command === "explain") {
    return { kind: "explain", reason: typeof parsed["reason"] === "string" ? parsed["reason"] : null, list: argv("list") === true, lang: argv("lang") === "zh" ? "zh" : "en" };
  }
  if (command === "merge") return { kind: "merge", inputs: words.slice(1), ...reportChoices(parsed, "merge") };
  const maxMiB = Number(argv("max-record-size"));
  if (!(maxMiB > 0)) throw new UserError("--max-record-size takes a positive number of MiB");
  const read = {
    inputFormat: (argv("input-format") as InputFormat | undefined) ?? null,
    maxRecordBytes: Math.round(maxMiB * 1024 * 1024),
    quiet: argv("quiet") === true,
  };
  if (command === "timeline") {
    return { kind: "timeline", pod: words[1]!, inputs: words.slice(2), namespaces: strings("namespace"), ...read };
  }
  const jobs = argv("jobs") === undefined ? availableParallelism() : Number(argv("jobs"));
  if (!Number.isInteger(jobs) || jobs < 1) throw new UserError("--jobs takes a whole number of at least 1");
  const shard = argv("shard");
  return {
    kind: "analyze",
    inputs: words.slice(1),
    ...reportChoices(parsed, "analyze"),
    ...read,
    jobs,
    shard: typeof shard === "string" ? parseValue("--shard", shard, parseShard) : null,
  };
}

/** The report options of `analyze` or `merge`, parsed; those that shape only a report are refused with --partial. */
function reportChoices(parsed: Readonly<Record<string, unknown>>, command: "analyze" | "merge"): ReportChoices {
  const { argv, strings } = reader(parsed);
  const partial = argv("partial");
  if (partial !== undefined) {
    if (typeof partial !== "string" || partial === "") throw new UserError("--partial takes a file to write the partial to, or - for standard output");
    const given = REPORT_ONLY.filter(([key]) => parsed[key] !== undefined).map(([, flag]) => flag);
    if (given.length > 0) {
      const what = command === "analyze" ? "podtrail merge applies them to partials" : "merge without --partial to make a report";
      throw new UserError(`--partial writes a partial result, not a report: ${given.join(", ")} ${given.length === 1 ? "shapes" : "shape"} only a report (${what})`);
    }
  }
  const top = argv("top") === undefined ? DEFAULT_TOP : Number(argv("top"));
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
  const output = argv("output") ?? "text";
  return {
    output: (output === "md" ? "markdown" : output) as OutputFormat,
    strict: argv("strict") === true,
    validate: argv("validate") === true,
    top,
    quiet: argv("quiet") === true,
    filter,
    groupBy: (argv("group-by") as GroupBy | undefined) ?? null,
    thresholds: strings("fail-if").map((expression) => parseValue("--fail-if", expression, parseThreshold)),
    partial: typeof partial === "string" ? partial : null,
  };
}
