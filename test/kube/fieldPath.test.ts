import { describe, expect, it } from "vitest";
import { containerFromFieldPath } from "../../src/kube/fieldPath.js";

describe("containerFromFieldPath", () => {
  it("reads regular, init and ephemeral containers", () => {
    expect(containerFromFieldPath("spec.containers{app}")).toEqual({ name: "app", init: false, ephemeral: false });
    expect(containerFromFieldPath("spec.initContainers{setup-db}")).toEqual({ name: "setup-db", init: true, ephemeral: false });
    expect(containerFromFieldPath("spec.ephemeralContainers{debugger-x7k2}")).toEqual({
      name: "debugger-x7k2",
      init: false,
      ephemeral: true,
    });
  });

  it("returns null for pod-level and unknown paths", () => {
    expect(containerFromFieldPath(null)).toBeNull();
    expect(containerFromFieldPath("")).toBeNull();
    expect(containerFromFieldPath("implicitly required container POD")).toBeNull();
    expect(containerFromFieldPath("spec.containers{}")).toBeNull();
    expect(containerFromFieldPath("spec.containers[0]")).toBeNull();
    expect(containerFromFieldPath("spec.volumes{data}")).toBeNull();
    expect(containerFromFieldPath("spec.containers{app}x")).toBeNull();
  });
});
