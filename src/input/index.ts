export { resolveInputs, STDIN_NAME, type InputSource } from "./resolveInputs.js";
export { DamagedInputError, isDamagedInputError } from "./damagedInputError.js";
export { decompress } from "./decompress.js";
export { splitLines, type InputLine } from "./lines.js";
export { fileRange, isSplittable, linesAt, splitPoints } from "./fileParts.js";
export { parseShard, selectShard, type Shard } from "./shard.js";
