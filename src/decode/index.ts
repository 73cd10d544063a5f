export { decodeInput } from "./decodeInput.js";
export { describeContent, type ContentDescription } from "./looksLike.js";
export {
  DEFAULT_MAX_RECORD_BYTES,
  type DecodeOptions,
  type DecodeResult,
  type DecodeSink,
  type ImpliedKind,
  type JsonObject,
  type JsonValue,
} from "./types.js";
