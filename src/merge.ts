import type { Report } from "./types.js";
import type { InputSource } from "./input/index.js";
import { readInputs, type ReadEndHook, type ReadOptions } from "./analyze.js";
import { partialBytes, readOptionsOf, readPartials } from "./partial.js";
import { buildReport, type ReportOptions } from "./report.js";

/*
 * The fold made explicit (docs/partial.md): `partial` reads captures into a
 * partial file, `mergePartials` joins partials into one, `merge` turns any
 * number of them into the report. For any split of the inputs into parts,
 * merging the parts' partials gives the report `analyze` of all the inputs
 * gives, byte for byte, in any order and grouping of the merges.
 */

/** Reads captures into the bytes of their partial file (gzip of JSON lines), made as they are read from. */
export async function* partial(inputs: readonly string[] | readonly InputSource[], options: ReadOptions = {}): AsyncGenerator<Buffer, void, undefined> {
  const reconstruction = await readInputs(inputs, options);
  yield* partialBytes(reconstruction, { read: readOptionsOf(options), contains: [] });
}

/** Joins partial files (paths, directories, globs, `-`) into the partial of all their inputs, without reading a capture. */
export async function* mergePartials(partials: readonly string[] | readonly InputSource[]): AsyncGenerator<Buffer, void, undefined> {
  const { reconstruction, origin } = await readPartials(partials);
  yield* partialBytes(reconstruction, origin);
}

/** Merges partial files into the report that analyzing all their captures at once gives. */
export async function merge(partials: readonly string[] | readonly InputSource[], options: ReportOptions & ReadEndHook = {}): Promise<Report> {
  const { reconstruction } = await readPartials(partials);
  options.onReadEnd?.();
  return buildReport(reconstruction.finish(), options);
}
