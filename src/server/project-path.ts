import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * An absolute path inside the project (the folder holding package.json), whether the server runs from its
 * TypeScript sources (src/server/...) or compiled into one file (dist/server/main.js): the folder is found by
 * walking up from this module's own location. `relative` is from the project root, e.g. 'drizzle'.
 */
export function projectPath(relative: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return join(dir, relative);
}
