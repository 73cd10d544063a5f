#!/usr/bin/env node
/*
 * Writes the TypeScript types podtrail's code is checked against, from the
 * schemas that are its contracts, so that the two cannot drift:
 * - src/render/jsonReport.ts, the JSON report, from report.schema.json (the
 *   type the renderer must satisfy);
 * - src/reconstruct/partialLines.ts, the lines of a partial file, from
 *   partial.schema.json (the codec that writes and reads them is typed by it).
 * `--check` exits 1 when a committed file is not what its schema gives
 * (test/render/jsonReport.test.ts and test/reconstruct/partialCodec.test.ts
 * compare them too).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { compile } from "json-schema-to-typescript";

/** What is generated: from which schema, into which file, under which names. */
const TARGETS = {
  report: {
    schema: new URL("./report.schema.json", import.meta.url),
    target: new URL("../src/render/jsonReport.ts", import.meta.url),
    banner: "The type of the JSON report, generated from schemas/report.schema.json by\n * `npm run schema:types`. Do not edit: change the schema and regenerate.",
    document: "JsonReportDocument",
    readonly: "/** The report as podtrail writes it: read-only all the way down. */\nexport type JsonReport = DeepReadonly<JsonReportDocument>;",
    exportDeepReadonly: false,
  },
  partial: {
    schema: new URL("./partial.schema.json", import.meta.url),
    target: new URL("../src/reconstruct/partialLines.ts", import.meta.url),
    banner: "The types of the lines of a partial file, generated from\n * schemas/partial.schema.json by `npm run schema:types`. Do not edit:\n * change the schema and regenerate.",
    document: "PartialLineDocument",
    readonly: "/** A line as podtrail writes and reads it: read-only all the way down. */\nexport type PartialLine = DeepReadonly<PartialLineDocument>;",
    exportDeepReadonly: true,
  },
};

/** The text of one generated file: `report` or `partial`. */
export async function generate(which = "report") {
  const t = TARGETS[which];
  const schema = JSON.parse(readFileSync(t.schema, "utf8"));
  // The types are named after what they are, not after the schemas' titles.
  delete schema.title;
  delete schema.$id;
  const types = await compile(schema, t.document, {
    bannerComment: `/*\n * ${t.banner}\n */`,
    additionalProperties: false,
    strictIndexSignatures: true,
    unknownAny: true,
    style: { printWidth: 160 },
  });
  return `${types}
${t.readonly}

${t.exportDeepReadonly ? "export " : ""}type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
`;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  for (const [which, t] of Object.entries(TARGETS)) {
    const text = await generate(which);
    const path = t.target.pathname.replace(/^.*\/src\//, "src/");
    if (process.argv.includes("--check")) {
      if (readFileSync(t.target, "utf8") !== text) {
        process.stderr.write(`${path} is out of date with schemas/${which}.schema.json: run npm run schema:types\n`);
        process.exitCode = 1;
      }
    } else writeFileSync(t.target, text);
  }
}
