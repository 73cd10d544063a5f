import { diagnosticMessage, type Diagnostic } from "../diagnostics.js";

/**
 * Raised by an input's byte stream when the bytes stop being readable part-way
 * (a truncated or corrupt gzip stream, bytes after the last gzip member
 * that are not gzip, an archive cut off or damaged inside a member). Every byte decoded before the damage
 * has already been yielded, so a consumer keeps what it got and reports the
 * diagnostic as a warning: `decodeInput` does exactly that.
 */
export class DamagedInputError extends Error {
  override readonly name = "DamagedInputError";

  constructor(readonly diagnostic: Extract<Diagnostic, { kind: "damagedCompression" | "trailingCompressedBytes" | "damagedArchive" }>) {
    super(diagnosticMessage(diagnostic));
  }
}

export function isDamagedInputError(error: unknown): error is DamagedInputError {
  return error instanceof DamagedInputError;
}
