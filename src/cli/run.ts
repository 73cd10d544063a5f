import { parseCommandLine } from "./args.js";
import { runCommand, type CliIO } from "./command.js";
import { reportError } from "./reportError.js";
import { errnoText } from "../errors.js";

export type { CliIO } from "./command.js";

/**
 * Runs podtrail with command-line words; returns the exit status (0, 1, 2
 * or 3). The `podtrail` binary (`main.ts`) calls it with the process's
 * streams, once its V8 flags are set.
 */
export async function main(words: readonly string[], io: CliIO): Promise<number> {
  // A reader that leaves early (`podtrail ... | head`) ends the output, not the run with a stack trace;
  // any other failure to write is the user's to fix (a full disk).
  let writeError: NodeJS.ErrnoException | null = null;
  io.stdout.on("error", (error: NodeJS.ErrnoException) => {
    writeError ??= error;
  });
  let status: number;
  try {
    status = await runCommand(await parseCommandLine(words, io.columns), io);
  } catch (error) {
    status = reportError(error, io);
  }
  const failed = writeError as NodeJS.ErrnoException | null;
  if (failed === null || failed.code === "EPIPE") return status;
  io.stderr.write(`podtrail: cannot write the report: ${errnoText(failed, { EBADF: "the output is closed" })}\n`);
  return 2;
}
