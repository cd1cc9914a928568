/**
 * Serves the built app (dist/) at /: hashed files under /assets/ are cached for a year, everything
 * else (index.html, sw.js, the manifest) is revalidated on every load so an update is seen, with
 * an ETag made from the content (a 304 only when the bytes are the same). Any other GET outside
 * /api/ that is not a file gets index.html, so the app's own routes work on reload.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contentEtag, etagMatches } from '../etag';

const YEAR = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** False for the build's source maps and anything under a dot folder (.vite/manifest.json). */
export const servable = (pathName: string): boolean => !pathName.endsWith('.map') && !/(^|\/)\./.test(pathName);

export const hasBuiltApp = (dir: string): boolean => existsSync(join(dir, 'index.html'));

/** True for a request the app's index.html should answer. */
export function isAppRoute(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '/';
  if (path === '/api' || path.startsWith('/api/') || path.startsWith('/assets/')) return false;
  // A missing file (a name with an extension) is a 404, not the app: a service worker must
  // never cache index.html as a script.
  return extname(path) === '';
}

export async function appFileRoutes(app: FastifyInstance, dir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: dir,
    cacheControl: false,
    // Source maps and the build manifest describe the code, not the app: never served.
    allowedPath: (pathName) => servable(pathName),
    dotfiles: 'deny',
    // The static server's validators come from the file's size and time, which a new build can
    // share with the old one (sw.js keeps its size from build to build): not used.
    etag: false,
    lastModified: false,
    setHeaders: (res, path) => {
      if (path.includes(`${sep}assets${sep}`)) return void res.setHeader('cache-control', YEAR);
      res.setHeader('cache-control', REVALIDATE);
      // These files are small (sw.js ~20 KB): hashing them on each request costs microseconds.
      res.setHeader('etag', contentEtag(readFileSync(path)));
    },
  });
  // A revalidation that names the same content gets 304 and no body.
  app.addHook('onSend', async (request, reply, payload) => {
    const etag = reply.getHeader('etag');
    if (reply.statusCode !== 200 || typeof etag !== 'string' || !etagMatches(request.headers['if-none-match'], etag)) return payload;
    if (payload && typeof (payload as NodeJS.ReadableStream).pipe === 'function') (payload as NodeJS.ReadStream).destroy();
    void reply.status(304).removeHeader('content-length');
    return null;
  });
}

/**
 * The not-found answer when the app is served: index.html for the app's routes. A respondent's
 * page (/r/<token>) carries its token in the path, so it never goes out as a Referer.
 */
export function sendApp(reply: FastifyReply): FastifyReply {
  if (/^\/r\//i.test(reply.request.url)) void reply.header('referrer-policy', 'no-referrer');
  return reply.header('cache-control', REVALIDATE).sendFile('index.html');
}
