import { describe, expect, it } from "vitest";
import { FAILURE_CATEGORIES } from "../../src/types.js";
import { KNOWN_REASONS, REASONS, REASONS_ZH, type KnownReason } from "../../src/catalog/index.js";

const CJK = /[\u4e00-\u9fff]/u;
const SOURCES = ["waiting", "terminated", "podStatus", "condition", "event"];

/** Reasons the brief and SPEC section 6 require, by where they are seen. */
const REQUIRED: readonly string[] = [
  // waiting
  "CrashLoopBackOff", "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ImageInspectError",
  "ErrImageNeverPull", "RegistryUnavailable", "SignatureValidationFailed", "CreateContainerConfigError",
  "CreateContainerError", "RunContainerError", "PreStartHookError", "PostStartHookError", "KillContainerError",
  "VerifyNonRootError", "m.internalLifecycle.PreStartContainer", "ContainersNotInitialized", "ContainersNotReady",
  "ContainerCreating", "PodInitializing", "DockerDaemonNotReady", "NetworkPluginNotReady", "ContainerStatusUnknown",
  // terminated
  "OOMKilled", "Error", "ContainerCannotRun", "StartError", "DeadlineExceeded", "Completed", "Evicted",
  // pod status.reason
  "NodeLost", "UnexpectedAdmissionError", "OutOfcpu", "OutOfmemory", "OutOfpods", "NodeAffinity", "NodeShutdown",
  "Shutdown", "Terminated", "Preempting", "SysctlForbidden", "AppArmor", "InvalidNodeInfo",
  // conditions
  "Unschedulable", "SchedulerError", "PreemptionByScheduler", "PreemptionByKubeScheduler", "DeletionByTaintManager",
  "EvictionByEvictionAPI", "DeletionByPodGC", "TerminationByKubelet",
  // events
  "FailedScheduling", "FailedMount", "FailedAttachVolume", "FailedMapVolume", "FailedCreatePodSandBox",
  "FailedPodSandBoxStatus", "FailedKillPod", "FailedSync", "BackOff", "Failed", "Unhealthy", "ProbeWarning", "Killing",
  "FailedPostStartHook", "FailedPreStopHook", "NetworkNotReady", "InspectFailed", "FailedCreatePodContainer",
  "FailedValidation", "ExceededGracePeriod", "Preempted", "NodeNotReady", "TaintManagerEviction", "FailedBinding",
  "ProvisioningFailed", "HostPortConflict", "OutOfDisk", "SandboxChanged",
  // checked against the kubelet's reason lists (pkg/kubelet/events, lifecycle/predicate.go, containerd's CRI)
  "Unknown", "TaintToleration", "PodOSSelectorNodeLabelDoesNotMatch", "PodOSNotSupported", "InitContainerRestartPolicyForbidden",
  "SupplementalGroupsPolicyNotSupported", "UnexpectedPredicateFailureType", "UnknownReason", "FailedUnMount", "AlreadyMountedVolume",
  "FailedMountOnFilesystemMismatch", "VolumeResizeFailed", "FileSystemResizeFailed", "FailedPrepareDynamicResources", "UnfinishedPreStopHook",
];

describe("reason catalogue", () => {
  it("covers every required reason", () => {
    const known = new Set<string>(KNOWN_REASONS);
    expect(REQUIRED.filter((r) => !known.has(r))).toEqual([]);
  });

  it("has no duplicate names, even ignoring case", () => {
    const folded = KNOWN_REASONS.map((r) => r.toLowerCase());
    expect(new Set(folded).size).toBe(KNOWN_REASONS.length);
  });

  it("has exactly the known reasons as keys of both tables", () => {
    const sorted = [...KNOWN_REASONS].sort();
    expect(Object.keys(REASONS).sort()).toEqual(sorted);
    expect(Object.keys(REASONS_ZH).sort()).toEqual(sorted);
  });

  it.each(KNOWN_REASONS.map((r) => [r]))("%s has valid English and Chinese text", (reason: KnownReason) => {
    const info = REASONS[reason];
    expect(FAILURE_CATEGORIES).toContain(info.category);
    expect(["failure", "progress"]).toContain(info.kind);
    expect(info.sources.length).toBeGreaterThan(0);
    for (const s of info.sources) expect(SOURCES).toContain(s);
    expect(info.meaning.trim().length).toBeGreaterThan(20);
    expect(info.check.trim().length).toBeGreaterThan(20);

    const zh = REASONS_ZH[reason];
    expect(zh.meaning.trim()).not.toBe("");
    expect(zh.check.trim()).not.toBe("");
    expect(zh.meaning).toMatch(CJK);
    expect(zh.check).toMatch(CJK);
  });

  it("marks the progress reasons as such", () => {
    for (const r of ["ContainerCreating", "PodInitializing", "ContainersNotReady", "ContainersNotInitialized", "Completed", "Pulling"] as const) {
      expect(REASONS[r].kind, r).toBe("progress");
    }
    for (const r of ["CrashLoopBackOff", "OOMKilled", "Unschedulable", "Evicted", "FailedMount"] as const) {
      expect(REASONS[r].kind, r).toBe("failure");
    }
  });

  it("puts the well-known reasons in the expected categories", () => {
    const expected: Partial<Record<KnownReason, string>> = {
      Unschedulable: "scheduling",
      FailedScheduling: "scheduling",
      ImagePullBackOff: "image",
      ErrImagePull: "image",
      CreateContainerConfigError: "config",
      CrashLoopBackOff: "runtime",
      OOMKilled: "runtime",
      Error: "runtime",
      PostStartHookError: "runtime",
      Unhealthy: "probe",
      FailedMount: "storage",
      FailedAttachVolume: "storage",
      FailedCreatePodSandBox: "network",
      NetworkNotReady: "network",
      Evicted: "node",
      NodeLost: "node",
      DeletionByTaintManager: "node",
      DeadlineExceeded: "deadline",
    };
    for (const [reason, category] of Object.entries(expected)) {
      expect(REASONS[reason as KnownReason].category, reason).toBe(category);
    }
  });

  it("keeps reason names and kubectl commands untranslated in Chinese", () => {
    expect(REASONS_ZH.CrashLoopBackOff.check).toContain("kubectl logs POD -c CONTAINER --previous");
    expect(REASONS_ZH.CrashLoopBackOff.check).toContain("OOMKilled");
    expect(REASONS_ZH.ImagePullBackOff.check).toContain("imagePullSecrets");
  });

  it("gives actionable checks for the common failures", () => {
    expect(REASONS.OOMKilled.check).toContain("resources.limits.memory");
    expect(REASONS.OOMKilled.check).toContain("container_memory_working_set_bytes");
    expect(REASONS.ImagePullBackOff.check).toMatch(/imagePullSecrets/);
    expect(REASONS.ImagePullBackOff.check).toMatch(/too many requests/);
    expect(REASONS.CrashLoopBackOff.check).toContain("--previous");
  });
});
