import { parseCommandLine } from "./args.js";
import { runCommand, type CliIO } from "./command.js";
import { reportError } from "./reportError.js";

export type { CliIO } from "./command.js";

/**
 * Runs podtrail with command-line words in this thread; returns the exit
 * status (0, 1, 2 or 3). The `podtrail` binary splits the same steps over
 * two threads (`main.ts` parses, the engine worker runs the command).
 */
export async function main(words: readonly string[], io: CliIO): Promise<number> {
  try {
    return await runCommand(await parseCommandLine(words, io.columns), io);
  } catch (error) {
    return reportError(error, io);
  }
}
