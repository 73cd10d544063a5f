import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import yargs, { type Argv } from "yargs";
import { GROUP_BYS, INPUT_FORMATS, type GroupBy, type InputFormat } from "../types.js";
import { CSV_TABLES, OUTPUT_FORMATS, type CsvTable, type OutputFormat } from "../render/formats.js";
import { isUserError, UserError } from "../errors.js";
import { parseTimeBound, type PodFilter, type TimeBound } from "../summarize/podFilter.js";
import { didYouMean } from "../didYouMean.js";
import { parseThreshold, type Threshold } from "../summarize/gates.js";
import { parseLabelSelector } from "../kube/labelSelector.js";
import { parseGoDuration } from "../kube/goDuration.js";
import { COMPARE_FORMATS, type CompareFormat } from "../render/comparison/formats.js";
import { parseTolerance, type Tolerance } from "../compare/tolerances.js";
import { parseShard, type Shard } from "../input/index.js";

/*
 * The command line, defined once: yargs reads it, writes its help and its
 * errors; every value is then parsed here, before any input is opened, so a
 * mistake in `--since` costs nothing of a long read.
 */

/** `--color`: `auto` colours only a terminal (and honours NO_COLOR and FORCE_COLOR). */
export type ColorChoice = "always" | "never" | "auto";

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
  readonly includePartial: boolean;
  readonly excludeUnfinished: boolean;
  readonly color: ColorChoice;
  /** `--wide`: whole lines on a terminal too, not cut to its width. */
  readonly wide: boolean;
  /** `-o csv`: which table, and whether it starts with a UTF-8 byte order mark. */
  readonly csvTable: CsvTable;
  readonly bom: boolean;
  /** The filter options as typed (`-n nosuch -l app=web`), for the message when they select no pod; "" without filters. */
  readonly filterText: string;
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
      readonly include: readonly string[];
      /** `--for`: stop reading after this many milliseconds; null to read to the end. */
      readonly readForMs: number | null;
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
      readonly output: "text" | "json";
      readonly since: TimeBound | null;
      /** `--types Warning`: only events of these types. */
      readonly types: readonly string[];
      readonly wide: boolean;
      readonly inputFormat: InputFormat | null;
      readonly maxRecordBytes: number;
      readonly include: readonly string[];
      readonly quiet: boolean;
      readonly readForMs: number | null;
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
      readonly readForMs: number | null;
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
  podtrail analyze caps/ --fail-if 'notReady>0' --fail-if 'failures.image>0'   gates on pods that never started
  podtrail compare base.json caps/ --fail-if-slower 'startup.p99:10%'   a run against a baseline
  podtrail timeline web-7d4b9c8f6d-x2x9k caps/         the evidence behind one pod's figures
  podtrail explain CrashLoopBackOff                   what a reason means, what to check first
  podtrail explain --list --lang zh                   the whole catalogue in Chinese
  podtrail explain 137                                what a container exit code means
  podtrail analyze day1/ --partial day1.partial       keep a day's partial result
  podtrail merge day*.partial -o markdown             the week's report, without re-reading a capture

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
 * Help is laid out only when it is asked for: yargs lays out a command's
 * help after every parse (to cache it), which `skipHelpLayout` turns off,
 * and `wrap`, whose measuring of widths is most of a layout's time, is
 * given only then (should yargs' hook be gone, a layout stays cheap).
 */
function parser(columns: number | undefined, help: boolean): Argv {
  const y = yargs()
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
          .option("include", { type: "string", array: true, nargs: 1, describe: "in directories and archives, read only files matching this glob (a pattern without / matches names at any depth; repeatable)" })
          .option("for", { type: "string", describe: "stop reading after this long (10m) and report what was read; Ctrl-C does the same" })
          .option("shard", { type: "string", describe: "read only shard K (0 to N-1) of N of the input files, by sorted name: K/N (a Kubernetes Indexed Job's index)" })
          .option("jobs", { alias: "j", type: "number", defaultDescription: "half the cores, at least 1", describe: "threads that read at once: files shared out, large JSONL files read in parts; same output as -j 1" }),
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
        .option("output", { alias: "o", choices: ["text", "json"], default: "text", coerce: lowerCase, describe: "text, or json (schemas/timeline.schema.json)" })
        .option("since", { type: "string", describe: "only entries at or after this RFC 3339 time, or this long before the pod's last entry (10m), as kubectl events --since" })
        .option("types", { type: "string", array: true, nargs: 1, describe: "only events of these types (Warning, Normal; comma-separated or repeated), as kubectl events --types" })
        .option("wide", { type: "boolean", default: false, describe: "on a terminal, print lines whole instead of cutting them to its width" })
        .option("all-namespaces", { alias: "A", type: "boolean", describe: "look in every namespace (the default; as with kubectl, it wins over -n)" })
        .option("input-format", { choices: INPUT_FORMATS, describe: "force the input format instead of detecting it" })
        .option("max-record-size", { type: "number", default: DEFAULT_MAX_RECORD_MIB, describe: "skip single records larger than this many MiB" })
        .option("include", { type: "string", array: true, nargs: 1, describe: "in directories and archives, read only files matching this glob (a pattern without / matches names at any depth; repeatable)" })
        .option("quiet", { alias: "q", type: "boolean", default: false, describe: "no progress on stderr" })
        .option("for", { type: "string", describe: "stop reading after this long (10m) and show what was read; Ctrl-C does the same" }),
    )
    .command("compare", "compare two runs, each a JSON report or captures: stage statistics side by side, pods and failure reasons that appeared or went (compare <base> <new>)", (y) =>
      y
        .usage(`podtrail compare <base> <new> [options]\n\ncompare two runs: per stage and group, p50/p90/p99/max side by side with the change\n\nbase, new: a JSON report (podtrail analyze -o json) or captures: ${INPUTS}`)
        .demandCommand(2, "compare needs two sides: podtrail compare <base> <new>, each a JSON report or captures")
        .strict(false)
        .strictOptions()
        .option("output", { alias: ["o", "format"], choices: [...COMPARE_FORMATS, "md"], default: "text", coerce: lowerCase, describe: "output format (md is short for markdown; any case, -ojson too)" })
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
    .demandCommand(1, "podtrail needs a command: analyze, merge, compare, timeline or explain")
    .recommendCommands()
    .strict()
    .help()
    .alias("h", "help")
    .version("version", "print podtrail's version", VERSION)
    .wrap(help ? Math.min(110, columns || 100) : null);
  if (!help) skipHelpLayout(y);
  return y;
}

/**
 * yargs lays out a command's help after every parse that ran it, to have it
 * ready (`usage.cacheHelpMessage`), which takes a tenth of podtrail's
 * start-up (docs/performance.md); podtrail asks for help text only when help
 * is asked for, and then builds a parser that lays it out. The hook is yargs'
 * internal one, so it is reached with care: without it, nothing changes.
 */
function skipHelpLayout(y: Argv): void {
  const internal = (y as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.();
  const usage = internal?.getUsageInstance?.();
  if (usage !== undefined && typeof usage.cacheHelpMessage === "function") usage.cacheHelpMessage = () => {};
}

/**
 * The options of a report, shared by `analyze` and `merge`. Those that only
 * shape a report have no default here (it is applied when they are read), so
 * that one given with --partial can be told from one left out.
 */
function reportOptions(y: Argv): Argv {
  return y
    .option("output", { alias: ["o", "format"], choices: [...OUTPUT_FORMATS, "md"], defaultDescription: "text", coerce: lowerCase, describe: "output format (md is short for markdown; any case, -ojson too)" })
    .option("strict", { type: "boolean", defaultDescription: "false", describe: "exit 1 when the input had warnings" })
    .option("validate", { type: "boolean", defaultDescription: "false", describe: "validate the JSON report against schemas/report.schema.json" })
    .option("top", { type: "number", defaultDescription: String(DEFAULT_TOP), describe: "rows in lists of pods" })
    .option("quiet", { alias: "q", type: "boolean", default: false, describe: "no progress or warnings summary on stderr" })
    .option("namespace", { alias: "n", type: "string", array: true, nargs: 1, describe: "only pods of this namespace (repeatable)" })
    .option("all-namespaces", { alias: "A", type: "boolean", describe: "pods of every namespace (the default; as with kubectl, it wins over -n)" })
    .option("selector", { alias: "l", type: "string", describe: "only pods matching this label selector (kubectl syntax)" })
    .option("pod", { type: "string", array: true, nargs: 1, describe: "only pods with this name, uid or prefix (repeatable)" })
    .option("since", { type: "string", describe: "only pods created at or after this RFC 3339 time or this long before the capture's end (30m)" })
    .option("until", { type: "string", describe: "only pods created at or before this RFC 3339 time or this long before the capture's end" })
    .option("group-by", { choices: [...GROUP_BYS, "stateful"], describe: "summarize stages and failures per namespace, node, owner, image, or storage (stateless/stateful; stateful is the same)" })
    .option("include-partial", { type: "boolean", describe: "count in the summaries the figures of pods first seen after the transition they rest on (bounds, not measurements)" })
    .option("fail-if", {
      type: "string",
      array: true,
      nargs: 1,
      describe: "exit 1 when a gate is breached: a stage statistic against a duration ('startup.p99>5s'; pods that never reached the stage count as above it) or a count of pods ('notReady>0', 'stuck>0', 'failures>0', 'failures.image>2', 'partial>10%') (repeatable)",
    })
    .option("exclude-unfinished", { type: "boolean", describe: "stage gates leave out the pods that never reached the stage instead of counting them above every limit" })
    .option("color", { type: "string", describe: "colour the text report: always, never or auto (a terminal; NO_COLOR, FORCE_COLOR); --no-color is never" })
    .option("wide", { type: "boolean", describe: "on a terminal, print long names and messages whole instead of cutting lines to its width" })
    .option("csv", { choices: CSV_TABLES, describe: "with -o csv: one row per pod (default), failure (with its message), container (image, pull), or group (needs --group-by)" })
    .option("bom", { type: "boolean", describe: "with -o csv: start with a UTF-8 byte order mark, for spreadsheet programs" });
}

/** Options that only shape a report: given with --partial they would do nothing, which is a mistake to say. */
const REPORT_ONLY: readonly [key: string, flag: string][] = [
  ["output", "-o"],
  ["strict", "--strict"],
  ["validate", "--validate"],
  ["top", "--top"],
  ["namespace", "-n"],
  ["all-namespaces", "-A"],
  ["selector", "-l"],
  ["pod", "--pod"],
  ["since", "--since"],
  ["until", "--until"],
  ["group-by", "--group-by"],
  ["include-partial", "--include-partial"],
  ["fail-if", "--fail-if"],
  ["exclude-unfinished", "--exclude-unfinished"],
  ["color", "--color"],
  ["wide", "--wide"],
  ["csv", "--csv"],
  ["bom", "--bom"],
];

/**
 * Reads command-line words into a command, every value parsed; `UserError`
 * for anything malformed, its message naming the flag. No handler runs
 * inside yargs: it would print help for an error thrown there.
 */
export async function parseCommandLine(typed: readonly string[], columns?: number): Promise<Command> {
  const words = kubectlHabits(typed);
  let helpText: string | null = null;
  let failure: string | null = null;
  let suggestion: string | null = null;
  const argv = await new Promise<Record<string, unknown>>((resolve) => {
    parser(columns, words.includes("--help") || words.includes("-h"))
      .exitProcess(false)
      .fail((message, error) => {
        // recommendCommands reports "Did you mean X?" first, then the unknown words: one message of both.
        const text = message ?? error?.message ?? "invalid arguments";
        const near = /^Did you mean (.+)\?$/.exec(text);
        if (near !== null) suggestion = near[1]!;
        else failure ??= text;
      })
      .parse([...words], {}, (_err, parsed, output) => {
        if (output) helpText = output;
        resolve(parsed as Record<string, unknown>);
      });
  });
  if (suggestion !== null) throw new UserError(`unknown command '${words[0] ?? ""}' (did you mean ${suggestion}?); the commands are analyze, merge, compare, timeline and explain`);
  if (failure !== null) throw new UserError(`${oneLine(failure)} (see podtrail --help)`);
  if (helpText !== null) return { kind: "help", text: helpText };
  return toCommand(argv);
}

/** Short options that take a value, which kubectl also reads run together with it (`-ojson`, `-nkube-system`, `-o=json`). */
const SHORT_WITH_VALUE = new Set(["o", "n", "l"]);
const COLOR_CHOICES: readonly ColorChoice[] = ["always", "never", "auto"];

/**
 * Command-line habits from kubectl and GNU tools, rewritten to what yargs
 * reads, before `--` only (after it every word is an input): `-ojson`
 * and `-o=json` are `-o json`; a bare `--color` (not followed by one of its
 * values) is `--color=always`, as with ls, so that it never takes an input
 * as its value; `--partial -` is `--partial=-`.
 */
export function kubectlHabits(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === "--") {
      out.push(...words.slice(i));
      break;
    }
    const joined = /^-([a-zA-Z])=?(.+)$/s.exec(word);
    if (joined !== null && SHORT_WITH_VALUE.has(joined[1]!)) out.push(`-${joined[1]!}`, joined[2]!);
    else if (word === "--color" && !(COLOR_CHOICES as readonly string[]).includes(words[i + 1] ?? "")) out.push("--color=always");
    else if (word === "--partial" && words[i + 1] === "-") {
      // yargs reads a lone `-` after an option as a word of its own (standard input among the inputs).
      out.push("--partial=-");
      i++;
    } else out.push(word);
  }
  return out;
}

/** `-o JSON` is `-o json`, as kubectl reads it. */
function lowerCase(value: unknown): unknown {
  return Array.isArray(value) ? value.map(lowerCase) : typeof value === "string" ? value.toLowerCase() : value;
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

/** `--for 10m`: a Go duration longer than zero. */
function parseReadFor(text: string): number {
  const ms = parseGoDuration(text);
  if (ms === null || !(ms > 0)) throw new UserError(`'${text}': expected a duration longer than zero (30s, 10m, 1h)`);
  return ms;
}

/** `--color` as given: absent is auto, `--no-color` is never; anything else is a usage error. */
function colorChoice(value: unknown): ColorChoice {
  if (value === undefined) return "auto";
  if (value === false) return "never";
  if (value === true) return "always";
  const text = String(value).toLowerCase();
  if ((COLOR_CHOICES as readonly string[]).includes(text)) return text as ColorChoice;
  throw new UserError(`--color '${String(value)}': expected always, never or auto`);
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
  const readFor = argv("for");
  const read = {
    inputFormat: (argv("input-format") as InputFormat | undefined) ?? null,
    maxRecordBytes: Math.round(maxMiB * 1024 * 1024),
    include: strings("include"),
    quiet: argv("quiet") === true,
    readForMs: readFor === undefined ? null : parseValue("--for", String(readFor), parseReadFor),
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
    const since = argv("since");
    const types = strings("types").flatMap((t) => t.split(",")).map((t) => t.trim()).filter((t) => t !== "");
    for (const t of types) if (!/^(warning|normal)$/i.test(t)) throw new UserError(`--types '${t}': expected Warning or Normal${didYouMean(t, ["Warning", "Normal"])}`);
    return {
      kind: "timeline",
      pod: words[1]!,
      inputs: words.slice(2),
      namespaces: argv("all-namespaces") === true ? [] : strings("namespace"),
      output: argv("output") === "json" ? "json" : "text",
      since: typeof since === "string" ? parseValue("--since", since, parseTimeBound) : null,
      types,
      wide: argv("wide") === true,
      ...read,
    };
  }
  const jobs = argv("jobs") === undefined ? defaultJobs(availableParallelism()) : Number(argv("jobs"));
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
  const allNamespaces = argv("all-namespaces") === true;
  const namespaces = allNamespaces ? [] : strings("namespace");
  const top = argv("top") === undefined ? DEFAULT_TOP : Number(argv("top"));
  if (!Number.isInteger(top) || top < 1) throw new UserError("--top takes a whole number of at least 1");
  const since = argv("since");
  const until = argv("until");
  const selector = argv("selector");
  const filter: PodFilter = {
    ...(namespaces.length > 0 ? { namespaces } : {}),
    ...(typeof selector === "string" ? { selector: parseValue("--selector", selector, parseLabelSelector) } : {}),
    ...(strings("pod").length > 0 ? { pods: strings("pod") } : {}),
    ...(typeof since === "string" ? { since: parseValue("--since", since, parseTimeBound) } : {}),
    ...(typeof until === "string" ? { until: parseValue("--until", until, parseTimeBound) } : {}),
  };
  const given = argv("output") ?? "text";
  const output = (given === "md" ? "markdown" : given) as OutputFormat;
  // `stateful` names the grouping by what it splits out: the same as `storage`.
  const groupBy = argv("group-by") === "stateful" ? "storage" : ((argv("group-by") as GroupBy | undefined) ?? null);
  const csvTable = (argv("csv") as CsvTable | undefined) ?? "pods";
  if (output !== "csv" && (argv("csv") !== undefined || argv("bom") === true)) throw new UserError("--csv and --bom are for -o csv");
  if (csvTable === "groups" && groupBy === null) throw new UserError("--csv groups needs --group-by (namespace, node, owner, storage or image)");
  return {
    output,
    strict: argv("strict") === true,
    validate: argv("validate") === true,
    top,
    quiet: argv("quiet") === true,
    filter,
    groupBy,
    thresholds: strings("fail-if").map((expression) => parseValue("--fail-if", expression, parseThreshold)),
    includePartial: argv("include-partial") === true,
    excludeUnfinished: argv("exclude-unfinished") === true,
    color: colorChoice(argv("color")),
    wide: argv("wide") === true,
    csvTable,
    bom: argv("bom") === true,
    filterText: [
      ...namespaces.map((n) => `-n ${n}`),
      ...(typeof selector === "string" ? [`-l ${selector}`] : []),
      ...strings("pod").map((p) => `--pod ${p}`),
      ...(typeof since === "string" ? [`--since ${since}`] : []),
      ...(typeof until === "string" ? [`--until ${until}`] : []),
    ].join(" "),
    partial: typeof partial === "string" ? partial : null,
  };
}

/**
 * Reading threads when `-j` is not given: one per two cores, at least one.
 * A reading thread keeps about one and a half cores busy (its collector and
 * compiler run beside it), so one per core leaves none free: on two cores
 * `-j 2` read a large JSONL file in 0.80x the speed of `-j 1`, with more
 * memory (docs/performance.md).
 */
export function defaultJobs(cores: number): number {
  return Math.max(1, Math.floor(cores / 2));
}

