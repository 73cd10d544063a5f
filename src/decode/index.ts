export { decodeInput } from "./decodeInput.js";
export {
  DEFAULT_MAX_RECORD_BYTES,
  TRUNCATED_AT_END,
  type DecodeOptions,
  type DecodeResult,
  type DecodeSink,
  type ImpliedKind,
} from "./types.js";
