/*
 * The engine worker: runs the command the main thread parsed (`command.ts`)
 * and posts what it writes to the main thread, which owns the process's
 * stdout and stderr (`main.ts`).
 */
import { Writable } from "node:stream";
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import type { EngineData, FromEngine, ToEngine } from "./engineProtocol.js";
import { runCommand } from "./command.js";
import type { Command } from "./args.js";

/** Small writes are sent together, up to this many characters a message. */
const BATCH_CHARS = 64 * 1024;
/** Bytes posted but not yet written by the main thread before writers are told to wait. */
const MAX_UNWRITTEN_BYTES = 4 * 1024 * 1024;
/** Live heap beyond which the old generation grows in 40% steps (see `governHeapGrowth`). */
const LARGE_HEAP_BYTES = 64 * 1024 * 1024;

const port = parentPort!;
let unwritten = 0;
/** Writers waiting for the main thread to catch up, and closers waiting for it to write everything. */
const waiting: (() => void)[] = [];
const allWritten: (() => void)[] = [];

/** The command, once the main thread has parsed the command line. */
let startCommand: ((command: Command) => void) | null = null;
const command = new Promise<Command>((resolve) => (startCommand = resolve));

port.on("message", (message: ToEngine) => {
  if (message.kind === "run") {
    startCommand?.(message.command);
    return;
  }
  unwritten -= message.bytes;
  while (unwritten <= MAX_UNWRITTEN_BYTES && waiting.length > 0) waiting.shift()!();
  if (unwritten === 0) for (const done of allWritten.splice(0)) done();
});

const post = (message: FromEngine): void => port.postMessage(message);

/**
 * A stream whose text goes to the main thread in batches. Its callbacks wait
 * while the main thread has more than MAX_UNWRITTEN_BYTES to write, so a
 * slow reader of a big report holds back the renderer instead of memory.
 */
class MainThreadStream extends Writable {
  private batch = "";
  private scheduled = false;

  constructor(private readonly fd: 1 | 2) {
    super({ decodeStrings: false, highWaterMark: BATCH_CHARS });
  }

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.batch += typeof chunk === "string" ? chunk : chunk.toString("utf8");
    if (this.batch.length >= BATCH_CHARS) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    if (unwritten <= MAX_UNWRITTEN_BYTES) callback();
    else waiting.push(() => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.flush();
    if (unwritten === 0) callback();
    else allWritten.push(() => callback());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.batch === "") return;
    const text = this.batch;
    this.batch = "";
    const bytes = Buffer.byteLength(text);
    unwritten += bytes;
    post({ kind: "write", fd: this.fd, text, bytes });
  }
}

/**
 * V8 lets the old generation grow up to 4x its live size between full
 * collections. Past LARGE_HEAP_BYTES of live state (captures of thousands of
 * pods), 40% steps keep peak memory near the state itself: 1 GB of JSONL
 * with 20,000 pods peaks at 338-369 MB (6 runs) instead of 555 MB, for more
 * frequent full collections. 20% steps peaked at 318-350 MB but took a
 * fifth more CPU time (18-25 s against 17-18 s); see the README's
 * performance section. Smaller runs keep V8's default and their speed.
 */
function governHeapGrowth(): void {
  const timer = setInterval(() => {
    if (getHeapStatistics().used_heap_size < LARGE_HEAP_BYTES) return;
    setFlagsFromString("--heap-growing-percent=40");
    clearInterval(timer);
  }, 100);
  timer.unref();
}

async function finish(stream: Writable): Promise<void> {
  await new Promise<void>((resolve) => stream.end(resolve));
}

governHeapGrowth();
const data = workerData as EngineData;
const stdout = new MainThreadStream(1);
const stderr = new MainThreadStream(2);
const status = await runCommand(await command, {
  stdout,
  stderr,
  stdoutIsTTY: data.stdoutIsTTY,
  stderrIsTTY: data.stderrIsTTY,
  env: process.env,
});
await Promise.all([finish(stdout), finish(stderr)]);
post({ kind: "exit", status });
// Nothing more to wait for: the thread may end (the message is already on its way).
port.unref();
