import { BadRequestException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { unstorableCharacterIn } from '@core/text/storable-text';

/** Far deeper than any request of the API (an HTTP tool's JSON Schema nests at most 16 levels, two per level at most). */
export const MAX_INPUT_DEPTH = 40;
const PATH_MAX = 200;

/**
 * What a client sends (path, query, body; names and values, at any depth) must be what the rest
 * can take, or the request is a 400 before any guard, interceptor or handler sees it, instead of a
 * 500 further on: no string PostgreSQL cannot store (a NUL byte, a lone UTF-16 surrogate), no
 * nesting deeper than MAX_INPUT_DEPTH (validation and transformation recurse, and overflow the
 * stack). It covers every route, a body sent to a route that reads none included (the audit log
 * keeps it). The Twilio webhooks are left out: they store such input sanitised, since a
 * customer's message is never refused. Must be added before the app's routes are registered.
 */
export function refuseUnfitClientInput(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    if (request.routeOptions.url?.startsWith('/webhooks/')) return;
    const problem = clientInputProblem(request.params, 'param') ?? clientInputProblem(request.query, 'query') ?? clientInputProblem(request.body, 'body');
    if (problem) throw new BadRequestException(problem);
  });
}

/** What is wrong with a part of a request, or null. Walks without recursion, so that deep nesting cannot overflow the stack here. */
export function clientInputProblem(root: unknown, rootPath: string): string | null {
  const pending: [unknown, string, number][] = [[root, rootPath, 0]];
  while (pending.length > 0) {
    const [value, path, depth] = pending.pop()!;
    if (typeof value === 'string') {
      const problem = unstorableCharacterIn(value);
      if (problem) return `${path} must not contain ${problem}`;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return `${path} nests deeper than ${MAX_INPUT_DEPTH} levels`;
    if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push([item, childPath(path, `[${index}]`), depth + 1]));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const problem = unstorableCharacterIn(key);
      if (problem) return `a field name in ${path} must not contain ${problem}`;
      pending.push([item, childPath(path, `.${key}`), depth + 1]);
    }
  }
  return null;
}

/** Error messages name the path, cut short for a deeply nested or long-keyed body. */
function childPath(path: string, part: string): string {
  if (path.length >= PATH_MAX) return path.endsWith('…') ? path : `${path}…`;
  return (path + part).slice(0, PATH_MAX);
}
