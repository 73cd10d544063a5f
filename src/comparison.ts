import { open, readFile, stat } from "node:fs/promises";
import type { Report } from "./types.js";
import type { JsonReport } from "./render/jsonReport.js";
import { validateJsonReport } from "./render/validateReport.js";
import { analyze, type AnalyzeOptions } from "./analyze.js";
import { compareReports, type CompareOptions, type Comparison } from "./compare/compare.js";
import { UserError } from "./errors.js";

/*
 * `podtrail compare BASE NEW` as a library: each side is a report, made from
 * captures by `analyze` or read back from a JSON report (validated against
 * schemas/report.schema.json; a report of another schemaVersion is refused,
 * since its fields do not mean what this version's do).
 */

/** The version of the JSON report this podtrail writes and reads back. */
const SCHEMA_VERSION = 2;
/** A JSON report says what it is in its first bytes; a capture this long without it is not one. */
const PEEK_BYTES = 64 * 1024;

/** Compares two reports: analyzed captures (`Report`) or JSON reports read back (`JsonReport`), in any mix. */
export function compare(base: Report | JsonReport, head: Report | JsonReport, options: CompareOptions = {}): Comparison {
  return compareReports(base, head, options);
}

export interface Side {
  readonly report: Report | JsonReport;
  readonly kind: "report" | "captures";
}

/** Captures analyzed as one side, grouped and summarized like `like` (the other side, a report) unless `options` say otherwise. */
async function analyzeSide(input: string, options: AnalyzeOptions, like: JsonReport | undefined): Promise<Side> {
  const groupBy = options.groupBy ?? like?.groupBy ?? null;
  const includePartial = options.includePartial ?? like?.summary.includePartial ?? false;
  return { report: await analyze([input], { ...options, ...(groupBy === null ? {} : { groupBy }), includePartial }), kind: "captures" };
}

/**
 * Both sides of a comparison. A side that is a JSON report is read first,
 * so that captures on the other side are grouped and summarized as it is
 * (its `groupBy` and `includePartial`), unless `options` say otherwise.
 */
export async function loadSides(base: string, head: string, options: AnalyzeOptions = {}): Promise<{ readonly base: Side; readonly head: Side }> {
  const [baseIsReport, headIsReport] = [await looksLikeReport(base), await looksLikeReport(head)];
  const baseReport = baseIsReport ? await readJsonReport(base) : undefined;
  const headReport = headIsReport ? await readJsonReport(head) : undefined;
  const b: Side = baseReport !== undefined ? { report: baseReport, kind: "report" } : await analyzeSide(base, options, headReport);
  const h: Side = headReport !== undefined ? { report: headReport, kind: "report" } : await analyzeSide(head, options, baseReport);
  return { base: b, head: h };
}

/** A regular file whose first bytes open a JSON object that names a schemaVersion: podtrail's report, not a capture. */
async function looksLikeReport(path: string): Promise<boolean> {
  if (path === "-") return false;
  try {
    if (!(await stat(path)).isFile()) return false;
  } catch {
    return false;
  }
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(PEEK_BYTES);
    const { bytesRead } = await file.read(buffer, 0, PEEK_BYTES, 0);
    const head = buffer.subarray(0, bytesRead).toString("utf8").replace(/^\uFEFF/, "");
    return /^\s*\{/.test(head) && /"schemaVersion"\s*:/.test(head);
  } finally {
    await file.close();
  }
}

/** Reads a JSON report back: `UserError` when it is not JSON, of another schemaVersion, or not valid against the schema. */
export async function readJsonReport(path: string): Promise<JsonReport> {
  let document: unknown;
  try {
    document = JSON.parse((await readFile(path, "utf8")).replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new UserError(`${path}: cannot read the report: ${error instanceof Error ? error.message : String(error)}`);
  }
  const version = (document as { schemaVersion?: unknown }).schemaVersion;
  if (version !== SCHEMA_VERSION) {
    throw new UserError(
      `${path}: a podtrail report of schemaVersion ${JSON.stringify(version)}; this podtrail reads schemaVersion ${SCHEMA_VERSION}: analyze its captures again, or compare with the podtrail that wrote it`,
    );
  }
  const problems = validateJsonReport(document);
  if (problems.length > 0) throw new UserError(`${path}: not a valid podtrail report (schemas/report.schema.json): ${problems.slice(0, 3).join("; ")}`);
  return document as JsonReport;
}
