import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above this file whose package.json is the product's. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'atende') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root (package.json of atende) above ' + __dirname);
    dir = parent;
  }
}

/** Requires a module of the built product (dist/...), which the bench does not compile itself. */
export function requireBuilt<T>(relative: string): T {
  return require(join(repoRoot(), 'dist', relative)) as T;
}
