import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

/** The built command, by the path package.json's `bin` gives it: what `npx podtrail` and an installed `podtrail` run. */
export const BIN: string = (JSON.parse(readFileSync("package.json", "utf8")) as { bin: Record<string, string> }).bin["podtrail"]!;

export interface CliResult {
  readonly stdout: string;
  readonly stderr: string;
  /** The exit status; null when a signal ended the process (then in `signal`). */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * Runs the built `podtrail` as a user does (`npm test` builds it first), with
 * NO_COLOR=1, standard input from `input` (or none); captures stdout, stderr
 * and the exit status.
 */
export function runCli(args: readonly string[], options: { readonly input?: string | Buffer; readonly env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: "1", ...options.env },
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout!.on("data", (c: Buffer) => stdout.push(c));
    child.stderr!.on("data", (c: Buffer) => stderr.push(c));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8"), code, signal }));
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/**
 * The same command in this process (`main`, what the binary runs once its
 * V8 flags are set), for property tests that run it hundreds of times on
 * generated inputs: their subject is how the pipeline copes with the input,
 * and a process start per run would make them minutes long.
 */
export async function runCliInProcess(args: readonly string[]): Promise<CliResult> {
  const { main } = await import("../../src/cli/run.js");
  const { Writable } = await import("node:stream");
  let stdout = "";
  let stderr = "";
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await main(args, { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)), stderrIsTTY: false });
  return { stdout, stderr, code, signal: null };
}
