import { readdirSync } from "node:fs";
import { getPriority, setPriority } from "node:os";

/*
 * The threads that run beside the main one when the bin starts: V8's
 * platform workers (its optimizing compiler's jobs and the collector's
 * helpers) and libuv's thread pool, made before any podtrail code runs.
 * The main thread does the reading, the one serial path of a run; on a
 * machine with few cores, four busy compiler threads preempt it dozens of
 * times a run (docs/performance.md, 2026-12-06). With a lower priority
 * (a higher nice value) they still have every core the main thread does
 * not use, and they no longer take its core from it.
 *
 * Linux only: there a thread has a nice value of its own, set through its
 * thread id; elsewhere setpriority names whole processes, and nothing is
 * done. Threads made later by the main thread (`-j`'s readers, a thread
 * pool started later) take the main thread's priority, as threads do.
 * Nothing here can fail a run: a thread that has ended, or a system that
 * refuses (a container's seccomp profile), leaves it as it was.
 */

/** How much lower than before a helper thread runs: CFS then gives the main thread about nine tenths of a core they share. */
const HELPER_NICE_STEP = 10;
/** The lowest priority there is (the highest nice value). */
const LOWEST = 19;

/** Lowers the priority of every thread of this process but the calling (main) one; how many it lowered. */
export function yieldHelperThreads(platform: NodeJS.Platform = process.platform, pid: number = process.pid): number {
  if (platform !== "linux") return 0;
  let tasks: string[];
  try {
    tasks = readdirSync("/proc/self/task");
  } catch {
    return 0;
  }
  let lowered = 0;
  for (const task of tasks) {
    const tid = Number(task);
    if (!Number.isSafeInteger(tid) || tid === pid) continue;
    try {
      setPriority(tid, Math.min(LOWEST, getPriority(tid) + HELPER_NICE_STEP));
      lowered++;
    } catch {
      // Ended since it was listed, or not allowed: it keeps its priority.
    }
  }
  return lowered;
}
