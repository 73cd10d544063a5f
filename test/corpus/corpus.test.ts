import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { validateJsonReport } from "../../src/render/validateReport.js";
import { toJsonReport } from "../../src/render/json.js";
import { CORPUS_ABSENT, corpusDir, corpusFiles, corpusPath, readCorpus } from "../helpers/files.js";

/** Real captures from public sources (test/fixtures/corpus, see its PROVENANCE.md; ../shared/corpus for files only it has). */
const files = corpusFiles();

/** A test over named corpus files or folders: skipped, saying so, when one is in neither place. */
function withCorpus(title: string, rels: readonly string[], body: (...paths: string[]) => Promise<void>): void {
  const paths = rels.map((rel) => corpusPath(rel) ?? corpusDir(rel));
  const missing = paths.some((p) => p === null);
  it.skipIf(missing)(missing ? `${title} ${CORPUS_ABSENT}` : title, () => body(...(paths as string[])));
}

describe("the real captures of the corpus", () => {
  it.each(files.map((f) => [f.rel, f.path]))("reads %s without a crash, into a schema-valid report", async (name, path) => {
    const report = await analyze([path]);
    expect(validateJsonReport(JSON.parse(JSON.stringify(toJsonReport(report))))).toEqual([]);
    if (/\.ya?ml$/.test(name)) {
      expect(report.inputs[0]!.format).toBe("yaml");
      expect(report.totals.podRecords + report.totals.eventRecords).toBeGreaterThan(0);
      expect(report.warnings.filter((w) => w.line !== null && w.diagnostic.kind !== "inconsistentTimes")).toEqual([]);
    }
    if (/\.(txt|md)$/.test(name)) {
      // Not a capture: nothing is applied; one line says what it looks like instead of a page of warnings.
      expect(report.pods).toHaveLength(0);
      expect(report.totals.skipped).toBe(report.totals.records);
      const looksLike = report.inputs[0]!.looksLike;
      expect(looksLike).not.toBeNull();
      if (name.startsWith("holmesgpt-kubectl-text/")) {
        expect(looksLike).toMatch(/kubectl (table output|describe text|output that found nothing)|JSON, but no Pod or Event/);
        if (/kubectl_describe/.test(name)) expect(looksLike).toBe("looks like kubectl describe text: capture with kubectl get -o json");
        if (/kubectl_events/.test(name) && !/KubePodNotReady/.test(name)) expect(looksLike).toBe("looks like kubectl table output: capture with -o json");
      }
      if (!looksLike!.startsWith("JSON")) expect(report.warnings.map((w) => [w.line, w.message])).toEqual([[null, `no pod or event in this input: ${looksLike}`]]);
    }
  });

  it.each(corpusFiles().filter((f) => /^argo-gitops-engine-health\/[^/]+\.yaml$/.test(f.rel)).map((f) => [f.rel, f.path]))("%s gives the report its JSON conversion gives", async (rel, path) => {
    const json = corpusPath(rel.replace(/([^/]+)\.yaml$/, "derived-json/$1.json"))!;
    const [fromYaml, fromJson] = [await analyze([path]), await analyze([json])];
    // Everything but the inputs' names (the capture-quality examples name where they were found).
    const same = (r: typeof fromYaml) => JSON.stringify({ ...toJsonReport(r), inputs: [], warnings: r.warnings.map((w) => [w.line, w.message]) }).replaceAll(JSON.stringify(r.inputs[0]!.name), '"INPUT"');
    expect(fromYaml.pods.length).toBe(1);
    expect(same(fromYaml)).toBe(same(fromJson));
  });

  withCorpus("an oc adm inspect namespace (pods.yaml + events.yaml) gives the figures of the same namespace's pods and events as JSON", ["openshift-must-gather-clean-aws/original-yaml/openshift-apiserver__core__pods.yaml", "openshift-must-gather-clean-aws/original-yaml/openshift-apiserver__core__events.yaml", "openshift-must-gather-clean-aws/pods-all-namespaces.json", "openshift-must-gather-clean-aws/events-all-namespaces.json"], async (podsYaml, eventsYaml) => {
    const inNamespace = (rel: string): string => {
      const list = JSON.parse(readCorpus(rel).toString("utf8")) as { items: { metadata: { namespace: string } }[] };
      return JSON.stringify({ ...list, items: list.items.filter((i) => i.metadata.namespace === "openshift-apiserver") });
    };
    const dir = mkdtempSync(join(tmpdir(), "podtrail-mg-"));
    writeFileSync(join(dir, "pods.json"), inNamespace("openshift-must-gather-clean-aws/pods-all-namespaces.json"));
    writeFileSync(join(dir, "events.json"), inNamespace("openshift-must-gather-clean-aws/events-all-namespaces.json"));
    const fromYaml = await analyze([podsYaml, eventsYaml]);
    const fromJson = await analyze([join(dir, "pods.json"), join(dir, "events.json")]);
    expect(fromYaml.totals.podRecords).toBe(3);
    expect(fromYaml.totals.eventRecords).toBe(178);
    // Everything but where records were read (the capture-quality examples name inputs and lines).
    const figures = (r: typeof fromYaml) =>
      JSON.stringify({ ...toJsonReport(r), inputs: [], warnings: r.warnings.map((w) => w.message) }, (key, value: unknown) => (key === "input" || key === "line" ? null : value));
    expect(figures(fromYaml)).toBe(figures(fromJson));
  });

  withCorpus("yields the 8 kube-system pods of the kind v1.36 initial-events watch and skips its BOOKMARK", ["k8s-openapi-test-replays/v1.36_kind_kube-system_watch_sendInitialEvents.raw.jsonl"], async (path) => {
    const report = await analyze([path]);
    expect(report.inputs[0]).toMatchObject({ format: "watch-jsonl", records: 9, skipped: 1 });
    expect(report.pods.map((p) => p.name).sort()).toEqual([
      "coredns-589f44dc88-4fpns",
      "coredns-589f44dc88-lxdzt",
      "etcd-v1.36-control-plane",
      "kindnet-4pxt7",
      "kube-apiserver-v1.36-control-plane",
      "kube-controller-manager-v1.36-control-plane",
      "kube-proxy-hsdvx",
      "kube-scheduler-v1.36-control-plane",
    ]);
    // The initial list shows pods already running: every one is partial, and Ready.
    expect(report.pods.every((p) => p.partial && p.outcome === "Ready")).toBe(true);
    expect(report.pods.find((p) => p.name === "coredns-589f44dc88-4fpns")!.owner).toBe("ReplicaSet/coredns-589f44dc88");
  });

  withCorpus("reads a raw API PodList whose items carry no kind: the Failed Job pod exits 5 with reason Error", ["k8s-openapi-test-replays/v1.36_kind_default_podlist_failed_job_pod.json"], async (path) => {
    const report = await analyze([path]);
    expect(report.inputs[0]!.format).toBe("list");
    const pod = report.pods[0]!;
    expect(pod).toMatchObject({ outcome: "Failed", partial: true, stuckIn: null });
    expect(pod.failures).toEqual([expect.objectContaining({ reason: "Error", exitCodes: [5], count: 1 })]);
  });

  withCorpus("shows ErrImagePull then ImagePullBackOff in Pulumi's imagePullError recording, and the re-created pod in the resolved one", ["pulumi-await-recordings/workflows/pod/imagePullError.json", "pulumi-await-recordings/workflows/pod/imagePullErrorResolved.json"], async (failingPath, resolvedPath) => {
    const failing = await analyze([failingPath]);
    expect(failing.inputs[0]!.format).toBe("array");
    expect(failing.pods).toHaveLength(1);
    expect(failing.pods[0]!.failures.map((f) => [f.reason, f.container, f.count])).toEqual([
      ["ErrImagePull", "nginx", 1],
      ["ImagePullBackOff", "nginx", 1],
    ]);
    expect(failing.pods[0]!.stuckIn).toBe("ImagePullBackOff");
    const resolved = await analyze([resolvedPath]);
    expect(resolved.pods.map((p) => p.outcome)).toEqual(["Deleted", "Ready"]);
  });

  withCorpus("finds the Insights init container crash-looping with its 7527 restarts", ["openshift-insights-sample/pods/di-288312__vsystem-867f4b77cc-pqcns.json"], async (path) => {
    const report = await analyze([path]);
    const pod = report.pods[0]!;
    expect(pod.stuckIn).toBe("CrashLoopBackOff");
    const init = pod.containers.find((c) => c.init)!;
    expect(init).toMatchObject({ name: "vsystem-hana-init", restarts: 7527, restartReasons: [{ reason: "Error", exitCode: 1, count: 1 }] });
    expect(pod.failures.map((f) => [f.reason, f.container])).toEqual([
      ["Error", "vsystem-hana-init"],
      ["CrashLoopBackOff", "vsystem-hana-init"],
    ]);
  });

  withCorpus("reads all 36 Insights pods as one capture", ["openshift-insights-sample/pods"], async (dir) => {
    const report = await analyze([dir]);
    expect(report.pods).toHaveLength(36);
    expect(report.pods.find((p) => p.name.startsWith("router-default"))!.stuckIn).toBe("Unschedulable");
  });

  withCorpus("times Sonobuoy's pre-1.19 pulls (no duration printed) from Pulling to Pulled, to the microsecond of their client-go names", ["sonobuoy-results-0.9/heptio-sonobuoy"], async (dir) => {
    const report = await analyze([dir]);
    // Independently: the hex suffix of a client-go event name is its first occurrence in Unix nanoseconds.
    const events = JSON.parse(readCorpus("sonobuoy-results-0.9/heptio-sonobuoy/Events.json").toString("utf8")) as {
      reason: string;
      message: string;
      metadata: { name: string };
      involvedObject: { name: string; fieldPath?: string };
    }[];
    const nanos = (reason: string) => BigInt(`0x${events.find((e) => e.involvedObject.name === "sonobuoy" && e.reason === reason)!.metadata.name.split(".").pop()}`);
    expect(events.find((e) => e.involvedObject.name === "sonobuoy" && e.reason === "Pulled")!.message).not.toMatch(/ in /);
    const pod = report.pods.find((p) => p.name === "sonobuoy")!;
    expect(pod.containers.find((c) => c.name === "kube-sonobuoy")).toMatchObject({ cached: false, imagePullMs: Math.round(Number(nanos("Pulled") - nanos("Pulling")) / 1e6) });
  });

  withCorpus("sees the kne pod recreated under its name as two pods, and ErrImagePull then ImagePullBackOff holding otg-controller", ["openconfig-kne-kubectl-watch/kubectl-get-pods-A-o-json-watch.rawStream.json"], async (path) => {
    const report = await analyze([path]);
    expect(report.inputs[0]).toMatchObject({ format: "object-stream", records: 7 });
    const ceos = report.pods.filter((p) => p.name === "ceos");
    expect(ceos.map((p) => [p.outcome, p.stuckIn, p.partial])).toEqual([
      ["Pending", "PodInitializing", false],
      ["Ready", null, true],
    ]);
    expect(new Set(ceos.map((p) => p.uid)).size).toBe(2);
    const otg = report.pods.find((p) => p.name === "otg-controller")!;
    expect(otg.failures.map((f) => [f.reason, f.container, f.count])).toEqual([
      ["ErrImagePull", "ixia-c", 1],
      ["ImagePullBackOff", "ixia-c", 1],
    ]);
    expect(otg.stuckIn).toBe("ImagePullBackOff");
  });

  withCorpus("finds the nri kubelet /pods pod stuck in ContainerCreating", ["nri-kubernetes-v1.16/v1.16_kubelet_pods.json"], async (path) => {
    const report = await analyze([path]);
    expect(report.inputs[0]).toMatchObject({ format: "list", records: 16 });
    expect(report.pods.filter((p) => p.stuckIn !== null).map((p) => [p.name, p.outcome, p.stuckIn])).toEqual([["e2e-container-creating", "Pending", "ContainerCreating"]]);
  });
});
