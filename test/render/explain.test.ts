import { describe, expect, it } from "vitest";
import { KNOWN_REASONS, REASONS, REASONS_ZH } from "../../src/catalog/index.js";
import { renderExplain, suggestReasons } from "../../src/render/explain.js";

describe("renderExplain: one reason", () => {
  it("explains CrashLoopBackOff in English", () => {
    const { text, found } = renderExplain("CrashLoopBackOff", { lang: "en", list: false });
    expect(found).toBe(true);
    expect(text).toBe(
      [
        "CrashLoopBackOff",
        "  Category:     runtime (failure)",
        "  Seen in:      container state.waiting.reason",
        `  Meaning:      ${REASONS.CrashLoopBackOff.meaning}`,
        `  Check first:  ${REASONS.CrashLoopBackOff.check}`,
        "",
      ].join("\n"),
    );
  });

  it("explains CrashLoopBackOff in Chinese", () => {
    const { text, found } = renderExplain("CrashLoopBackOff", { lang: "zh", list: false });
    expect(found).toBe(true);
    const lines = text.split("\n");
    expect(lines[0]).toBe("CrashLoopBackOff");
    expect(lines[1]).toBe("  类别：      runtime（故障）");
    expect(text).toContain(`含义：      ${REASONS_ZH.CrashLoopBackOff.meaning}`);
    expect(text).toContain(`优先排查：  ${REASONS_ZH.CrashLoopBackOff.check}`);
    expect(text).toContain("kubectl logs POD -c CONTAINER --previous");
  });

  it("shows the matched entry when the name differs", () => {
    expect(renderExplain("crashloopbackoff", { lang: "en", list: false }).text.split("\n")[0]).toBe(
      "crashloopbackoff -> CrashLoopBackOff",
    );
    const gpu = renderExplain("OutOfnvidia.com/gpu", { lang: "en", list: false });
    expect(gpu.found).toBe(true);
    expect(gpu.text.split("\n")[0]).toBe("OutOfnvidia.com/gpu -> OutOfResource");
  });

  it("adds exit codes to Error, and the asked code first", () => {
    const plain = renderExplain("Error", { lang: "en", list: false }).text;
    expect(plain).toContain("Exit codes:");
    expect(plain).toMatch(/^ {2}137 {4}killed by signal 9 \(SIGKILL\)/m);
    expect(plain).toMatch(/^ {2}128\+N {2}killed by signal N/m);

    const withCode = renderExplain("Error (exit code 139)", { lang: "en", list: false }).text;
    expect(withCode.split("\n")[0]).toBe("Error (exit code 139) -> Error");
    expect(withCode).toMatch(/Exit code 139: +killed by signal 11 \(SIGSEGV\)/);

    const odd = renderExplain("Error 42", { lang: "en", list: false }).text;
    expect(odd).toMatch(/Exit code 42: +application-specific/);

    const zh = renderExplain("Error", { lang: "zh", list: false }).text;
    expect(zh).toContain("退出码：");
    expect(zh).toContain("被信号 9（SIGKILL）终止");
  });

  it("does not add exit codes to other reasons", () => {
    expect(renderExplain("OOMKilled", { lang: "en", list: false }).text).not.toContain("Exit codes:");
  });

  it("marks progress reasons", () => {
    expect(renderExplain("ContainerCreating", { lang: "en", list: false }).text).toContain(
      "runtime (progress, not a failure by itself)",
    );
  });
});

describe("renderExplain: unknown reason", () => {
  it("reports not found and suggests close names", () => {
    const { text, found } = renderExplain("CrashLoopBackof", { lang: "en", list: false });
    expect(found).toBe(false);
    expect(text).toContain("Unknown reason: CrashLoopBackof");
    expect(text).toContain("Did you mean: CrashLoopBackOff?");
    expect(text).toContain("podtrail explain --list");
  });

  it("suggests by edit distance and by containment", () => {
    expect(suggestReasons("ImagePullBackof")[0]).toBe("ImagePullBackOff");
    expect(suggestReasons("FailedMont")[0]).toBe("FailedMount");
    expect(suggestReasons("ImagePull")).toEqual(["ErrImagePull", "ImagePullBackOff"]);
    expect(suggestReasons("Qwertyuiop")).toEqual([]);
  });

  it("gives the guessed category and no suggestion line when nothing is close", () => {
    const { text, found } = renderExplain("CsiVolumeSnapshotStalled", { lang: "en", list: false });
    expect(found).toBe(false);
    expect(text).toContain("grouped under: storage");
    expect(text).not.toContain("Did you mean");
  });

  it("speaks Chinese", () => {
    const { text, found } = renderExplain("FailedMont", { lang: "zh", list: false });
    expect(found).toBe(false);
    expect(text).toContain("未知原因：FailedMont");
    expect(text).toContain("FailedMount");
  });
});

describe("renderExplain: --list", () => {
  const { text, found } = renderExplain(undefined, { lang: "en", list: true });
  const lines = text.split("\n").filter((l) => l !== "");

  it("has one line per known reason", () => {
    expect(found).toBe(true);
    expect(lines.length).toBe(KNOWN_REASONS.length);
    for (const reason of KNOWN_REASONS) {
      const line = lines.find((l) => l.split(/\s+/)[0] === reason);
      expect(line, reason).toBeDefined();
      expect(line).toContain(`  ${REASONS[reason].category}`);
      expect(line?.endsWith(REASONS[reason].meaning)).toBe(true);
    }
  });

  it("groups lines by category in the report's order", () => {
    const categories = lines.map((l) => l.split(/\s+/)[1]);
    const firstSeen = [...new Set(categories)];
    expect(firstSeen).toEqual(["scheduling", "image", "config", "runtime", "probe", "storage", "network", "node", "deadline", "other"]);
    // contiguous groups: each category appears in one run
    const runs = categories.filter((c, i) => i === 0 || c !== categories[i - 1]);
    expect(runs).toEqual(firstSeen);
  });

  it("is deterministic and lists Chinese meanings with --lang zh", () => {
    expect(renderExplain(undefined, { lang: "en", list: true }).text).toBe(text);
    const zh = renderExplain("ignored", { lang: "zh", list: true }).text;
    expect(zh).toContain(REASONS_ZH.OOMKilled.meaning);
    expect(zh.split("\n").filter((l) => l !== "").length).toBe(KNOWN_REASONS.length);
  });

  it("lists the catalogue when no reason is given", () => {
    expect(renderExplain(undefined, { lang: "en", list: false })).toEqual({ text, found: true });
  });
});
