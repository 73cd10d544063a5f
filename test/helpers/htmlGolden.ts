import { CLIENT_CSS, CLIENT_JS } from "../../src/render/html/clientAssets.js";

/** What stands in a golden page for the stylesheet and for the script, which every page inlines unchanged. */
export const STYLE_PLACEHOLDER = "/* the page's stylesheet, inlined unchanged: checked once by test/render/html.test.ts */";
export const SCRIPT_PLACEHOLDER = "/* the page's script, inlined unchanged: checked once by test/render/html.test.ts */";

/**
 * The page as its golden file holds it: body and data, with the inlined
 * stylesheet and script (the same in every page) each replaced by a
 * placeholder line. Only the exact built text is replaced, so a page that
 * inlines anything else keeps it and differs from its golden.
 */
export function withoutInlinedAssets(page: string): string {
  return page
    .replace(`<style>${CLIENT_CSS}</style>`, () => `<style>\n${STYLE_PLACEHOLDER}\n</style>`)
    .replace(`<script>${CLIENT_JS}</script>`, () => `<script>\n${SCRIPT_PLACEHOLDER}\n</script>`);
}
