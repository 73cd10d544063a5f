import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The package as a user installs it (README "Install"): packed (the built
 * dist/ of `npm test`'s pretest; --ignore-scripts so as not to build twice),
 * the tarball installed globally into a temporary prefix, its dependencies
 * from the npm cache or registry, then both commands run from that prefix.
 */
describe("installing the packed package", () => {
  it("gives podtrail and kubectl-podtrail on the PATH, which run a capture", () => {
    const dir = mkdtempSync(join(tmpdir(), "podtrail-install-"));
    execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", dir], { stdio: ["ignore", "ignore", "inherit"] });
    const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"))!;
    expect(tarball).toMatch(/^podtrail-\d+\.\d+\.\d+\.tgz$/);
    const prefix = join(dir, "prefix");
    const install = spawnSync("npm", ["install", "-g", "--prefix", prefix, "--prefer-offline", "--no-audit", "--no-fund", join(dir, tarball)], { encoding: "utf8" });
    expect(install.status, install.stderr).toBe(0);
    const bin = join(prefix, "bin");
    expect(existsSync(join(bin, "podtrail")) && existsSync(join(bin, "kubectl-podtrail"))).toBe(true);
    const env = { ...process.env, PATH: `${bin}:${process.env["PATH"] ?? ""}`, NO_COLOR: "1" };
    const version = spawnSync("podtrail", ["--version"], { encoding: "utf8", env, cwd: dir });
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    // As kubectl runs a plugin: the binary kubectl-podtrail with the words after `kubectl podtrail`.
    const sample = resolve("samples/crashloop-oomkilled/input");
    const plugin = spawnSync("kubectl-podtrail", ["analyze", sample, "-o", "json"], { encoding: "utf8", env, cwd: dir });
    expect({ status: plugin.status, stderr: plugin.stderr }).toEqual({ status: 0, stderr: "" });
    expect(JSON.parse(plugin.stdout).pods[0].name).toBe("web-7d4b9c8f6d-x2x9k");
    // The schemas ship with it (--validate reads them from the installed package).
    const validated = spawnSync("podtrail", ["analyze", sample, "-o", "json", "--validate"], { encoding: "utf8", env, cwd: dir });
    expect(validated.status).toBe(0);
  }, 180_000);
});
