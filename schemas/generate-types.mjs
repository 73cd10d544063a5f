#!/usr/bin/env node
/*
 * Writes src/render/jsonReport.ts, the TypeScript type of the JSON report,
 * from schemas/report.schema.json: the schema is the contract, and the type
 * the renderer must satisfy is made from it, so the two cannot drift.
 * `--check` exits 1 when the committed file is not what the schema gives
 * (test/render/jsonReport.test.ts runs it).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { compile } from "json-schema-to-typescript";

const SCHEMA = new URL("./report.schema.json", import.meta.url);
const TARGET = new URL("../src/render/jsonReport.ts", import.meta.url);
const BANNER = `/*
 * The type of the JSON report, generated from schemas/report.schema.json by
 * \`npm run schema:types\`. Do not edit: change the schema and regenerate.
 */`;

export async function generate() {
  const schema = JSON.parse(readFileSync(SCHEMA, "utf8"));
  // The type is named JsonReport, not after the schema's title.
  delete schema.title;
  delete schema.$id;
  const types = await compile(schema, "JsonReportDocument", {
    bannerComment: BANNER,
    additionalProperties: false,
    strictIndexSignatures: true,
    unknownAny: true,
    style: { printWidth: 160 },
  });
  return `${types}
/** The report as podtrail writes it: read-only all the way down. */
export type JsonReport = DeepReadonly<JsonReportDocument>;

type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
`;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const text = await generate();
  if (process.argv.includes("--check")) {
    const current = readFileSync(TARGET, "utf8");
    if (current !== text) {
      process.stderr.write("src/render/jsonReport.ts is out of date with schemas/report.schema.json: run npm run schema:types\n");
      process.exitCode = 1;
    }
  } else writeFileSync(TARGET, text);
}
