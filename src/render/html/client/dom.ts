/** DOM building for the page's script: text goes in through `textContent` only, so user data is never parsed as HTML. */

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string | null, text?: string | number | null): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

/** The element the server-rendered page always has; its absence means the page is not one podtrail wrote. */
export function need<T extends Element>(root: ParentNode, selector: string, type: abstract new () => T): T {
  const e = root.querySelector(selector);
  if (!(e instanceof type)) throw new Error(`podtrail page: ${selector} is missing`);
  return e;
}

export function isNum(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}
