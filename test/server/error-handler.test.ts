// @vitest-environment node
/**
 * The error handler answers in the contract's JSON whatever the route had already set: a download
 * (an export's media type and file name) that fails before its first byte is a JSON error, not a
 * file, and never Fastify's own "invalid payload" error.
 */
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { installErrorHandlers, ServerRefusal } from '../../src/server/errors';

const app = Fastify({ logger: false });
installErrorHandlers(app);
app.get('/refused', (_request, reply) => {
  void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="x.csv"');
  throw new ServerRefusal('not_found', 'No such export.');
});
app.get('/broken', (_request, reply) => {
  void reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', 'attachment; filename="x.xlsx"');
  throw new Error('the thread did not start');
});
afterAll(() => app.close());

describe('the error handler after a route set a download', () => {
  it('answers a refusal as JSON, with no file name', async () => {
    const res = await app.inject({ method: 'GET', url: '/refused' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'No such export.' } });
  });

  it('answers an unexpected failure as the contract\'s 500', async () => {
    const res = await app.inject({ method: 'GET', url: '/broken' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.json()).toEqual({ error: { code: 'internal', message: expect.any(String) } });
  });
});
