/**
 * An error the user can cause (missing file, bad flag, unreadable input):
 * the CLI prints its message on one line and exits with status 2.
 * Anything else thrown is a bug.
 */
export class UserError extends Error {
  override readonly name = "UserError";
  readonly exitCode = 2;
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/**
 * A bug met while applying one record: carries where it happened so the
 * report of it names the input and line (`input` null: not tied to one).
 * `withTrace` false for a bug the code itself detected and described (a
 * report that fails its own schema), whose stack says nothing more.
 */
export class InternalError extends Error {
  override readonly name = "InternalError";
  constructor(
    readonly input: string | null,
    readonly line: number | null,
    override readonly cause: unknown,
    readonly withTrace = true,
  ) {
    const where = input === null ? ": " : ` while reading ${input}${line === null ? "" : ` line ${line}`}: `;
    super(`${where}${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** What a failed system call means, in words, for the codes a user can cause (a missing file, a full disk). */
const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "not a directory",
  ELOOP: "too many levels of symbolic links",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large",
  EIO: "input/output error",
};

/**
 * A failed system call in words (`no space left on device`), without Node's
 * `ENOSPC: ..., write`; the error's own message for other codes. `words`
 * says what a code means where the caller is (`EBADF` on standard output:
 * the output is closed).
 */
export function errnoText(error: unknown, words: Readonly<Record<string, string>> = {}): string {
  const code = (error as { code?: unknown } | null)?.code;
  const said = typeof code === "string" ? (words[code] ?? ERRNO_WORDS[code]) : undefined;
  return said ?? (error instanceof Error ? error.message : String(error));
}
