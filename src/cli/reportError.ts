import { InternalError, isUserError } from "../errors.js";

/**
 * Writes what went wrong, the one place that does: a user's mistake in one
 * line (status 2), its message prefixed with `podtrail: ` (the library's and
 * the command line's messages do not carry it); anything else is a bug
 * (status 3).
 */
export function reportError(error: unknown, io: { readonly stderr: NodeJS.WritableStream }): number {
  if (isUserError(error)) {
    io.stderr.write(`podtrail: ${error.message}\n`);
    return 2;
  }
  const where = error instanceof InternalError ? ` ${error.message}` : "";
  const cause = error instanceof InternalError ? error.cause : error;
  const detail = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause);
  io.stderr.write(`podtrail: internal error${where}\n${detail}\nThis is a bug in podtrail: please report it with the command you ran and, if you can, the input line named above.\n`);
  return 3;
}
