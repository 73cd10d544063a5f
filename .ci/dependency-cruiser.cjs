/**
 * The data flow is the layout (README "Layout"): each stage imports only from
 * stages before it and from the leaves; nothing imports the CLI; no circles.
 * Run by `npm run lint` (part of `npm test`).
 */
const STAGES = ["input", "decode", "normalize", "reconstruct", "derive", "summarize", "compare", "render"];
const LEAVES = "^src/(kube/|catalog/|types\\.ts|records\\.ts|diagnostics\\.ts|errors\\.ts|compareText\\.ts|didYouMean\\.ts|memo\\.ts|builtins\\.ts)";

const later = (i) => `^src/(${STAGES.slice(i + 1).join("|")})/`;

module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "no import circles", from: {}, to: { circular: true } },
    {
      name: "leaves-import-leaves",
      severity: "error",
      comment: "kube/, catalog/ and the shared types and helpers import no stage",
      from: { path: LEAVES },
      to: { path: "^src/", pathNot: LEAVES },
    },
    ...STAGES.slice(0, -1).map((stage, i) => ({
      name: `${stage}-looks-down-the-pipeline`,
      severity: "error",
      comment: `${stage}/ imports no later stage`,
      from: { path: `^src/${stage}/` },
      to: { path: later(i) },
    })),
    {
      name: "stages-import-no-entry-point",
      severity: "error",
      comment: "stages import neither the library's entry points (src/*.ts that are not leaves) nor the CLI",
      from: { path: `^src/(${STAGES.join("|")})/` },
      to: { path: "^src/[^/]+\\.ts$", pathNot: LEAVES },
    },
    { name: "library-imports-no-cli", severity: "error", from: { path: "^src/", pathNot: "^src/cli/" }, to: { path: "^src/cli/" } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    includeOnly: "^src/",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // The HTML page's script is bundled by esbuild for the browser and imports render/ helpers by design.
    exclude: { path: "^src/render/html/client/" },
  },
};
