#!/usr/bin/env node
/*
 * Writes src/reconstruct/partialLines.ts, the TypeScript types of the lines
 * of a partial file, from schemas/partial.schema.json: the schema is the
 * contract, and the codec that writes and reads the lines is typed by it, so
 * the two cannot drift. `--check` exits 1 when the committed file is not
 * what the schema gives (test/reconstruct/partialCodec.test.ts runs it).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { compile } from "json-schema-to-typescript";

const SCHEMA = new URL("./partial.schema.json", import.meta.url);
const TARGET = new URL("../src/reconstruct/partialLines.ts", import.meta.url);
const BANNER = `/*
 * The types of the lines of a partial file, generated from
 * schemas/partial.schema.json by \`npm run schema:types\`. Do not edit:
 * change the schema and regenerate.
 */`;

export async function generate() {
  const schema = JSON.parse(readFileSync(SCHEMA, "utf8"));
  delete schema.title;
  delete schema.$id;
  const types = await compile(schema, "PartialLineDocument", {
    bannerComment: BANNER,
    additionalProperties: false,
    strictIndexSignatures: true,
    unknownAny: true,
    style: { printWidth: 160 },
  });
  return `${types}
/** A line as podtrail writes and reads it: read-only all the way down. */
export type PartialLine = DeepReadonly<PartialLineDocument>;

export type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
`;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const text = await generate();
  if (process.argv.includes("--check")) {
    const current = readFileSync(TARGET, "utf8");
    if (current !== text) {
      process.stderr.write("src/reconstruct/partialLines.ts is out of date with schemas/partial.schema.json: run npm run schema:types\n");
      process.exitCode = 1;
    }
  } else writeFileSync(TARGET, text);
}
