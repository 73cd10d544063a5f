import { gunzipSync, strFromU8 } from "fflate";
import { decodePods } from "../../src/render/html/client/decode.js";
import type { PageData, PagePod } from "../../src/render/html/pageData.js";

/** The data an HTML report embeds (src/render/html/embed.ts), plain or packed, as the page's script reads it. */
export function pageData(html: string): PageData {
  const m = /<script type="(application\/json|application\/gzip)"(?: data-encoding="base64")? id="podtrail-data">([\s\S]*?)<\/script>/.exec(html);
  if (m === null) throw new Error("the page has no podtrail-data element");
  const text = m[1] === "application/json" ? m[2]! : strFromU8(gunzipSync(Buffer.from(m[2]!, "base64")));
  return JSON.parse(text) as PageData;
}

/** Its pods, decoded by the page's own decoder. */
export function pagePods(html: string): PagePod[] {
  return decodePods(pageData(html));
}
