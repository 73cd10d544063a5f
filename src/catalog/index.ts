/**
 * The reason catalogue: every failure and progress reason podtrail knows, its
 * category, and what to check first, in English and Simplified Chinese.
 */
export { KNOWN_REASONS, type KnownReason, type ReasonInfo, type ReasonSource, type ReasonText } from "./knownReasons.js";
export { REASONS } from "./reasonsEn.js";
export { REASONS_ZH } from "./reasonsZh.js";
export {
  categoryOf,
  isKnownReason,
  lookupReason,
  parseErrorExitCode,
  resolveReason,
  type ReasonMatch,
} from "./lookupReason.js";
export { explainExitCode, signalName } from "./exitCodes.js";
