import { FieldReader } from "../../src/normalize/fieldReader.js";
/**
 * The events modules over the real must-gather event dumps (OpenShift 4.8/4.9,
 * Kubernetes 1.21/1.22 era: Pulled messages carry D only).
 */
import { describe, expect, it } from "vitest";
import {clientGoNameTime } from "../../src/normalize/eventTime.js";
import { parseTime as parseKubeTime } from "../../src/kube/time.js";
import { containerFromFieldPath } from "../../src/kube/fieldPath.js";
import { normalizeEvent } from "../../src/normalize/event.js";
import { parsePullMessage } from "../../src/kube/pullMessage.js";
import { CORPUS_ABSENT, corpusFile, readCorpus } from "../helpers/files.js";

type Raw = Record<string, any>;

const CORPORA = [
  { name: "aws", events: 5373, pulled: 610, withDuration: 238, cached: 372, pulling: 238 },
  { name: "metal", events: 5171, pulled: 591, withDuration: 208, cached: 383, pulling: 209 },
] as const;

/** Independent of the parser: ` in ` then one or more Go duration components, at the end. */
const IN_DURATION = / in (?:[0-9]+(?:\.[0-9]+)?(?:h|m|s|ms|µs|us|ns))+$/;
const TIME_FIELDS = ["eventTime", "firstTimestamp", "lastTimestamp"] as const;

for (const corpus of CORPORA) {
  const rel = `openshift-must-gather-clean-${corpus.name}/events-all-namespaces.json`;
  const file = corpusFile(rel);
  describe.skipIf(file === null)(`${rel}${file === null ? ` ${CORPUS_ABSENT}` : ""}`, () => tests(corpus, file));
}

function tests(corpus: (typeof CORPORA)[number], file: ReturnType<typeof corpusFile>): void {
  const path = file?.path ?? "";
  const items = file === null ? [] : (JSON.parse(readCorpus(file).toString("utf8")) as { items: Raw[] }).items;
  const pulled = items.filter((e) => e.reason === "Pulled");

  it("has the expected events", () => {
    expect(items.length).toBe(corpus.events);
    expect(pulled.length).toBe(corpus.pulled);
  });

  it("parses every Pulled message, and a duration exactly where one is printed", () => {
    const parsed = pulled.map((e) => parsePullMessage(e.reason, e.message));
    expect(parsed.every((p) => p !== null && (p.kind === "pulled" || p.kind === "cached"))).toBe(true);
    const withDuration = parsed.filter((p) => p?.kind === "pulled" && p.pullMs !== null).length;
    const printed = pulled.filter((e) => IN_DURATION.test(e.message)).length;
    expect(withDuration).toBe(printed);
    expect(withDuration).toBe(corpus.withDuration);
    expect(parsed.filter((p) => p?.kind === "cached").length).toBe(corpus.cached);
    // every duration is positive and below an hour; the image is the quoted text
    for (const [i, p] of parsed.entries()) {
      if (p?.kind !== "pulled") continue;
      expect(p.pullMs).toBeGreaterThan(0);
      expect(p.pullMs).toBeLessThan(3_600_000);
      expect(pulled[i]?.message).toContain(`"${p.image}"`);
    }
  });

  it("parses every Pulling message", () => {
    const pulling = items.filter((e) => e.reason === "Pulling");
    expect(pulling.length).toBe(corpus.pulling);
    for (const e of pulling) expect(parsePullMessage(e.reason, e.message)?.kind, e.message).toBe("pulling");
  });

  it("reads the container of every kubelet container event from fieldPath", () => {
    const kubelet = items.filter((e) => ["Pulled", "Pulling", "Created", "Started"].includes(e.reason));
    for (const e of kubelet) expect(containerFromFieldPath(e.involvedObject.fieldPath ?? null), e.metadata.name).not.toBeNull();
  });

  it("normalizes every event, with times wherever a timestamp is present", () => {
    let withTime = 0;
    for (const [i, raw] of items.entries()) {
      const e = normalizeEvent(new FieldReader(), raw, { input: path, line: i + 1 });
      if ("missing" in e) throw new Error(`${raw.metadata?.name}: no ${e.missing}`);
      expect(e.apiGroup).toBe("core");
      expect(e.count).toBeGreaterThanOrEqual(1);
      const anyTime = [...TIME_FIELDS.map((f) => raw[f]), raw.series?.lastObservedTime, raw.metadata?.creationTimestamp].some(
        (v) => typeof v === "string" && v !== "",
      );
      if (anyTime) {
        expect(e.time, raw.metadata?.name).not.toBeNull();
        expect(e.firstTime, raw.metadata?.name).not.toBeNull();
        expect(e.firstTime ?? 0).toBeLessThanOrEqual(e.time ?? 0);
        withTime += 1;
      }
    }
    expect(withTime).toBe(items.length);
  });

  it("finds the client-go name suffix within firstTimestamp's second for count-1 events", () => {
    const single = items.filter((e) => e.count === 1 && typeof e.firstTimestamp === "string");
    const consistent = single.filter((e) => clientGoNameTime(e.metadata.name, parseKubeTime(e.firstTimestamp)) !== null);
    expect(single.length).toBeGreaterThan(4000);
    expect(consistent.length / single.length).toBeGreaterThan(0.99);
    // and one second off is always rejected
    for (const e of consistent.slice(0, 200)) {
      const ft = parseKubeTime(e.firstTimestamp) ?? 0;
      expect(clientGoNameTime(e.metadata.name, ft + 1000)).toBeNull();
    }
  });

  it("finds the suffix of scheduler events (eventTime, no firstTimestamp) within a ms of eventTime", () => {
    const micro = items.filter((e) => typeof e.eventTime === "string" && /\.[0-9a-f]{16}$/.test(e.metadata.name));
    expect(micro.length).toBeGreaterThan(100);
    for (const e of micro) {
      const eventTime = parseKubeTime(e.eventTime) ?? 0;
      const second = Math.floor(eventTime / 1000) * 1000;
      const suffix = clientGoNameTime(e.metadata.name, second) ?? clientGoNameTime(e.metadata.name, second + 1000);
      expect(suffix, e.metadata.name).not.toBeNull();
      expect(Math.abs((suffix ?? 0) - eventTime)).toBeLessThan(2);
    }
  });
}
