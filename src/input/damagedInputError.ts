/**
 * Raised by an input's byte stream when the bytes stop being readable part-way
 * (a truncated or corrupt gzip stream). Every byte decoded before the damage
 * has already been yielded, so a consumer keeps what it got and reports the
 * message as a warning: `decodeInput` does exactly that.
 */
export class DamagedInputError extends Error {
  override readonly name = "DamagedInputError";
}

export function isDamagedInputError(error: unknown): error is DamagedInputError {
  return error instanceof DamagedInputError;
}
