import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The dependency rule of ARCHITECTURE.md §2 and STYLE.md, checked on every import in src/. */
const SRC = join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => {
  const rel = relative(SRC, path).split(sep).join('/');
  const imports = [...readFileSync(path, 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
  return { rel, imports };
});

function moduleOf(rel: string): string | null {
  const match = /^modules\/(channels\/[^/]+|[^/]+)\//.exec(rel);
  return match ? match[1] : null;
}

/** Resolves relative and aliased imports to a path under src/, or null for packages. */
function target(fromRel: string, spec: string): string | null {
  if (spec.startsWith('@core/')) return `core/${spec.slice(6)}`;
  if (spec.startsWith('@modules/')) return `modules/${spec.slice(9)}`;
  if (!spec.startsWith('.')) return null;
  const parts = fromRel.split('/').slice(0, -1);
  for (const piece of spec.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

function violations(rule: (file: { rel: string; imports: string[] }, spec: string, to: string | null) => boolean): string[] {
  return files.flatMap((file) => file.imports.filter((spec) => rule(file, spec, target(file.rel, spec))).map((spec) => `${file.rel} imports ${spec}`));
}

const FRAMEWORKS = /^(@nestjs\/|typeorm|bull|ioredis|twilio|@langchain\/|langchain|pg|pgvector|express|fastify)/;

describe('architecture: the dependency rule', () => {
  it('keeps domain/ free of frameworks, drivers and SDKs, and of outer layers', () => {
    expect(
      violations(({ rel }, spec, to) => rel.includes('/domain/') && (FRAMEWORKS.test(spec) || /\/(application|infrastructure|interface)\//.test(to ?? ''))),
    ).toEqual([]);
  });

  it('keeps application/ free of infrastructure and interface code', () => {
    expect(violations(({ rel }, _spec, to) => rel.includes('/application/') && /\/(infrastructure|interface)\//.test(to ?? ''))).toEqual([]);
  });

  it('lets core import no module', () => {
    expect(violations(({ rel }, _spec, to) => rel.startsWith('core/') && (to ?? '').startsWith('modules/'))).toEqual([]);
  });

  it('lets identity import no other module; conversation neither ai nor channels; ai never channels', () => {
    const forbidden: Record<string, string[]> = {
      identity: ['conversation', 'ai', 'channels/twilio'],
      conversation: ['ai', 'channels/twilio'],
      ai: ['channels/twilio'],
    };
    expect(
      violations(({ rel }, _spec, to) => {
        const from = moduleOf(rel);
        const into = to ? moduleOf(`${to}/`) : null;
        return !!from && !!into && (forbidden[from] ?? []).includes(into);
      }),
    ).toEqual([]);
  });

  it('reads process.env only in src/core/config and the entry point', () => {
    const readers = files
      .filter((f) => readFileSync(join(SRC, f.rel), 'utf8').includes('process.env'))
      .map((f) => f.rel)
      .filter((rel) => !rel.startsWith('core/config/') && rel !== 'main.ts' && rel !== 'core/database/data-source.ts');
    expect(readers).toEqual([]);
  });

  it('has no console.log in src/', () => {
    expect(files.filter((f) => /console\.(log|info|debug)\(/.test(readFileSync(join(SRC, f.rel), 'utf8'))).map((f) => f.rel)).toEqual([]);
  });
});
