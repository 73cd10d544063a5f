import { createRequire } from "node:module";
import yargs, { type Argv } from "yargs";
import { GROUP_BYS, INPUT_FORMATS } from "../types.js";
import { OUTPUT_FORMATS } from "../render/formats.js";
import { UserError } from "../errors.js";
import { DEFAULT_MAX_RECORD_MIB, DEFAULT_TOP, STDIN_WORD, toCommand, type Command } from "./commandLine.js";

export type { Command } from "./commandLine.js";

/** The package's version: package.json is two folders up from src/cli/ and from dist/cli/ alike. */
const VERSION = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

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

Exit status: 0 done, 1 a --fail-if threshold breached or warnings under --strict,
2 usage or unreadable input, 3 internal error (a bug: please report it).`;

/**
 * `wrap` is given only when help is asked for: yargs lays out the help text
 * after every parse (to cache it), and measuring its width for wrapping is
 * most of a parse's time, paid at every start-up.
 */
function parser(columns: number | undefined, help: boolean): Argv {
  return yargs()
    .scriptName("podtrail")
    .usage("podtrail: where pod start-up time went and why pods failed, from recorded Kubernetes watch captures and events\n\nUsage: podtrail <command> [options]")
    .command("analyze <inputs..>", "report start-up stages and failure reasons of the pods in captures (files, directories, globs, .gz, - for stdin)", (y) =>
      y
        .positional("inputs", { type: "string", array: true, describe: "capture files, directories, globs or - for stdin" })
        .option("output", { alias: ["o", "format"], choices: [...OUTPUT_FORMATS, "md"], default: "text", describe: "output format (md is short for markdown)" })
        .option("input-format", { choices: INPUT_FORMATS, describe: "force the input format instead of detecting it" })
        .option("strict", { type: "boolean", default: false, describe: "exit 1 when the input had warnings" })
        .option("validate", { type: "boolean", default: false, describe: "validate the JSON report against schemas/report.schema.json" })
        .option("top", { type: "number", default: DEFAULT_TOP, describe: "rows in lists of pods" })
        .option("max-record-size", { type: "number", default: DEFAULT_MAX_RECORD_MIB, describe: "skip single records larger than this many MiB" })
        .option("quiet", { alias: "q", type: "boolean", default: false, describe: "no progress or warnings summary on stderr" })
        .option("namespace", { alias: "n", type: "string", array: true, nargs: 1, describe: "only pods of this namespace (repeatable)" })
        .option("selector", { alias: "l", type: "string", describe: "only pods matching this label selector (kubectl syntax)" })
        .option("pod", { type: "string", array: true, nargs: 1, describe: "only pods with this name, uid or prefix (repeatable)" })
        .option("since", { type: "string", describe: "only pods created at or after this RFC 3339 time or this long before the capture's end (30m)" })
        .option("until", { type: "string", describe: "only pods created at or before this RFC 3339 time or this long before the capture's end" })
        .option("group-by", { choices: GROUP_BYS, describe: "summarize stages and failures per namespace, node or owner" })
        .option("fail-if", { type: "string", array: true, nargs: 1, describe: "exit 1 when a stage statistic passes a limit: 'startup.p99>5s' (repeatable)" }),
    )
    .command("timeline <pod> <inputs..>", "show the evidence behind one pod's figures: every transition and event, in order", (y) =>
      y
        .positional("pod", { type: "string", describe: "pod name, uid, or a unique prefix; namespace/name also works" })
        .positional("inputs", { type: "string", array: true, describe: "capture files, directories, globs or - for stdin" })
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
    .demandCommand(1, "podtrail needs a command: analyze, timeline or explain")
    .strict()
    .help()
    .alias("h", "help")
    .version("version", "print podtrail's version", VERSION)
    .wrap(help ? Math.min(110, columns || 100) : null);
}

/** Parses command-line words with yargs; `UserError` for anything malformed. */
export async function parseArgs(words: readonly string[], columns?: number): Promise<Command> {
  let helpText: string | null = null;
  let failure: string | null = null;
  const argv = await new Promise<Record<string, unknown>>((resolve) => {
    parser(columns, words.includes("--help") || words.includes("-h"))
      .exitProcess(false)
      .fail((message, error) => {
        failure = message ?? error?.message ?? "invalid arguments";
      })
      .parse(words.map((w) => (w === "-" ? STDIN_WORD : w)), {}, (_err, parsed, output) => {
        if (output) helpText = output;
        resolve(parsed as Record<string, unknown>);
      });
  });
  if (failure !== null) throw new UserError(`${firstLine(failure)} (see podtrail --help)`);
  if (helpText !== null) return { kind: "help", text: helpText };
  return toCommand(argv);
}

/** yargs spreads some messages over lines ("Invalid values:\n  Argument: ..."): one line for the user. */
function firstLine(s: string): string {
  return s
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join(" ");
}
