import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script, without type declarations
import { generate } from "../../schemas/generate-types.mjs";

describe("the JsonReport type", () => {
  it("is what schemas/report.schema.json gives (npm run schema:types regenerates it)", async () => {
    const committed = readFileSync("src/render/jsonReport.ts", "utf8");
    expect(committed).toBe(await (generate as () => Promise<string>)());
  });
});
