/**
 * Rate limiting of the public routes (respondent links, device enrolment), per client address,
 * with @fastify/rate-limit: the three link routes share one budget, and a client over it gets 429
 * rate_limited with Retry-After. The counts live in the shared counters (../db/limit-counters), so
 * several server processes give one budget, not one each, and a restart does not reset it.
 */
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { LimitCounters } from '../db/limit-counters';
import { ServerRefusal } from '../errors';
import type { LinkRateLimit } from './limits';

type Done = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** A store for @fastify/rate-limit (its `store` option: a class it constructs) over the shared counters. */
function sharedStore(counters: LimitCounters) {
  return class SharedStore {
    incr(key: string, done: Done, timeWindow: number): void {
      const now = Date.now();
      counters.hit([key], timeWindow, now).then(
        ([w]) => done(null, { current: w!.count, ttl: Math.max(0, w!.resetAt - now) }),
        (e: unknown) => done(e instanceof Error ? e : new Error(String(e))),
      );
    }

    child(): SharedStore {
      return this;
    }
  };
}

/** Registers the plugin (limiting nothing by itself); call before adding the limited routes. */
export async function registerRateLimit(app: FastifyInstance, counters: LimitCounters): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    store: sharedStore(counters),
    errorResponseBuilder: (_request, context) =>
      new ServerRefusal('rate_limited', `Too many requests from this address: try again in ${context.after}.`),
  });
}

/**
 * One budget per client address (an IPv6 client's /64 network, as the plugin counts it by default),
 * named `name` so the counters of different budgets never mix, made with the plugin's `rateLimit`
 * decorator: the routes given the same hook share it.
 */
export function addressLimit(app: FastifyInstance, name: string, limit: LinkRateLimit): onRequestAsyncHookHandler {
  return app.rateLimit({ max: limit.max, timeWindow: limit.windowMs, keyGenerator: (request: FastifyRequest) => `${name} ${normalizeIP(request.ip)}` });
}

/** The route options of the link routes: one budget for all three. */
export function linkRouteLimit(app: FastifyInstance, limit: LinkRateLimit | false): { onRequest?: onRequestAsyncHookHandler } {
  if (limit === false) return {};
  return { onRequest: addressLimit(app, 'link', limit) };
}
