// @vitest-environment node
/** Serving the built app: cache headers, the SPA fallback, and JSON 404s where the app is not meant. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
