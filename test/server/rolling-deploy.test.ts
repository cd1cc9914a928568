// @vitest-environment node
/**
 * A rolling deploy: a newer server process (with a new questionnaire version, and the campaign
 * moved to it) runs beside an older one on the same database. Devices and respondents reach either.
 * The older process takes the new version from the database instead of refusing its interviews
 * with unknown_version, serves it, and serves links made for it; a version no process loaded is
 * still refused.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SubmitResponse } from '../../src/contract';
import { createServer } from '../../src/server/app';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { recordCatalog } from '../../src/server/definitions/shared';
import { loginAsCoordinator } from './coordinator-session';
import { validSipasV2Submission } from './fixtures';
import { newestShipped } from '../survey/answer-sets';
import { DEFINITIONS_DIR, describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { get, post } from './http';
import { createLink, openLink, submitThrough } from './links-helpers';

/** The version only the newer process loads: the one after the newest shipped (versions 1 to 3 are). */
const NEW = newestShipped('sipas-citizen').version + 1;

/**
 * survey-definitions with sipas-citizen version NEW (version 2's questions) and the 2021 campaign's
 * citizens' group on it (the interviews below were completed during that campaign, in 2024).
 */
function newerFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rolling-deploy-'));
  cpSync(DEFINITIONS_DIR, dir, { recursive: true });
  const v2 = JSON.parse(readFileSync(join(dir, 'sipas-citizen-v2.json'), 'utf8')) as { version: number };
  writeFileSync(join(dir, `sipas-citizen-v${NEW}.json`), JSON.stringify({ ...v2, version: NEW }));
  const campaignFile = join(dir, 'campaigns', 'quang-binh-2021.json');
  const campaign = JSON.parse(readFileSync(campaignFile, 'utf8')) as { groups: { id: string; questionnaire: { version: number } }[] };
  campaign.groups.find((g) => g.id === 'citizen')!.questionnaire.version = NEW;
  writeFileSync(campaignFile, JSON.stringify(campaign));
  return dir;
}

describeEachDatabase('a rolling deploy', (database) => {
  let older: TestServer;
  let newer: TestServer;
  let dir: string;
  let token: string;

  beforeAll(async () => {
    older = await startTestServer({ database });
    dir = newerFolder();
    const app = await createServer({ database: older.database, catalog: loadCatalog(dir) });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    newer = { ...older, app, url: `http://127.0.0.1:${address.port}` };
    token = (await older.enrolDevice('Nguyễn Văn A')).token;
  });
  afterAll(async () => {
    await newer.app.close();
    await older.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores interviews of a version only the newer process loaded, wherever they arrive, and serves that version', async () => {
    const v3 = validSipasV2Submission({ surveyVersion: NEW });
    const r = await post(older, '/api/submissions', { items: [v3, validSipasV2Submission({ surveyVersion: NEW + 1 })] }, { token });
    expect(r.status).toBe(200);
    const results = SubmitResponse.parse(r.body).results;
    expect(results.map((x) => [x.status, x.code])).toEqual([
      ['stored', undefined],
      // A version no process of this database loaded is still unknown.
      ['rejected', 'unknown_version'],
    ]);
    // Resent to the newer process: the same interview, once.
    const again = await post(newer, '/api/submissions', { items: [v3] }, { token });
    expect(SubmitResponse.parse(again.body).results[0]!.status).toBe('duplicate');
    const stored = await older.database.db.selectFrom('submissions').select(['survey_version', 'campaign_id']).where('id', '=', v3.id.toLowerCase()).execute();
    expect(stored).toEqual([{ survey_version: NEW, campaign_id: 'quang-binh-2021' }]);
    // A device that learnt of version NEW from the newer process can fetch it from the older one.
    const def = await get(older, `/api/definitions/sipas-citizen/${NEW}`);
    expect(def.status).toBe(200);
    expect((def.body as { version: number }).version).toBe(NEW);
    expect((await get(older, `/api/definitions/sipas-citizen/${NEW + 1}`)).status).toBe(404);
  });

  it('serves a link made by the newer process for the new version, and stores its interview', async () => {
    const cookie = await loginAsCoordinator(newer);
    const link = await createLink(newer, cookie, { campaign: 'quang-binh-2021', group: 'citizen', stratum: 'dong-hoi', kind: 'single' });
    const opened = await openLink(older, link.token);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ survey: { id: 'sipas-citizen', version: NEW } });
    const sent = await submitThrough(older, link.token, validSipasV2Submission({ surveyVersion: NEW }));
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ status: 'stored' });
  });

  it('takes a deployment’s corrected content under the same version, and says so instead of warning on every start', async () => {
    const corrected = mkdtempSync(join(tmpdir(), 'rolling-deploy-label-'));
    try {
      cpSync(DEFINITIONS_DIR, corrected, { recursive: true });
      const file = join(corrected, 'sipas-citizen-v2.json');
      const def = JSON.parse(readFileSync(file, 'utf8')) as { title: { vi: string; en: string } };
      writeFileSync(file, JSON.stringify({ ...def, title: { ...def.title, en: `${def.title.en} (corrected)` } }));
      const catalog = loadCatalog(corrected);
      expect(await recordCatalog(older.database.db, catalog)).toEqual(['sipas-citizen version 2']);
      const row = await older.database.db.selectFrom('questionnaire_versions').select('definition').where('survey_id', '=', 'sipas-citizen').where('version', '=', 2).executeTakeFirstOrThrow();
      expect((JSON.parse(row.definition) as { title: { en: string } }).title.en).toMatch(/\(corrected\)$/);
      // Recorded now: the next start with the same files replaces nothing.
      expect(await recordCatalog(older.database.db, catalog)).toEqual([]);
    } finally {
      rmSync(corrected, { recursive: true, force: true });
    }
  });
});
