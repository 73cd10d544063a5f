export { counted, resolveInputs, STDIN_NAME, type InputSource, type OpenOptions, type ResolveOptions } from "./resolveInputs.js";
export { archiveKind, expandArchives, type ArchiveKind, type ExpandOptions } from "./archive.js";
export { DamagedInputError, isDamagedInputError } from "./damagedInputError.js";
export { decompress } from "./decompress.js";
export { splitLines, type InputLine } from "./lines.js";
export { fileRange, isSplittable, linesAt, splitPoints } from "./fileParts.js";
export { parseShard, selectShard, type Shard } from "./shard.js";
