import { Writable } from "node:stream";
import { main } from "../../src/cli/run.js";

/** Runs the CLI in-process, capturing stdout, stderr and the exit status. */
export async function runCli(args: readonly string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  let stdout = "";
  let stderr = "";
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _enc, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await main(args, {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    stderrIsTTY: false,
  });
  return { stdout, stderr, code };
}
