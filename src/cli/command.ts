import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Report } from "../types.js";
import { analyze, type ReadEndHook, type ReadOptions } from "../analyze.js";
import { merge, mergePartials, partial } from "../merge.js";
import type { ReportOptions } from "../report.js";
import { timeline } from "../timeline.js";
import { renderChunks } from "../render/index.js";
import { toJsonReport } from "../render/json.js";
import { renderTimelineText } from "../render/timelineText.js";
import { renderTimelineJson } from "../render/timelineJson.js";
import { validateJsonReport } from "../render/validateReport.js";
import { renderExplain } from "../render/explain.js";
import { reportError } from "./reportError.js";
import type { ColorChoice, Command, ReportChoices } from "./args.js";
import { progressLine } from "./progress.js";
import { terminalText } from "../render/terminalText.js";
import { gateLine } from "../render/gateText.js";
import { errnoText, InternalError, isUserError, UserError } from "../errors.js";
import { counted } from "../input/index.js";
import { noCaptureMessage } from "../noCapture.js";
import { loadSides } from "../comparison.js";
import { compareReports } from "../compare/compare.js";
import { renderComparison } from "../render/comparison/index.js";
import { regressionLine } from "../render/comparison/words.js";
import type { Interrupter } from "./interrupt.js";
import { interruptedLine } from "../render/stageFacts.js";

export interface CliIO {
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** True when stderr is a terminal: only then is progress drawn. */
  readonly stderrIsTTY?: boolean;
  /** True when stdout is a terminal: only then is the text report coloured (and never with NO_COLOR set). */
  readonly stdoutIsTTY?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** Width of the terminal (stdout's columns), when it is one: --help and the text report fit it. */
  readonly columns?: number;
  /** Stops reading on SIGINT and SIGTERM (the binary's process); without one, signals do what they do. */
  readonly interrupter?: Interrupter;
  /** Called once a report's inputs are read, before it is built: the binary's process tunes its compiler there. */
  readonly afterReading?: () => void;
}

/**
 * Whether to colour the text report. `--color=always|never` decides; `auto`
 * (the default) colours a terminal, unless NO_COLOR is set and not empty
 * (https://no-color.org); FORCE_COLOR, as Node reads it (`0` and `false`
 * turn colour off, any other value on), decides for output that is no
 * terminal, and NO_COLOR wins over it.
 */
export function wantsColor(choice: ColorChoice, io: Pick<CliIO, "env" | "stdoutIsTTY">): boolean {
  if (choice !== "auto") return choice === "always";
  const noColor = io.env?.["NO_COLOR"];
  if (noColor !== undefined && noColor !== "") return false;
  const force = io.env?.["FORCE_COLOR"];
  if (force !== undefined) return !["0", "false"].includes(force.toLowerCase());
  return io.stdoutIsTTY === true;
}

/** Runs a parsed command; returns the exit status (0, 1, 2 or 3). */
export async function runCommand(command: Command, io: CliIO): Promise<number> {
  try {
    return await run(command, io);
  } catch (error) {
    return reportError(error, io);
  }
}

async function run(command: Command, io: CliIO): Promise<number> {
  switch (command.kind) {
    case "help":
      io.stdout.write(`${command.text}\n`);
      return 0;
    case "explain": {
      const { text, found } = renderExplain(command.reason ?? undefined, { lang: command.lang, list: command.list || command.reason === null });
      (found ? io.stdout : io.stderr).write(text.endsWith("\n") ? text : `${text}\n`);
      return found ? 0 : 2;
    }
    case "timeline": {
      const progress = showProgress(io, command.quiet);
      const t = await reading(io, (signal) =>
        timeline(command.pod, command.inputs, {
          ...readOptions(command, progress, signal),
          namespaces: command.namespaces,
          ...(command.since === null ? {} : { since: command.since }),
          types: command.types,
        }),
      ).finally(() => progress?.done());
      if (t.interrupted !== null && !command.quiet) io.stderr.write(`podtrail: ${terminalText(interruptedLine(t.interrupted))}\n`);
      io.stdout.write(command.output === "json" ? renderTimelineJson(t.pod, t.entries, t.spans, t.interrupted) : renderTimelineText(t.pod, t.entries, t.spans, terminalWidth(io, command.wide)));
      return 0;
    }
    case "compare": {
      const progress = showProgress(io, command.quiet);
      const { base, head } = await loadSides(command.base, command.head, {
        ...readOptions(command, progress, null),
        ...(command.groupBy === null ? {} : { groupBy: command.groupBy }),
        ...(command.includePartial === null ? {} : { includePartial: command.includePartial }),
      }).finally(() => progress?.done());
      const comparison = compareReports(base.report, head.report, {
        excludeUnfinished: command.excludeUnfinished,
        tolerances: command.tolerances,
        baseLabel: command.base,
        headLabel: command.head,
        baseKind: base.kind,
        headKind: head.kind,
      });
      io.stdout.write(renderComparison(comparison, command.output, { top: command.top }));
      for (const r of comparison.regressions) io.stderr.write(`podtrail: slower than tolerated: ${terminalText(regressionLine(comparison, r))}\n`);
      return comparison.regressions.length > 0 ? 1 : 0;
    }
    case "analyze": {
      const progress = showProgress(io, command.quiet);
      if (command.partial !== null) {
        const chunks = partial(command.inputs, readOptions(command, progress, null));
        return await writePartial(chunks, command.partial, io, command.quiet, () => progress?.done());
      }
      // Erased before anything else is written, an error message included.
      const report = await reading(io, (signal) => analyze(command.inputs, { ...readOptions(command, progress, signal), ...reportOptions(command), ...afterReading(io) })).finally(() => progress?.done());
      return await writeReport(report, command, io);
    }
    case "merge": {
      if (command.partial !== null) return await writePartial(mergePartials(command.inputs), command.partial, io, command.quiet, () => undefined);
      return await writeReport(await merge(command.inputs, { ...reportOptions(command), ...afterReading(io) }), command, io);
    }
  }
}

/** The width to fit the text report to: a terminal's, unless --wide; none for a file or a pipe (whole lines). */
function terminalWidth(io: CliIO, wide: boolean): { width?: number } {
  return !wide && io.stdoutIsTTY === true && io.columns !== undefined && io.columns > 0 ? { width: io.columns } : {};
}

/** The binary's hook for when a report's inputs are read, as the library's option. */
function afterReading(io: CliIO): ReadEndHook {
  return io.afterReading === undefined ? {} : { onReadEnd: io.afterReading };
}

/** Reads with the binary's interrupter when there is one (Ctrl-C stops reading), else as is. */
function reading<T>(io: CliIO, read: (signal: AbortSignal | null) => Promise<T>): Promise<T> {
  return io.interrupter === undefined ? read(null) : io.interrupter.reading(read);
}

function reportOptions(command: ReportChoices): ReportOptions {
  return {
    filter: command.filter,
    thresholds: command.thresholds,
    ...(command.groupBy === null ? {} : { groupBy: command.groupBy }),
    includePartial: command.includePartial,
    excludeUnfinished: command.excludeUnfinished,
  };
}

/** Writes a report in its format, then what its exit status rests on: breached gates, and warnings under --strict. */
async function writeReport(report: Report, command: ReportChoices, io: CliIO): Promise<number> {
  if (report.interrupted !== null && !command.quiet) io.stderr.write(`podtrail: ${terminalText(interruptedLine(report.interrupted))}\n`);
  // No input held a pod or event (a kubectl table, an empty file, YAML of other kinds): one line, status 2.
  const nothing = noCaptureMessage(report);
  if (nothing !== null) {
    io.stderr.write(`${terminalText(nothing)}\n`);
    return 2;
  }
  if (command.filterText !== "" && report.pods.length === 0 && report.podsSeen > 0) {
    io.stderr.write(`podtrail: ${terminalText(`no pod matches ${command.filterText} (${report.podsSeen} pod${report.podsSeen === 1 ? "" : "s"} in the capture)`)}\n`);
  }
  if (command.validate) {
    const problems = validateJsonReport(JSON.parse(JSON.stringify(toJsonReport(report))));
    // The report is made to its schema (a property test holds it there): a mismatch is a bug, said in one line.
    if (problems.length > 0) throw new InternalError(null, null, new Error(`the report does not match schemas/report.schema.json: ${problems.slice(0, 5).join("; ")}`), false);
  }
  for (const chunk of renderChunks(report, command.output, { top: command.top, color: wantsColor(command.color, io), ...terminalWidth(io, command.wide), csvTable: command.csvTable, bom: command.bom })) {
    // Wait when the reader is slower, so a big report is not queued whole in memory; stop when it has left
    // (`podtrail ... | head`): nothing more is wanted. The exit status is the report's all the same.
    if (!io.stdout.write(chunk) && !(await drained(io.stdout))) break;
  }
  const breached = report.thresholds.filter((t) => t.breached);
  for (const t of breached) io.stderr.write(`podtrail: threshold breached: ${terminalText(gateLine(t))}\n`);
  // A gate with nothing to look at holds, and says so: a filter that selected no pod is not a pass to trust.
  for (const t of report.thresholds) if (t.kind === "stage" && t.valueMs === null && !t.notReached) io.stderr.write(`podtrail: note: ${terminalText(gateLine(t))}\n`);
  if (command.strict && report.warnings.length > 0) {
    io.stderr.write(`podtrail: --strict: ${report.warnings.length} warning(s):\n`);
    for (const w of report.warnings) io.stderr.write(`  ${terminalText(`${w.input}${w.line === null ? "" : `:${w.line}`}: ${w.message}`)}\n`);
  } else if (report.warnings.length > 0 && !command.quiet && command.output !== "text") {
    io.stderr.write(`podtrail: ${report.warnings.length} warning(s) about the input; see "warnings" in the report\n`);
  }
  return breached.length > 0 || (command.strict && report.warnings.length > 0) ? 1 : 0;
}

/**
 * Writes a partial file: to a temporary name beside it, renamed when
 * complete, so that a run stopped part-way leaves no partial that looks
 * whole (merge would refuse a cut one, but a daily job should not have to
 * find out). `-` writes to standard output. The partial is written as it is
 * made: `made` is called once writing ends or fails (the progress line goes
 * then), before any message.
 */
async function writePartial(chunks: AsyncIterable<Buffer>, path: string, io: CliIO, quiet: boolean, made: () => void): Promise<number> {
  let bytes = 0;
  const written = counted(chunks, (total) => (bytes = total));
  try {
    if (path === "-") {
      if (io.stdoutIsTTY === true) throw new UserError("--partial -: standard output is a terminal; a partial is gzip: redirect it to a file");
      for await (const chunk of written) if (!io.stdout.write(chunk) && !(await drained(io.stdout))) break;
      return 0;
    }
    const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      await pipeline(written, createWriteStream(temporary, { flags: "wx" }));
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (typeof code === "string" && code.startsWith("E") && !isUserError(error)) throw new UserError(`cannot write '${path}': ${errnoText(error, { ENOENT: "no such directory" })}`);
      throw error;
    }
  } finally {
    made();
  }
  if (!quiet) io.stderr.write(`podtrail: wrote ${terminalText(path)} (${bytes < 1_000_000 ? `${(bytes / 1000).toFixed(1)} kB` : `${(bytes / 1_000_000).toFixed(1)} MB`})\n`);
  return 0;
}

function readOptions(
  command: {
    readonly inputFormat: ReadOptions["inputFormat"] | null;
    readonly maxRecordBytes: number;
    readonly include: readonly string[];
    readonly readForMs: number | null;
    readonly jobs?: number;
    readonly shard?: ReadOptions["shard"] | null;
  },
  progress: ReturnType<typeof progressLine> | null,
  signal: AbortSignal | null,
): ReadOptions {
  return {
    maxRecordBytes: command.maxRecordBytes,
    ...(command.include.length === 0 ? {} : { include: command.include }),
    ...(signal === null ? {} : { signal }),
    ...(command.readForMs === null ? {} : { timeLimitMs: command.readForMs }),
    ...(command.jobs === undefined ? {} : { jobs: command.jobs }),
    ...(command.shard === undefined || command.shard === null ? {} : { shard: command.shard }),
    ...(command.inputFormat === null || command.inputFormat === undefined ? {} : { inputFormat: command.inputFormat }),
    ...(progress === null ? {} : { onProgress: progress.update }),
  };
}

function showProgress(io: CliIO, quiet: boolean): ReturnType<typeof progressLine> | null {
  if (quiet || io.stderrIsTTY !== true) return null;
  return progressLine(io.stderr as NodeJS.WriteStream & { columns?: number });
}

/** Waits until `stream` takes more writes; false when it is gone instead (its reader left, or writing failed). */
async function drained(stream: Writable): Promise<boolean> {
  if (stream.destroyed) return false;
  const settled = new AbortController();
  // `once` rejects on an 'error' event, and on the abort that drops the listener left waiting.
  await Promise.race(["drain", "close"].map((event) => once(stream, event, { signal: settled.signal }).catch(() => undefined)));
  settled.abort();
  return !stream.destroyed;
}
