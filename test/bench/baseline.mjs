#!/usr/bin/env node
// The bare baseline for `npm run bench`: read a JSONL file in 1 MiB chunks,
// split lines, JSON.parse each record, nothing else. `--gunzip` streams a
// .gz through zlib first. Prints one JSON line: records, bytes, seconds.
//
//   node test/bench/baseline.mjs FILE.jsonl... [--gunzip]
//
// Several files are read one after another, as podtrail reads them.
// `--pretty`: the file holds pretty-printed objects one after another
// (`kubectl get -w -o json`): each record ends at a `}` that opens a line,
// found with a string search, and is JSON.parsed (the bare pretty loop).
// `--whole`: the whole file read and JSON.parsed at once (a List).

import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith("--"));
if (files.length === 0) {
  process.stderr.write("usage: baseline.mjs FILE.jsonl... [--gunzip]\n");
  process.exit(2);
}

const t0 = performance.now();
let rest = "";
let records = 0;
let bad = 0;
let chars = 0;
const parseLine = (line) => {
  if (line.length === 0) return;
  try {
    JSON.parse(line);
    records++;
  } catch {
    bad++;
  }
};
if (args.includes("--whole")) {
  const { readFileSync } = await import("node:fs");
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    chars += text.length;
    const value = JSON.parse(text);
    records += Array.isArray(value?.items) ? value.items.length : 1;
  }
  files.length = 0;
}
const pretty = args.includes("--pretty");
for (const file of files) {
  if (pretty) {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, encoding: "utf8" })) {
      chars += chunk.length;
      const text = rest.length > 0 ? rest + chunk : chunk;
      let start = 0;
      let close;
      while ((close = text.indexOf("\n}", start)) !== -1) {
        parseLine(text.slice(start, close + 2));
        start = close + 2;
      }
      rest = text.slice(start);
    }
    if (rest.trim().length > 0) parseLine(rest);
    rest = "";
    continue;
  }
  let source = createReadStream(file, { highWaterMark: 1 << 20 });
  if (args.includes("--gunzip") || file.endsWith(".gz")) source = source.pipe(createGunzip({ chunkSize: 1 << 20 }));
  source.setEncoding("utf8");
  for await (const chunk of source) {
    chars += chunk.length;
    const text = rest.length > 0 ? rest + chunk : chunk;
    let start = 0;
    let nl;
    while ((nl = text.indexOf("\n", start)) !== -1) {
      parseLine(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  parseLine(rest);
  rest = "";
}
process.stdout.write(`${JSON.stringify({ records, bad, chars, seconds: (performance.now() - t0) / 1000 })}\n`);
