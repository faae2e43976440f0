import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

/** The body limit every route has unless it says otherwise (bootstrap gives it to Fastify). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Lets one route take a larger (or smaller) body than DEFAULT_BODY_LIMIT; a larger one is still a JSON 413. */
export const BodyLimit = (bytes: number) => RouteConfig({ bodyLimit: bytes });

/**
 * Nest passes a route's RouteConfig to Fastify only as `config`; this hook turns `config.bodyLimit`
 * into Fastify's own per-route `bodyLimit`. Must be added before the app's routes are registered (init).
 */
export function applyRouteBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const limit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof limit === 'number') route.bodyLimit = limit;
  });
}
