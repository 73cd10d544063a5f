/** The page's data (render/html/embed.ts): JSON as it is, or gzip in base64, unpacked with the browser's DecompressionStream. */
import type { PageData } from "../pageData.js";

export async function readData(blob: HTMLElement): Promise<PageData | null> {
  const text = blob.textContent ?? "";
  if (blob.getAttribute("type") === "application/json") return JSON.parse(text || "null") as PageData | null;
  if (typeof DecompressionStream === "undefined") throw new Error("this browser cannot unpack the page's data (it has no DecompressionStream): open the page in a current browser");
  const raw = atob(text.trim());
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text()) as PageData;
}
