/**
 * The reasons podtrail knows, and the shape of what it knows about each.
 *
 * The tables `REASONS` (English) and `REASONS_ZH` (Simplified Chinese) are
 * typed `Record<KnownReason, ...>`, so adding a name here without its text in
 * both languages does not compile.
 */
import type { FailureCategory, FailureSource } from "../types.js";

export const KNOWN_REASONS = [
  // container state.waiting.reason (kubelet)
  "CrashLoopBackOff",
  "ErrImagePull",
  "ImagePullBackOff",
  "InvalidImageName",
  "ImageInspectError",
  "ErrImageNeverPull",
  "RegistryUnavailable",
  "SignatureValidationFailed",
  "CreateContainerConfigError",
  "CreateContainerError",
  "RunContainerError",
  "RunInitContainerError",
  "PreCreateHookError",
  "PreStartHookError",
  "PostStartHookError",
  "KillContainerError",
  "VerifyNonRootError",
  "m.internalLifecycle.PreStartContainer",
  "CreatePodSandboxError",
  "ConfigPodSandboxError",
  "KillPodSandboxError",
  "ContainerCreating",
  "PodInitializing",
  "DockerDaemonNotReady",
  "NetworkPluginNotReady",
  // container state.terminated.reason
  "OOMKilled",
  "Error",
  "ContainerCannotRun",
  "StartError",
  "Completed",
  "ContainerStatusUnknown",
  "Unknown",
  "DeadlineExceeded",
  "Evicted",
  // pod status.reason (kubelet admission, eviction, shutdown, node controller)
  "NodeLost",
  "UnexpectedAdmissionError",
  "OutOfcpu",
  "OutOfmemory",
  "OutOfpods",
  "OutOfephemeral-storage",
  "OutOfResource",
  "NodeAffinity",
  "NodePorts",
  "TopologyAffinityError",
  "NodeShutdown",
  "Shutdown",
  "Terminated",
  "Preempting",
  "SysctlForbidden",
  "AppArmor",
  "InvalidNodeInfo",
  "TaintToleration",
  "PodOSSelectorNodeLabelDoesNotMatch",
  "PodOSNotSupported",
  "InitContainerRestartPolicyForbidden",
  "SupplementalGroupsPolicyNotSupported",
  "UnexpectedPredicateFailureType",
  "UnknownReason",
  // pod conditions
  "Unschedulable",
  "SchedulerError",
  "SchedulingGated",
  "PreemptionByScheduler",
  "PreemptionByKubeScheduler",
  "DeletionByTaintManager",
  "EvictionByEvictionAPI",
  "DeletionByPodGC",
  "TerminationByKubelet",
  "ContainersNotReady",
  "ContainersNotInitialized",
  "PodCompleted",
  // events
  "FailedScheduling",
  "NotTriggerScaleUp",
  "FailedMount",
  "FailedAttachVolume",
  "FailedMapVolume",
  "FailedUnMount",
  "AlreadyMountedVolume",
  "FailedMountOnFilesystemMismatch",
  "VolumeResizeFailed",
  "FileSystemResizeFailed",
  "FailedPrepareDynamicResources",
  "FailedBinding",
  "ProvisioningFailed",
  "FailedCreatePodSandBox",
  "FailedPodSandBoxStatus",
  "SandboxChanged",
  "NetworkNotReady",
  "FailedKillPod",
  "FailedSync",
  "FailedCreatePodContainer",
  "BackOff",
  "Failed",
  "InspectFailed",
  "Unhealthy",
  "ProbeWarning",
  "Killing",
  "FailedPostStartHook",
  "FailedPreStopHook",
  "UnfinishedPreStopHook",
  "ExceededGracePeriod",
  "FailedValidation",
  "Preempted",
  "NodeNotReady",
  "TaintManagerEviction",
  "HostPortConflict",
  "OutOfDisk",
  // progress events
  "Scheduled",
  "TriggeredScaleUp",
  "Pulling",
  "Pulled",
  "Created",
  "Started",
] as const;

export type KnownReason = (typeof KNOWN_REASONS)[number];

/** Where a reason can be seen; the same names as the report's `FailureSource`. */
export type ReasonSource = FailureSource;

export interface ReasonInfo {
  readonly category: FailureCategory;
  /**
   * `progress`: a normal state or step (ContainerCreating, Pulling, Completed...),
   * not a failure by itself, though being stuck in it may be one.
   */
  readonly kind: "failure" | "progress";
  readonly sources: readonly ReasonSource[];
  /** One or two sentences: what the reason means and who sets it. */
  readonly meaning: string;
  /** What to check first, concretely. */
  readonly check: string;
}

/** The translated text of one reason. */
export interface ReasonText {
  readonly meaning: string;
  readonly check: string;
}
