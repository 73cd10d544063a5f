export { resolveInputs, STDIN_NAME, type InputSource, type OpenOptions } from "./resolveInputs.js";
export { DamagedInputError, isDamagedInputError } from "./damagedInputError.js";
export { decompress } from "./decompress.js";
