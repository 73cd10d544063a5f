import { UserError } from "../errors.js";
import { compareText } from "../compareText.js";
import { STDIN_NAME, type InputSource } from "./resolveInputs.js";

/** Shard `index` (0 to count-1) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * The inputs of one shard of `count`: the inputs sorted by name (UTF-16
 * code units), cut into `count` runs of consecutive names of about equal
 * length, and the `index`-th of them. It depends on the names alone, so
 * processes that list the same files pick disjoint shards that together
 * hold every file once; consecutive names (hourly files) stay together,
 * so fewer pods have records in several shards. A shard may hold no input.
 */
export function selectShard<T extends Pick<InputSource, "name">>(inputs: readonly T[], shard: Shard): T[] {
  if (inputs.some((i) => i.name === STDIN_NAME)) throw new UserError("--shard selects among files: standard input ('-') cannot be shared out");
  const sorted = [...inputs].sort((a, b) => compareText(a.name, b.name));
  const from = Math.floor((shard.index * sorted.length) / shard.count);
  const to = Math.floor(((shard.index + 1) * sorted.length) / shard.count);
  return sorted.slice(from, to);
}

/** Reads `K/N` (as `--shard` takes it): shard K, from 0 to N-1, of N. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m === null ? Number.NaN : Number(m[1]);
  const count = m === null ? Number.NaN : Number(m[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index >= count) {
    throw new UserError(`'${text}': expected K/N, shard K (0 to N-1) of N, as a Kubernetes Indexed Job numbers its pods (0/4 ... 3/4)`);
  }
  return { index, count };
}
