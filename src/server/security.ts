/**
 * What every reply carries and every request meets before its route: security headers
 * (@fastify/helmet, with a Content-Security-Policy that allows the app's own inline script by its
 * hash and nothing else inline), cookies (@fastify/cookie), and load shedding
 * (@fastify/under-pressure: above the event-loop delay limit, 503 overloaded with Retry-After,
 * which devices and respondents' pages retry).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import { errorBody, overloaded } from './errors';

/** The sha256 sources of the inline scripts of the built index.html (the route preload script). */
export function inlineScriptHashes(appDir: string | undefined): string[] {
  if (appDir === undefined || !existsSync(join(appDir, 'index.html'))) return [];
  const html = readFileSync(join(appDir, 'index.html'), 'utf8');
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1] ?? '')) continue;
    hashes.push(`'sha256-${createHash('sha256').update(m[2] ?? '', 'utf8').digest('base64')}'`);
  }
  return hashes;
}

export interface SecurityOptions {
  appDir?: string | undefined;
  /** Event-loop delay (ms) above which new requests are shed; false: never. */
  maxEventLoopDelayMs: number | false;
}

/** Seconds a shed request is told to wait. */
const SHED_RETRY_AFTER_S = 5;

export async function registerSecurity(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(options.appDir)],
        styleSrc: ["'self'"],
        // QR codes of respondent links are drawn as data: images.
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Tablets on the LAN open the app over plain http: asking browsers to upgrade every request,
    // or to insist on https for a year, would break them. HTTPS deployments set HSTS at the proxy.
    strictTransportSecurity: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  if (options.maxEventLoopDelayMs !== false)
    await app.register(underPressure, {
      maxEventLoopDelay: options.maxEventLoopDelayMs,
      retryAfter: SHED_RETRY_AFTER_S,
      // A reply sent here ends the request (Fastify stops at a sent reply).
      pressureHandler: (_request, reply) => {
        const busy = overloaded(SHED_RETRY_AFTER_S);
        void reply
          .status(busy.statusCode)
          .header('retry-after', String(SHED_RETRY_AFTER_S))
          .header('cache-control', 'no-store')
          .send(errorBody(busy.code, busy.message));
      },
    });
}
