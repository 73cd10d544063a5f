import { describe, expect, it } from "vitest";
import { categoryOf, explainExitCode, lookupReason, parseErrorExitCode, REASONS } from "../../src/catalog/index.js";

describe("lookupReason", () => {
  it("finds an exact match with its info", () => {
    const hit = lookupReason("CrashLoopBackOff");
    expect(hit).toEqual({ ...REASONS.CrashLoopBackOff, reason: "CrashLoopBackOff" });
  });

  it("falls back to a case-insensitive match", () => {
    expect(lookupReason("crashloopbackoff")?.reason).toBe("CrashLoopBackOff");
    expect(lookupReason("OOMKILLED")?.reason).toBe("OOMKilled");
    expect(lookupReason("failedcreatepodsandbox")?.reason).toBe("FailedCreatePodSandBox");
    expect(lookupReason("  Evicted ")?.reason).toBe("Evicted");
  });

  it("keeps explicit OutOf entries and maps other OutOf<resource> to the generic entry", () => {
    expect(lookupReason("OutOfcpu")?.reason).toBe("OutOfcpu");
    expect(lookupReason("OutOfmemory")?.reason).toBe("OutOfmemory");
    expect(lookupReason("OutOfpods")?.reason).toBe("OutOfpods");
    expect(lookupReason("OutOfephemeral-storage")?.reason).toBe("OutOfephemeral-storage");
    expect(lookupReason("OutOfDisk")?.reason).toBe("OutOfDisk");
    expect(lookupReason("OutOfnvidia.com/gpu")?.reason).toBe("OutOfResource");
    expect(lookupReason("OutOfhugepages-2Mi")?.reason).toBe("OutOfResource");
    expect(lookupReason("OutOfnvidia.com/gpu")?.category).toBe("node");
    expect(lookupReason("OutOf")).toBeNull();
  });

  it("maps Error written with its exit code to Error", () => {
    for (const s of ["Error (exit code 137)", "Error: 1", "Error 143", "Error(exit 2)", "error (exit status 255)"]) {
      expect(lookupReason(s)?.reason, s).toBe("Error");
    }
    expect(parseErrorExitCode("Error (exit code 137)")).toBe(137);
    expect(parseErrorExitCode("Error")).toBeNull();
    expect(parseErrorExitCode("Errors 1")).toBeNull();
  });

  it("returns null for unknown reasons", () => {
    expect(lookupReason("SomethingNew")).toBeNull();
    expect(lookupReason("")).toBeNull();
    expect(lookupReason("CrashLoop")).toBeNull();
  });
});

describe("categoryOf", () => {
  it("uses the catalogue for known reasons, in any case", () => {
    expect(categoryOf("Unschedulable")).toBe("scheduling");
    expect(categoryOf("imagepullbackoff")).toBe("image");
    expect(categoryOf("OutOfnvidia.com/gpu")).toBe("node");
    expect(categoryOf("Error (exit code 1)")).toBe("runtime");
  });

  it("refines generic event reasons by their message", () => {
    expect(categoryOf("BackOff", "Back-off pulling image \"nginx:nope\"")).toBe("image");
    expect(categoryOf("BackOff", "Back-off restarting failed container app in pod web")).toBe("runtime");
    expect(categoryOf("Failed", "Failed to pull image \"x\": not found")).toBe("image");
    expect(categoryOf("Failed", "Error: configmap \"app-config\" not found")).toBe("config");
    expect(categoryOf("Failed", "Error: failed to create containerd task")).toBe("runtime");
    expect(categoryOf("Killing", "Container app failed liveness probe, will be restarted")).toBe("probe");
    expect(categoryOf("Killing", "Stopping container app")).toBe("runtime");
    expect(categoryOf("BackOff", null)).toBe("runtime");
  });

  it("guesses unknown reasons from their name", () => {
    // real reasons that are not in the catalogue
    expect(categoryOf("ImageGCFailed")).toBe("image");
    expect(categoryOf("FailedUnMount")).toBe("storage");
    expect(categoryOf("FailedDetachVolume")).toBe("storage");
    expect(categoryOf("VolumeResizeFailed")).toBe("storage");
    expect(categoryOf("FailedAttach")).toBe("storage");
    expect(categoryOf("FailedSetupNetwork")).toBe("network");
    expect(categoryOf("CNIError")).toBe("network");
    expect(categoryOf("SandboxCreateFailed")).toBe("network");
    expect(categoryOf("FailedScheduleX")).toBe("scheduling");
    expect(categoryOf("LivenessProbeFailed")).toBe("probe");
    expect(categoryOf("NodeHasDiskPressure")).toBe("node");
    expect(categoryOf("EvictionThresholdMet")).toBe("node");
    expect(categoryOf("TaintBasedEviction")).toBe("node");
    expect(categoryOf("BackoffLimitExceeded")).toBe("runtime");
    expect(categoryOf("JobDeadlineHit")).toBe("deadline");
    expect(categoryOf("InvalidConfigMap")).toBe("config");
    expect(categoryOf("Rebooted")).toBe("other");
    expect(categoryOf("")).toBe("other");
  });
});

describe("explainExitCode", () => {
  it("explains the conventional codes", () => {
    expect(explainExitCode(0)).toMatch(/success/);
    expect(explainExitCode(1)).toMatch(/general application error/);
    expect(explainExitCode(2)).toMatch(/argument/);
    expect(explainExitCode(126)).toMatch(/not executable/);
    expect(explainExitCode(127)).toMatch(/command not found/);
    expect(explainExitCode(137)).toMatch(/SIGKILL/);
    expect(explainExitCode(137)).toMatch(/OOM/);
    expect(explainExitCode(139)).toMatch(/SIGSEGV/);
    expect(explainExitCode(143)).toMatch(/SIGTERM/);
    expect(explainExitCode(255)).toMatch(/out of range/);
  });

  it("decodes 128+N as a signal", () => {
    expect(explainExitCode(129)).toBe("killed by signal 1 (SIGHUP)");
    expect(explainExitCode(135)).toBe("killed by signal 7 (SIGBUS)");
    expect(explainExitCode(128 + 40)).toBe("killed by signal 40");
  });

  it("returns null for application-specific codes and non-integers", () => {
    expect(explainExitCode(3)).toBeNull();
    expect(explainExitCode(42)).toBeNull();
    expect(explainExitCode(200)).toBeNull();
    expect(explainExitCode(1.5)).toBeNull();
  });

  it("flags codes outside 0..255", () => {
    expect(explainExitCode(3221225477)).toMatch(/0xC0000005/);
    expect(explainExitCode(-1)).toMatch(/not a POSIX exit status/);
  });

  it("speaks Chinese on request", () => {
    expect(explainExitCode(137, "zh")).toMatch(/SIGKILL/);
    expect(explainExitCode(137, "zh")).toMatch(/[\u4e00-\u9fff]/u);
    expect(explainExitCode(130, "zh")).toMatch(/[\u4e00-\u9fff]/u);
    expect(explainExitCode(131, "zh")).toBe("被信号 3（SIGQUIT）终止");
  });
});
