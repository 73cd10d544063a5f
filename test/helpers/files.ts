import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every file below `dir`, in name order, depth first. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}
