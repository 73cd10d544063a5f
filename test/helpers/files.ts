import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

/** Every file below `dir`, in name order, depth first. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

// ---------------------------------------------------------------------------
// The corpus of real captures

/**
 * The repository's copies of the real captures (see its PROVENANCE.md): a
 * clone has them. The three largest are stored gzipped (`NAME.gz`).
 */
export const FIXTURE_CORPUS = fileURLToPath(new URL("../fixtures/corpus", import.meta.url));
/** The shared corpus beside the repository, when there is one: read only for files the repository has no copy of. */
export const SHARED_CORPUS = fileURLToPath(new URL("../../../shared/corpus", import.meta.url));
/** What a test over a corpus file neither place has says in its title. */
export const CORPUS_ABSENT = "(../shared/corpus absent: skipped)";

/** One corpus file: its name within the corpus (as the shared corpus names it), where it is, and whether that copy is gzipped. */
export interface CorpusFile {
  readonly rel: string;
  readonly path: string;
  readonly gzipped: boolean;
}

/** Where corpus file `rel` is: the repository's copy (plain or gzipped), else the shared corpus's; null when neither has it. */
export function corpusFile(rel: string): CorpusFile | null {
  const candidates: [string, boolean][] = [
    [join(FIXTURE_CORPUS, rel), false],
    [join(FIXTURE_CORPUS, `${rel}.gz`), true],
    [join(SHARED_CORPUS, rel), false],
  ];
  for (const [path, gzipped] of candidates) if (existsSync(path) && statSync(path).isFile()) return { rel, path, gzipped };
  return null;
}

/** Where corpus directory `rel` is: the repository's copy, else the shared corpus's; null when neither has it. */
export function corpusDir(rel: string): string | null {
  for (const path of [join(FIXTURE_CORPUS, rel), join(SHARED_CORPUS, rel)]) if (existsSync(path) && statSync(path).isDirectory()) return path;
  return null;
}

/** A path podtrail can read for corpus file `rel` (it gunzips by itself), or null. */
export function corpusPath(rel: string): string | null {
  return corpusFile(rel)?.path ?? null;
}

/** The bytes of a corpus file as the shared corpus holds them (a gzipped copy decompressed). */
export function readCorpus(file: CorpusFile | string): Buffer {
  const f = typeof file === "string" ? corpusFile(file) : file;
  if (f === null) throw new Error(`corpus file ${String(file)} is in neither ${FIXTURE_CORPUS} nor ${SHARED_CORPUS}`);
  const bytes = readFileSync(f.path);
  return f.gzipped ? gunzipSync(bytes) : bytes;
}

/**
 * Every capture of the corpus, by name: the repository's copies, then the
 * files only the shared corpus has (when it is there), in name order. The
 * corpus's own top-level documents (PROVENANCE.md, NOTICE, README.md) are not
 * captures and are left out.
 */
export function corpusFiles(): CorpusFile[] {
  const byName = new Map<string, CorpusFile>();
  const collect = (root: string, copies: boolean): void => {
    if (!existsSync(root)) return;
    for (const path of filesUnder(root)) {
      const inRoot = relative(root, path).split(sep).join("/");
      if (!inRoot.includes("/")) continue;
      // A copy named NAME.gz is NAME gzipped (PROVENANCE.md); a capture that is itself gzip would be copied as NAME.gz.gz.
      const gzipped = copies && inRoot.endsWith(".gz");
      const rel = gzipped ? inRoot.slice(0, -3) : inRoot;
      if (!byName.has(rel)) byName.set(rel, { rel, path, gzipped });
    }
  };
  collect(FIXTURE_CORPUS, true);
  collect(SHARED_CORPUS, false);
  return [...byName.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}
