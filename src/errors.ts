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
