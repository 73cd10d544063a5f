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
