import { InternalError, isUserError } from "../errors.js";
import { terminalText } from "../render/terminalText.js";

/**
 * Writes what went wrong, the one place that does: a user's mistake in one
 * line (status 2), its message prefixed with `podtrail: ` (the library's and
 * the command line's messages do not carry it); anything else is a bug
 * (status 3).
 */
export function reportError(error: unknown, io: { readonly stderr: NodeJS.WritableStream }): number {
  if (isUserError(error)) {
    // Messages quote what the user gave and what inputs hold (file names, pod names): shown escaped, on one line.
    io.stderr.write(`podtrail: ${terminalText(error.message)}\n`);
    return 2;
  }
  const where = error instanceof InternalError ? terminalText(error.message) : "";
  const cause = error instanceof InternalError ? error.cause : error;
  const trace = !(error instanceof InternalError) || error.withTrace;
  const detail = trace ? `\n${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}` : "";
  io.stderr.write(`podtrail: internal error${where}${detail}\nThis is a bug in podtrail: please report it with the command you ran and, if you can, the input line named above.\n`);
  return 3;
}
