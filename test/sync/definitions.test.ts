// @vitest-environment node
/**
 * Questionnaires published on the server after the app was installed reach the device: each
 * version the device lacks is fetched into the store (after a sync run, or on demand), a wrong
 * reply is never cached, and failing to fetch them never turns a good sync into a failure.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cacheDefinition, cachedDefinitionKeys, getDefinition, latestCachedDefinitions, retiredVersions } from '../../src/store';
import { BadReplyFailure, createSyncer, NetworkFailure, type FetchLike } from '../../src/sync';
import { fetchDefinition, refreshDefinitions } from '../../src/sync/definitions';
import { DEFINITIONS_DIR, startTestServer, type TestServer } from '../server/harness';
import { pilotV1, pilotV2 } from '../store/fixtures';
import { closedPort } from './gateway';
import { sipas } from './interviews';
import { deleteDeviceDbs, deviceDb, enrol } from './setup';

let server: TestServer;
let dir: string;

beforeAll(async () => {
  // The server's folder: the shipped citizens' questionnaire plus one published later, in two versions.
  dir = mkdtempSync(join(tmpdir(), 'definitions-'));
  copyFileSync(join(DEFINITIONS_DIR, 'sipas-citizen.json'), join(dir, 'sipas-citizen.json'));
  writeFileSync(join(dir, 'pilot-v1.json'), JSON.stringify(pilotV1));
  writeFileSync(join(dir, 'pilot-v2.json'), JSON.stringify(pilotV2));
  server = await startTestServer({ definitionsDir: dir });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(deleteDeviceDbs);

const keys = async (db: Parameters<typeof cachedDefinitionKeys>[0]) => (await cachedDefinitionKeys(db)).map(([id, v]) => `${id}@${v}`).sort();

describe('refreshDefinitions', () => {
  it('fetches and caches every version the device lacks, and nothing it has', async () => {
    const db = deviceDb();
    await cacheDefinition(sipas, db); // as starting an interview with the bundled one does
    const result = await refreshDefinitions({ db, serverUrl: server.url });
    expect(result).toEqual({ listed: 3, fetched: ['pilot@1', 'pilot@2'], failed: [] });
    expect(await keys(db)).toEqual(['pilot@1', 'pilot@2', 'sipas-citizen@1']);
    expect(await getDefinition('pilot', 2, db)).toEqual(pilotV2);
    expect((await latestCachedDefinitions(db)).map((d) => `${d.id}@${d.version}`).sort()).toEqual(['pilot@2', 'sipas-citizen@1']);

    const again = await refreshDefinitions({ db, serverUrl: server.url });
    expect(again.fetched).toEqual([]);
  });

  it('keeps the versions the server retired, and no longer offers them for new interviews', async () => {
    const db = deviceDb();
    await server.database.db.updateTable('questionnaire_versions').set({ retired_at: new Date().toISOString() }).where('survey_id', '=', 'pilot').where('version', '=', 2).execute();
    try {
      await refreshDefinitions({ db, serverUrl: server.url });
      // Still cached (a draft begun on it completes), but version 1 is the one offered.
      expect(await getDefinition('pilot', 2, db)).toEqual(pilotV2);
      expect(await retiredVersions(db)).toEqual(new Set(['pilot@2']));
      expect((await latestCachedDefinitions(db, await retiredVersions(db))).map((d) => `${d.id}@${d.version}`).sort()).toEqual(['pilot@1', 'sipas-citizen@1']);
    } finally {
      await server.database.db.updateTable('questionnaire_versions').set({ retired_at: null }).execute();
    }
    await refreshDefinitions({ db, serverUrl: server.url });
    expect(await retiredVersions(db)).toEqual(new Set());
  });

  it('never caches a reply that is not the version asked for', async () => {
    const db = deviceDb();
    const lying: FetchLike = async (url, init) => {
      if (url.endsWith('/pilot/2')) return new Response(JSON.stringify({ ...pilotV1 }), { status: 200, headers: { 'content-type': 'application/json' } });
      if (url.endsWith('/sipas-citizen/1')) return new Response('<html>proxy error</html>', { status: 200 });
      return fetch(url, init);
    };
    const result = await refreshDefinitions({ db, serverUrl: server.url, fetch: lying });
    expect(result.fetched).toEqual(['pilot@1']);
    expect(result.failed.sort()).toEqual(['pilot@2', 'sipas-citizen@1']);
    expect(await keys(db)).toEqual(['pilot@1']);
  });

  it('never caches a definition the engine refuses, and reports it as failed', async () => {
    const db = deviceDb();
    // A choice question without choices (the schema refuses it), and a condition about a
    // question that does not exist (the cross-reference check refuses it).
    const noChoices = structuredClone(pilotV1) as unknown as { sections: { questions: Record<string, unknown>[] }[] };
    delete noChoices.sections[0]!.questions[0]!.options;
    const nowhere = structuredClone(pilotV2) as unknown as { sections: { questions: Record<string, unknown>[] }[] };
    nowhere.sections[0]!.questions[1]!.visibleIf = { q: 'nowhere', equals: 'yes' };
    const broken: FetchLike = async (url, init) => {
      const served = url.endsWith('/pilot/1') ? noChoices : url.endsWith('/pilot/2') ? nowhere : undefined;
      return served ? new Response(JSON.stringify(served), { status: 200, headers: { 'content-type': 'application/json' } }) : fetch(url, init);
    };
    const result = await refreshDefinitions({ db, serverUrl: server.url, fetch: broken });
    expect(result.fetched).toEqual(['sipas-citizen@1']);
    expect(result.failed.sort()).toEqual(['pilot@1', 'pilot@2']);
    expect(await keys(db)).toEqual(['sipas-citizen@1']);

    // The respondent's page fetches one version the same way: refused, not cached.
    await expect(fetchDefinition({ db, serverUrl: server.url, fetch: broken }, 'pilot', 2)).rejects.toBeInstanceOf(BadReplyFailure);
    expect(await keys(db)).toEqual(['sipas-citizen@1']);
  });

  it('throws a network failure when the server cannot be reached', async () => {
    const db = deviceDb();
    await expect(refreshDefinitions({ db, serverUrl: `http://127.0.0.1:${await closedPort()}` })).rejects.toBeInstanceOf(NetworkFailure);
  });
});

describe('the syncer keeps the questionnaires', () => {
  it('caches the server’s questionnaires after a sync run, with nothing to upload', async () => {
    const db = deviceDb();
    await enrol(db, server);
    const syncer = createSyncer({ db, env: {} });
    expect((await syncer.syncNow()).status).toBe('ok');
    expect(await keys(db)).toEqual(['pilot@1', 'pilot@2', 'sipas-citizen@1']);
  });

  it('still reports a good run when the questionnaires cannot be fetched', async () => {
    const db = deviceDb();
    await enrol(db, server);
    const noDefinitions: FetchLike = async (url, init) => (url.includes('/api/definitions') ? Promise.reject(new TypeError('fetch failed')) : fetch(url, init));
    const syncer = createSyncer({ db, env: {}, fetch: noDefinitions });
    expect((await syncer.syncNow()).status).toBe('ok');
    expect(await keys(db)).toEqual([]);
  });

  it('does not fetch them for a device that is not enrolled', async () => {
    const db = deviceDb();
    const syncer = createSyncer({ db, env: {} });
    expect((await syncer.syncNow()).status).toBe('needsEnrolment');
    expect(await keys(db)).toEqual([]);
  });
});
