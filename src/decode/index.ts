export { decodeInput } from "./decodeInput.js";
export {
  DEFAULT_MAX_RECORD_BYTES,
  type DecodeOptions,
  type DecodeResult,
  type DecodeSink,
  type ImpliedKind,
} from "./types.js";
