import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './root';

/** Newest modification time of the files under a path (a file or a folder). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, entry) => Math.max(max, newest(join(path, entry))), stat.mtimeMs);
}

/** `npm run build` when dist/ is missing or older than the sources it is built from. */
export function buildIfStale(log: (line: string) => void): void {
  const root = repoRoot();
  const built = existsSync(join(root, 'dist', 'src', 'main.js')) ? statSync(join(root, 'dist', 'src', 'main.js')).mtimeMs : 0;
  const sources = Math.max(...['src', 'migrations', 'web', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.web.json'].map((p) => newest(join(root, p))));
  if (built >= sources) return;
  log('dist/ is missing or older than the sources: npm run build');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
}

/** The project's setup: PostgreSQL with pgvector and Redis running (quick when all is in place). */
export function ensureSystem(log: (line: string) => void): void {
  log('scripts/setup.sh (PostgreSQL with pgvector, Redis)');
  execFileSync('bash', [join(repoRoot(), 'scripts', 'setup.sh')], { cwd: repoRoot(), stdio: ['ignore', 'ignore', 'inherit'] });
}
