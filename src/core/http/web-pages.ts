import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

const CONSOLE_PREFIX = '/console/';
const SANDBOX_PAGE = '/sandbox/';
const SANDBOX_ASSETS_PREFIX = '/sandbox/assets/';
const NOT_BUILT = 'The web pages are not built: run `npm run build` (scripts/test.sh does) to compile web/ into dist/web.';

/**
 * Serves the browser pages compiled from web/ into dist/web by `npm run build`: the agent console
 * at /console/ and, when the sandbox is on, the WhatsApp user simulator at /sandbox/ (its assets
 * under /sandbox/assets/, so the sandbox's JSON routes beside it stay as they are). Like /docs they
 * are plain Fastify routes outside Nest's guards: the pages hold no data; their API calls are
 * authenticated.
 */
export async function serveWebPages(app: NestFastifyApplication, options: { sandbox: boolean }, logger: LoggerService): Promise<void> {
  const root = join(projectRoot(), 'dist', 'web');
  if (!existsSync(join(root, 'console', 'index.html'))) {
    logger.warn?.({ root }, 'web pages not built; /console and /sandbox answer 503', 'WebPages');
    servePlaceholders(app, options);
    return;
  }
  await app.register(fastifyStatic, { root: join(root, 'console'), prefix: CONSOLE_PREFIX, redirect: true, index: 'index.html' });
  if (!options.sandbox) return;
  const sandboxRoot = join(root, 'sandbox');
  await app.register(fastifyStatic, { root: sandboxRoot, prefix: SANDBOX_ASSETS_PREFIX, index: false, decorateReply: false });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/sandbox', (_request, reply) => reply.redirect(SANDBOX_PAGE));
  fastify.get(SANDBOX_PAGE, (_request, reply) => reply.sendFile('index.html', sandboxRoot));
}

function servePlaceholders(app: NestFastifyApplication, options: { sandbox: boolean }): void {
  const fastify = app.getHttpAdapter().getInstance();
  const notBuilt = (_request: unknown, reply: { code(status: number): { send(body: object): unknown } }) =>
    reply.code(503).send({ statusCode: 503, error: 'Service Unavailable', message: NOT_BUILT });
  const paths = ['/console', `${CONSOLE_PREFIX}*`, ...(options.sandbox ? ['/sandbox', SANDBOX_PAGE, `${SANDBOX_ASSETS_PREFIX}*`] : [])];
  for (const path of paths) fastify.get(path, notBuilt);
}

/** The folder of Atende's package.json, found from here in both src/ (ts-jest) and dist/src/. */
function projectRoot(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'atende') return dir;
  }
  return process.cwd();
}
