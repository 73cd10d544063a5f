#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { analyze } from "../analyze.js";
import { render } from "../render/index.js";
import { toJsonReport } from "../render/json.js";
import { validateJsonReport } from "../render/validateReport.js";
import { renderExplain } from "../catalog/index.js";
import { isUserError } from "../errors.js";
import { parseArgs } from "./args.js";

export interface CliIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** Runs podtrail with command-line words; returns the exit status (0, 1, 2 or 3). */
export async function main(words: readonly string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  try {
    const command = await parseArgs(words);
    switch (command.kind) {
      case "help":
        io.stdout.write(`${command.text}\n`);
        return 0;
      case "explain": {
        const { text, found } = renderExplain(command.reason ?? undefined, { lang: command.lang, list: command.list || command.reason === null });
        (found ? io.stdout : io.stderr).write(text.endsWith("\n") ? text : `${text}\n`);
        return found ? 0 : 2;
      }
      case "analyze": {
        const report = await analyze(command.inputs, {
          maxRecordBytes: command.maxRecordBytes,
          ...(command.inputFormat === null ? {} : { inputFormat: command.inputFormat }),
        });
        if (command.validate) {
          const problems = validateJsonReport(JSON.parse(JSON.stringify(toJsonReport(report))));
          if (problems.length > 0) throw new Error(`report does not match schemas/report.schema.json: ${problems.join("; ")}`);
        }
        io.stdout.write(render(report, command.output, { top: command.top }));
        if (report.warnings.length > 0 && !command.quiet && command.output !== "text") {
          io.stderr.write(`podtrail: ${report.warnings.length} warning(s) about the input; see "warnings" in the report\n`);
        }
        return command.strict && report.warnings.length > 0 ? 1 : 0;
      }
    }
  } catch (error) {
    if (isUserError(error)) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`podtrail: internal error: ${detail}\nThis is a bug in podtrail; please report it with the command you ran.\n`);
    return 3;
  }
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  process.exitCode = await main(process.argv.slice(2));
}
