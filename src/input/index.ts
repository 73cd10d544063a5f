export { resolveInputs, STDIN_NAME, type InputSource, type OpenOptions, type ResolveOptions } from "./resolveInputs.js";
export { archiveKind, expandArchives, type ArchiveKind, type ExpandOptions } from "./archive.js";
export { DamagedInputError, isDamagedInputError } from "./damagedInputError.js";
export { decompress } from "./decompress.js";
