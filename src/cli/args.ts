import yargs, { type Argv } from "yargs";
import { INPUT_FORMATS, type InputFormat } from "../types.js";
import { OUTPUT_FORMATS, type OutputFormat } from "../render/index.js";
import { UserError } from "../errors.js";

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
    }
  | { readonly kind: "explain"; readonly reason: string | null; readonly list: boolean; readonly lang: "en" | "zh" }
  | { readonly kind: "help"; readonly text: string };

const EXAMPLES = `Examples:
  podtrail analyze pods.jsonl events.jsonl            text report of a capture
  podtrail analyze captures/ -o json > report.json    every file of a directory, JSON report
  kubectl get pods -A -w -o json | podtrail analyze -   read standard input
  podtrail analyze 'archive/*.jsonl.gz' --strict      globs and gzip; exit 1 on any warning
  podtrail explain CrashLoopBackOff                   what a reason means, what to check first
  podtrail explain --list --lang zh                   the whole catalogue in Chinese

Exit status: 0 done, 1 warnings under --strict, 2 usage or unreadable input, 3 internal error.`;

function parser(): Argv {
  return yargs()
    .scriptName("podtrail")
    .usage("podtrail: where pod start-up time went and why pods failed, from recorded Kubernetes watch captures and events\n\nUsage: podtrail <command> [options]")
    .command("analyze <inputs..>", "report start-up stages and failure reasons of the pods in captures (files, directories, globs, .gz, - for stdin)", (y) =>
      y
        .positional("inputs", { type: "string", array: true, describe: "capture files, directories, globs or - for stdin" })
        .option("output", { alias: ["o", "format"], choices: OUTPUT_FORMATS, default: "text" as const, describe: "output format" })
        .option("input-format", { choices: INPUT_FORMATS, describe: "force the input format instead of detecting it" })
        .option("strict", { type: "boolean", default: false, describe: "exit 1 when the input had warnings" })
        .option("validate", { type: "boolean", default: false, describe: "validate the JSON report against schemas/report.schema.json" })
        .option("top", { type: "number", default: 10, describe: "rows in lists of pods" })
        .option("max-record-size", { type: "number", default: 64, describe: "skip single records larger than this many MiB" })
        .option("quiet", { alias: "q", type: "boolean", default: false, describe: "no warnings summary on stderr" }),
    )
    .command("explain [reason]", "explain a failure or waiting reason: what it means, what to check first", (y) =>
      y
        .positional("reason", { type: "string", describe: "a reason such as CrashLoopBackOff" })
        .option("list", { type: "boolean", default: false, describe: "list every reason podtrail knows" })
        .option("lang", { choices: ["en", "zh"] as const, default: "en" as const, describe: "language of the catalogue" }),
    )
    .epilogue(EXAMPLES)
    .demandCommand(1, "podtrail needs a command: analyze or explain")
    .strict()
    .help()
    .alias("h", "help")
    .version(false)
    .wrap(Math.min(110, process.stdout.columns || 100));
}

/** Parses command-line words; `UserError` for anything malformed. */
export async function parseArgs(words: readonly string[]): Promise<Command> {
  let helpText: string | null = null;
  let failure: string | null = null;
  const argv = await new Promise<Record<string, unknown>>((resolve) => {
    parser()
      .exitProcess(false)
      .fail((message, error) => {
        failure = message ?? error?.message ?? "invalid arguments";
      })
      .parse([...words], {}, (_err, parsed, output) => {
        if (output) helpText = output;
        resolve(parsed as Record<string, unknown>);
      });
  });
  if (failure !== null) throw new UserError(`podtrail: ${firstLine(failure)} (see podtrail --help)`);
  if (helpText !== null) return { kind: "help", text: helpText };
  const command = String((argv["_"] as unknown[])[0] ?? "");
  if (command === "explain") {
    return { kind: "explain", reason: typeof argv["reason"] === "string" ? argv["reason"] : null, list: argv["list"] === true, lang: argv["lang"] === "zh" ? "zh" : "en" };
  }
  const top = Number(argv["top"]);
  const maxMiB = Number(argv["max-record-size"]);
  if (!Number.isInteger(top) || top < 1) throw new UserError("podtrail: --top takes a whole number of at least 1");
  if (!(maxMiB > 0)) throw new UserError("podtrail: --max-record-size takes a positive number of MiB");
  return {
    kind: "analyze",
    inputs: (argv["inputs"] as unknown[]).map(String),
    output: argv["output"] as OutputFormat,
    inputFormat: (argv["input-format"] as InputFormat | undefined) ?? null,
    strict: argv["strict"] === true,
    validate: argv["validate"] === true,
    top,
    maxRecordBytes: Math.round(maxMiB * 1024 * 1024),
    quiet: argv["quiet"] === true,
  };
}

function firstLine(s: string): string {
  return s.split("\n")[0] ?? s;
}
