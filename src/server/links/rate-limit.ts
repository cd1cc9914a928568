/**
 * Rate limiting of the public link routes, per client address, with @fastify/rate-limit: the
 * three routes share one budget, and a client over it gets 429 rate_limited with Retry-After.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { ApiFailure } from '../errors';
import type { LinkRateLimit } from './limits';

/** Registers the plugin (limiting nothing by itself); call before adding the link routes. */
export async function registerRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ApiFailure(429, 'rate_limited', `Too many requests from this address: try again in ${context.after}.`),
  });
}

/**
 * The route options of the link routes: one limiter (one counter per address) for all three, made
 * with the plugin's `rateLimit` decorator, since per-route configurations count each route apart.
 */
export function linkRouteLimit(app: FastifyInstance, limit: LinkRateLimit | false): { onRequest?: onRequestHookHandler } {
  if (limit === false) return {};
  const limiter: onRequestHookHandler = app.rateLimit({ max: limit.max, timeWindow: limit.windowMs });
  return { onRequest: limiter };
}
