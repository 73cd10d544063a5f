/**
 * Orders strings by UTF-16 code units, whatever the locale: sorted output
 * (pods, reasons, inputs, groups) must be byte-identical on every machine.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
