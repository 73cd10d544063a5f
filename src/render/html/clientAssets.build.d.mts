/* Types of clientAssets.build.mjs, for the tests and the Vitest configuration that import it. */
import type { Plugin as EsbuildPlugin } from "esbuild";

/** Where `npm run build` writes the generated module of the page's assets. */
export declare const CLIENT_ASSETS_PATH: string;
/** The page's script and stylesheet, bundled and minified from client/, and the source files they were built from. */
export declare function bundleClient(): Promise<{ readonly js: string; readonly css: string; readonly inputs: readonly string[] }>;
/** The source of the module that exports CLIENT_JS and CLIENT_CSS. */
export declare function clientAssetsModule(assets: { readonly js: string; readonly css: string }): string;
/** Vite (Vitest) plugin that serves the assets module built on the fly. */
export declare function clientAssetsVitePlugin(): { readonly name: string; [hook: string]: unknown };
/** esbuild plugin that resolves the assets module built on the fly. */
export declare function clientAssetsEsbuildPlugin(): EsbuildPlugin;
