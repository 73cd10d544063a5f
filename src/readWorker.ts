/*
 * A worker thread of `-j N` (parallel.ts): reads the files and parts of
 * files it is sent, one job at a time, each into a reconstruction of its
 * own, and sends each back as the lines of its partial. It derives and
 * renders nothing.
 */
import { parentPort } from "node:worker_threads";
import { readInputs, type Progress } from "./analyze.js";
import { fileRange, type InputSource } from "./input/index.js";
import type { Reconstruction } from "./reconstruct/reconstruction.js";
import { readJob } from "./parallel.js";
import type { FileJob, JobMessage, JobReadOptions } from "./parallel.js";

const port = parentPort;
if (port === null) throw new Error("readWorker.js runs as a worker thread of parallel.ts");
port.on("message", ({ job, read }: { job: FileJob; read: JobReadOptions }) => {
  const send = (message: JobMessage): void => port.postMessage(message);
  const readPart = (part: InputSource, firstLine: number, into: Reconstruction, onProgress: (p: Progress) => void): Promise<Reconstruction> => readInputs([part], { ...read, firstLine, onProgress }, into);
  readJob(job, readPart, fileRange, send).catch((error: unknown) => send(failure(job, error)));
});

function failure(job: FileJob, error: unknown): JobMessage {
  const e = error as { name?: unknown; message?: unknown; input?: unknown; line?: unknown; cause?: unknown; stack?: unknown } | null;
  const user = e?.name === "UserError";
  const cause = e?.name === "InternalError" ? (e.cause as { message?: unknown; stack?: unknown } | null) : e;
  return {
    kind: "failed",
    id: job.id,
    user,
    message: typeof cause?.message === "string" ? cause.message : String(error),
    input: typeof e?.input === "string" ? e.input : null,
    line: typeof e?.line === "number" ? e.line : null,
    stack: typeof cause?.stack === "string" ? cause.stack : null,
  };
}
