/**
 * The process-wide memo tables, in one place. Each maps an input to a value
 * that depends on that input alone (a string to its one shared copy, a
 * timestamp to its epoch ms, spec bytes to the parsed spec), so two analyses
 * in one process share them without ever seeing each other's results. Each
 * is bounded: past its limit it starts again empty. Nothing else in podtrail
 * keeps state between calls.
 */

/** A value made on first use and kept: a compiled schema, a loaded library. */
export function lazily<T>(make: () => T): () => T {
  let made: { readonly value: T } | null = null;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/** A bounded map that empties itself when full. */
export class BoundedMemo<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
  }
}

/**
 * One copy of each recurring string (namespaces, reasons, node names, field
 * paths, images): JSON.parse makes a new string for every occurrence, and a
 * capture repeats the same few thousand values across millions of records.
 */
const strings = new BoundedMemo<string, string>(100_000);

/**
 * V8's JSON.parse already makes string values of up to 10 characters
 * internalized (one copy each): phases, condition types and statuses, most
 * reasons. Looking those up again would only cost time.
 */
const INTERNED_BY_JSON_PARSE = 10;
const LONGEST_INTERNED = 200;

/** The shared copy of a string. */
export function intern(s: string | null): string | null {
  if (s === null || s.length <= INTERNED_BY_JSON_PARSE || s.length > LONGEST_INTERNED) return s;
  const known = strings.get(s);
  if (known !== undefined) return known;
  strings.set(s, s);
  return s;
}

/** Parsed RFC 3339 timestamps: records repeat the same few (creation, transitions, starts). */
export const parsedTimes = new BoundedMemo<string, number | null>(4096);

/**
 * Values parsed from bytes, found by a cheap fingerprint of the bytes and
 * confirmed by comparing them. Bounded by entries, not fingerprints: many
 * distinct texts share a fingerprint.
 */
export class BytesMemo<V> {
  private readonly map = new Map<number, { readonly bytes: Buffer; readonly value: V }[]>();
  private entries = 0;

  constructor(private readonly limit: number) {}

  get(fingerprint: number, bytes: Buffer): V | undefined {
    const candidates = this.map.get(fingerprint);
    if (candidates !== undefined) for (const c of candidates) if (c.bytes.equals(bytes)) return c.value;
    return undefined;
  }

  /** Keeps a copy of `bytes` (the caller's buffer may be reused). */
  set(fingerprint: number, bytes: Buffer, value: V): void {
    if (this.entries >= this.limit) {
      this.map.clear();
      this.entries = 0;
    }
    const entry = { bytes: Buffer.from(bytes), value };
    const candidates = this.map.get(fingerprint);
    if (candidates === undefined) this.map.set(fingerprint, [entry]);
    else candidates.push(entry);
    this.entries++;
  }
}

/** Parsed pod specs (`decode/parseRecord.ts`): a pod's records repeat the same spec text. */
export const parsedSpecs = new BytesMemo<unknown>(1024);

/** What `normalize` reads of a spec object, by that object: records whose spec text is unchanged share one. */
export const specContainers = new WeakMap<object, readonly { readonly name: string; readonly init: boolean; readonly image: string | null }[]>();

/** Whether a spec object mounts a stateful volume, by that object (as `specContainers`). */
export const specStateful = new WeakMap<object, boolean>();

/** `YYYY-MM-DDT` of a day number (days since 1970-01-01): reports format thousands of times of a few days. */
export const formattedDays = new BoundedMemo<number, string>(366);

/**
 * A buffer to assemble bytes in, reused from one call to the next: its
 * content is the caller's until the next call, so only a synchronous caller
 * may use it (`decode/parseRecord.ts` assembles the trimmed text of each
 * record in it, which then becomes one string, instead of concatenating
 * strings that JSON.parse would have to copy again).
 */
export class Scratch {
  private buffer = Buffer.allocUnsafe(64 * 1024);

  /** The buffer, holding at least `size` bytes; the first `keep` bytes are kept when it grows. */
  bytes(size: number, keep = 0): Buffer {
    if (size > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(size, 2 * this.buffer.length));
      this.buffer.copy(grown, 0, 0, keep);
      this.buffer = grown;
    }
    return this.buffer;
  }
}

export const recordScratch = new Scratch();

