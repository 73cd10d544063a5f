import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { clientAssetsVitePlugin } from "../src/render/html/clientAssets.build.mjs";

export default defineConfig({
  // The HTML report's script and stylesheet, built as `npm run build` builds them.
  plugins: [clientAssetsVitePlugin()],
  test: {
    // The repository root, so paths like samples/ and ../shared/corpus resolve as in the CLI.
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
