// @vitest-environment node
/**
 * The files that make the app installable and offline: the service worker and the manifest are
 * revalidated on every load (so an update is seen at once), with the types browsers require.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness';
import { get } from './http';

describe('service worker and manifest', () => {
  let server: TestServer;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'survey-pwa-'));
    mkdirSync(join(dist, 'icons'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("install", () => {});');
    writeFileSync(join(dist, 'manifest.webmanifest'), JSON.stringify({ name: 'Khảo sát CCHC', start_url: '/' }));
    writeFileSync(join(dist, 'icons', 'icon-192.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
    server = await startTestServer({ appDir: dist });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves sw.js as JavaScript, never cached without revalidation', async () => {
    const r = await get(server, '/sw.js');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/javascript/);
    expect(r.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves the manifest with its media type, revalidated', async () => {
    const r = await get(server, '/manifest.webmanifest');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(JSON.parse(r.text)).toMatchObject({ name: 'Khảo sát CCHC' });
  });

  it('serves the icons', async () => {
    const r = await get(server, '/icons/icon-192.png');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
  });
});
