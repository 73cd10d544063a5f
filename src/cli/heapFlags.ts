import { PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from "node:v8";

/*
 * The bounds of podtrail's heap: V8 flags that V8 reads at every collection,
 * not only at start-up, so they can be set in the running process before
 * anything is read (test/cli/heapFlags.test.ts holds that they take effect;
 * docs/performance.md measures them). Flags V8 reads only at start-up
 * (`--max-semi-space-size`, ...) are never set at run time: Node's docs warn
 * that changing those later may do nothing, or crash.
 *
 * - The young generation held at semi-spaces of 4 MiB while the heap is
 *   small: V8 starts them at 1 MiB and grows them to 16 MiB on any long
 *   read, which is most of what a capture of few pods costs. At 1 MiB a
 *   capture of a thousand pods spends a fifth of its run in scavenges that
 *   each copy the same live records; at 4 MiB a quarter as many run, for
 *   about 8 MB more (docs/performance.md, 2026-12-03 evening). V8 grows
 *   them in one step (growth factor 4), then the factor is set to 1. Once
 *   the heap holds LARGE_HEAP_BYTES (a capture of thousands of pods) V8
 *   grows it as it would, as a small one then costs a scavenge every few
 *   megabytes through the rest of a long read, for a few percent more
 *   memory. The heap is looked at after each collection (a `gc` performance
 *   observer, called at the next turn of the event loop, between the reads):
 *   the checks follow allocation, not the clock. A 20 ms timer checked too
 *   seldom on a fast machine, where V8 could grow the young generation a
 *   second time before it ran.
 * - The old generation grown in 60% steps instead of up to 4x between full
 *   collections: on captures of thousands of pods, peak memory stays near
 *   the live state, for more frequent full collections; small captures,
 *   whose heap stays small, hardly notice it.
 *
 * Each flag comes with the start-up flags that say the same thing: a flag the
 * user gave node (`node --heap-growing-percent=20 dist/cli/main.js ...`, or
 * in NODE_OPTIONS) wins.
 */
/** How much heap makes a capture large enough for the young generation to grow (docs/performance.md). */
const LARGE_HEAP_BYTES = 64 * 1024 * 1024;
/** The semi-spaces the young generation is held at while the heap is small (V8 starts them at 1 MiB). */
const YOUNG_SEMI_SPACE_MIB = 4;
/** The new space when held: its two semi-spaces. */
const HELD_NEW_SPACE_BYTES = 2 * YOUNG_SEMI_SPACE_MIB * 1024 * 1024;
/** One growth step takes V8's first semi-spaces (1 MiB) to the held size. */
const GROW_YOUNG = `--semi-space-growth-factor=${YOUNG_SEMI_SPACE_MIB}`;
const HOLD_YOUNG = "--semi-space-growth-factor=1";
/** V8's own growth factor, for large captures. */
const RELEASE_YOUNG = "--semi-space-growth-factor=2";

const HEAP_FLAGS: readonly { readonly flag: string; readonly unless: readonly string[] }[] = [
  { flag: GROW_YOUNG, unless: ["--semi-space-growth-factor", "--max-semi-space-size", "--min-semi-space-size", "--semi-space-size"] },
  { flag: "--heap-growing-percent=60", unless: ["--heap-growing-percent"] },
];

/** V8 reads `--a-b` and `--a_b` alike. */
export const flagName = (arg: string): string => arg.split("=")[0]!.replaceAll("_", "-");

/**
 * The flags boundHeap sets first, before a collection changes one: those that
 * node's own flags do not already set. The command's code cache is made
 * under them (codeCache.build.mjs), as V8 uses a cache only under the flags
 * it was made with.
 */
export function heapFlags(execArgv: readonly string[], nodeOptions = ""): string[] {
  const given = new Set([...execArgv, ...nodeOptions.split(/\s+/)].map(flagName));
  return HEAP_FLAGS.filter(({ unless }) => !unless.some((name) => given.has(name))).map(({ flag }) => flag);
}

/**
 * Sets the heap's bounds that node's own flags (`execArgv`, NODE_OPTIONS) do
 * not already set; returns the flags it set. A young generation held small
 * is let grow once the heap holds `largeHeap` bytes.
 */
export function boundHeap(execArgv: readonly string[], nodeOptions = "", largeHeap = LARGE_HEAP_BYTES): string[] {
  const set = heapFlags(execArgv, nodeOptions);
  for (const flag of set) setFlagsFromString(flag);
  if (set.includes(GROW_YOUNG)) holdYoungGenerationUntil(largeHeap);
  return set;
}

/**
 * Holds the young generation at semi-spaces of YOUNG_SEMI_SPACE_MIB while the heap holds less than `bytes`
 * (V8 grows it in one step, then the growth factor is set to 1; back to GROW_YOUNG if V8 shrank it), and
 * from then on lets V8 grow it as it does by default.
 */
function holdYoungGenerationUntil(bytes: number): void {
  let flag = GROW_YOUNG;
  // Called with the collections since the last turn of the event loop; it never keeps the process alive.
  const observer = new PerformanceObserver(() => {
    if (getHeapStatistics().used_heap_size >= bytes) {
      setFlagsFromString(RELEASE_YOUNG);
      observer.disconnect();
      return;
    }
    const want = youngGenerationBytes() >= HELD_NEW_SPACE_BYTES ? HOLD_YOUNG : GROW_YOUNG;
    if (want !== flag) setFlagsFromString((flag = want));
  });
  observer.observe({ entryTypes: ["gc"] });
}

/** The young generation's two semi-spaces. */
function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0;
}
