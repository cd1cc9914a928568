// @vitest-environment node
/** GET /api/health and the definitions API (list, one, ETag revalidation, 404). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefinitionList, HealthResponse } from '../../src/contract';
import { describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { errorCode, get } from './http';

describeEachDatabase('health and definitions', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database });
  });
  afterAll(() => server.close());

  it('reports health with the database in use', async () => {
    const r = await get(server, '/api/health');
    expect(r.status).toBe(200);
    const health = HealthResponse.parse(r.body);
    expect(health.database).toBe(database);
    expect(Date.parse(health.time)).toBeGreaterThan(0);
  });

  describe('definitions', () => {
    it('lists every loaded version', async () => {
      const r = await get(server, '/api/definitions');
      expect(r.status).toBe(200);
      const list = DefinitionList.parse(r.body);
      expect(list.definitions).toContainEqual(expect.objectContaining({ id: 'sipas-citizen', version: 1 }));
      expect(list.definitions.find((d) => d.id === 'sipas-citizen')?.title.vi).toMatch(/khảo sát/i);
    });

    it('serves one definition with a strong ETag and answers 304 when it has not changed', async () => {
      const r = await get(server, '/api/definitions/sipas-citizen/1');
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/application\/json/);
      expect((r.body as { id: string; version: number; sections: unknown[] }).id).toBe('sipas-citizen');
      expect((r.body as { sections: unknown[] }).sections.length).toBeGreaterThan(0);
      const etag = r.headers.get('etag');
      expect(etag).toMatch(/^"[^"]+"$/);

      const again = await get(server, '/api/definitions/sipas-citizen/1', { 'if-none-match': etag ?? '' });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.headers.get('etag')).toBe(etag);

      const other = await get(server, '/api/definitions/sipas-citizen/1', { 'if-none-match': '"something-else"' });
      expect(other.status).toBe(200);
    });

    it.each(['/api/definitions/nope/1', '/api/definitions/sipas-citizen/99', '/api/definitions/sipas-citizen/one', '/api/definitions/sipas-citizen/1.0'])(
      'answers 404 not_found for %s',
      async (path) => {
        const r = await get(server, path);
        expect(r.status).toBe(404);
        expect(errorCode(r)).toBe('not_found');
      },
    );
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const r = await get(server, '/api/nothing-here');
    expect(r.status).toBe(404);
    expect(errorCode(r)).toBe('not_found');
  });
});

describeEachDatabase('an unexpected failure', (database) => {
  it('answers 500 internal in the contract shape when the database is gone', async () => {
    const server = await startTestServer({ database });
    try {
      const { token } = await server.enrolDevice();
      await server.database.db.destroy();
      const health = await get(server, '/api/health');
      expect(health.status).toBe(500);
      expect(health.body).toEqual({ error: { code: 'internal', message: expect.any(String) } });
      const res = await fetch(`${server.url}/api/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ items: [] }),
      });
      expect(res.status).toBe(500);
    } finally {
      await server.close().catch(() => undefined);
    }
  });
});
