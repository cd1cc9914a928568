// @vitest-environment node
/** Serving the built app: cache headers, the SPA fallback, and JSON 404s where the app is not meant. */
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './harness';
import type { TestServer } from './harness';
import { errorCode, get, post } from './http';

describe('the built app', () => {
  let server: TestServer;
  let dist: string;
  const INDEX = '<!doctype html><title>Khảo sát</title><div id="root"></div>';
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'survey-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("install", () => {});');
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js'), 'console.log(1);');
    server = await startTestServer({ appDir: dist });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / without long caching', async () => {
    const r = await get(server, '/');
    expect(r.status).toBe(200);
    expect(r.text).toBe(INDEX);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.headers.get('cache-control')).toBe('no-cache');
  });

  it('caches hashed assets for a year, and revalidates sw.js and other files', async () => {
    const asset = await get(server, '/assets/index-Ab12Cd34.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/sw.js', '/favicon.svg']) {
      const r = await get(server, path);
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('revalidates sw.js by its content: 304 while the bytes are the same, the new file as soon as they change', async () => {
    const first = await get(server, '/sw.js');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect(first.headers.get('last-modified')).toBeNull();
    const same = await get(server, '/sw.js', { 'if-none-match': etag! });
    expect(same.status).toBe(304);
    expect(same.text).toBe('');
    expect(same.headers.get('etag')).toBe(etag);
    // A new build whose sw.js has the same size and the same time (copied with its times kept).
    const file = join(dist, 'sw.js');
    const { atime, mtime } = statSync(file);
    const next = 'self.addEventListener("install", () => {});'.replace('install', 'instal2');
    writeFileSync(file, next);
    utimesSync(file, atime, mtime);
    try {
      const changed = await get(server, '/sw.js', { 'if-none-match': etag!, 'if-modified-since': mtime.toUTCString() });
      expect(changed.status).toBe(200);
      expect(changed.text).toBe(next);
      expect(changed.headers.get('etag')).not.toBe(etag);
    } finally {
      writeFileSync(file, 'self.addEventListener("install", () => {});');
    }
  });

  it('revalidates index.html, also when an app route answers with it', async () => {
    const page = await get(server, '/coordinator');
    const etag = page.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect((await get(server, '/', { 'if-none-match': etag! })).status).toBe(304);
    const again = await get(server, '/interview/3b1f', { 'if-none-match': `"other", ${etag!}` });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect((await get(server, '/interview/3b1f', { 'if-none-match': '"other"' })).text).toBe(INDEX);
  });

  it.each(['/interview/3b1f', '/respond/abc?lang=en', '/coordinator'])('answers the app route %s with index.html', async (path) => {
    const r = await get(server, path);
    expect(r.status).toBe(200);
    expect(r.text).toBe(INDEX);
    expect(r.headers.get('cache-control')).toBe('no-cache');
  });

  it.each(['/assets/missing-123.js', '/missing.png', '/api/unknown', '/api'])('answers %s with a JSON 404', async (path) => {
    const r = await get(server, path);
    expect(r.status).toBe(404);
    expect(errorCode(r)).toBe('not_found');
  });

  it('answers a POST to an unknown route with a JSON 404, not the app', async () => {
    const r = await post(server, '/interview/1', {});
    expect(r.status).toBe(404);
    expect(errorCode(r)).toBe('not_found');
  });

  it('still serves the API', async () => {
    expect((await get(server, '/api/health')).status).toBe(200);
  });
});
