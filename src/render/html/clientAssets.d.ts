/**
 * The HTML report's inline assets, built from client/ by esbuild
 * (clientAssets.build.mjs): `npm run build` writes the module into dist/; the
 * tests build it on the fly. No source file of this name exists in src/.
 */

/** The page's script: client/main.ts bundled (ES2020 IIFE, minified). */
export declare const CLIENT_JS: string;
/** The page's stylesheet: client/style.css, minified. */
export declare const CLIENT_CSS: string;
