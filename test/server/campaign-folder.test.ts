// @vitest-environment node
/**
 * Campaign files as the server loads them: campaigns/ beside the questionnaires, every problem of
 * every file in one error (file, path, problem), a server without campaigns, and which campaign an
 * interview counts towards.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SubmitResponse } from '../../src/contract';
import { campaignsOf, pick } from '../../src/server/campaigns/registry';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { CampaignLoadError } from '../../src/survey/campaign';
import type { Campaign, CampaignGroup } from '../../src/survey/campaign';
import { DefinitionLoadError } from '../../src/survey/load';
import { t } from '../survey/fixtures';
import { CAMPAIGN_ID, defaultCampaign } from './campaign-fixtures';
import { validSipasSubmission } from './fixtures';
import { DEFINITIONS_DIR, startTestServer } from './harness';
import { errorCode, get, post } from './http';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of survey-definitions/ named `defs`, with the given campaign files instead of the default. */
function definitionsWith(campaigns: Record<string, unknown> | undefined): string {
  const root = mkdtempSync(join(tmpdir(), 'campaigns-'));
  dirs.push(root);
  const dir = join(root, 'defs');
  cpSync(DEFINITIONS_DIR, dir, { recursive: true });
  rmSync(join(dir, 'campaigns'), { recursive: true, force: true });
  if (campaigns) {
    mkdirSync(join(dir, 'campaigns'));
    for (const [name, data] of Object.entries(campaigns)) writeFileSync(join(dir, 'campaigns', name), typeof data === 'string' ? data : JSON.stringify(data));
  }
  return dir;
}

describe('loading campaigns/', () => {
  it('loads the default campaigns with the questionnaires', () => {
    const catalog = loadCatalog(DEFINITIONS_DIR);
    expect(catalog.campaigns.list().map((e) => [e.file, e.campaign.id])).toEqual([
      ['survey-definitions/campaigns/quang-binh-2021.json', CAMPAIGN_ID],
      ['survey-definitions/campaigns/quang-tri-2026.json', 'quang-tri-2026'],
    ]);
    expect(catalog.campaigns.get(CAMPAIGN_ID)?.discrepancies.map((d) => [d.scope, d.declared, d.computed])).toEqual([['campaign', 169, 199]]);
    // The 2026 plan's declared total for its leaders is the sum of their strata.
    expect(catalog.campaigns.get('quang-tri-2026')?.discrepancies).toEqual([]);
  });

  it('lists every problem of every campaign file, naming file, path and problem', () => {
    const broken = defaultCampaign();
    broken.groups[1]!.strata![4]!.value = 'so-khong-co';
    broken.groups[2]!.strata![0]!.target = 0;
    const dir = definitionsWith({ 'a.json': broken, 'b.json': '{ oops', 'schema.json': '{ not a campaign' });
    let error: unknown;
    try {
      loadCatalog(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CampaignLoadError);
    expect(error).toBeInstanceOf(DefinitionLoadError);
    expect((error as CampaignLoadError).errors).toEqual([
      { file: 'defs/campaigns/a.json', path: 'groups[2].strata[0].target', message: 'a target is a whole number from 1 up' },
      { file: 'defs/campaigns/b.json', path: '(file)', message: expect.stringContaining('not valid JSON') as string },
    ]);
    const cross = defaultCampaign();
    cross.groups[1]!.strata![4]!.value = 'sở không có';
    expect(() => loadCatalog(definitionsWith({ 'a.json': cross }))).toThrow(
      'defs/campaigns/a.json: groups[1].strata[4].value: "sở không có" is not in the list "departments" of par-department-leaders@1, and is not a code a stratum outside the list can have',
    );
    expect((error as Error).message).toMatch(/^Broken campaign file:\n {2}defs\/campaigns\/a\.json: groups\[2\]/);
  });

  it('runs without campaigns: no quota in ingest replies, 404 at /api/quota', async () => {
    const server = await startTestServer({ definitionsDir: definitionsWith(undefined) });
    try {
      const { token } = await server.enrolDevice();
      const r = await post(server, '/api/submissions', { items: [validSipasSubmission()] }, { token });
      const body = SubmitResponse.parse(r.body);
      expect(body.results[0]?.status).toBe('stored');
      expect(body.quota).toBeUndefined();
      const quota = await get(server, '/api/quota', { authorization: `Bearer ${token}` });
      expect([quota.status, errorCode(quota)]).toEqual([404, 'not_found']);
      const row = await server.database.db.selectFrom('submissions').select('campaign_id').executeTakeFirstOrThrow();
      expect(row.campaign_id).toBe('');
    } finally {
      await server.close();
    }
  });
});

const g = (id: string, extra: Partial<CampaignGroup>): CampaignGroup => ({
  id,
  label: t(`group ${id}`),
  questionnaire: { id: 'officials', version: 1 },
  policy: 'stop',
  target: 1,
  ...extra,
});
const campaign = (extra: Partial<Campaign>): Campaign => ({ id: 'c', title: t('Campaign'), start: '2021-11-01', end: '2021-11-30', groups: [g('delegate', {})], ...extra });

describe('which campaign', () => {
  const entry = (id: string, start: string, end: string) => ({ campaign: campaign({ id, start, end }), file: `${id}.json`, discrepancies: [] });
  const c2021 = entry('c2021', '2021-11-01', '2021-11-30');
  const c2022 = entry('c2022', '2022-11-01', '2022-11-30');

  it('is the running one, else the last one started, else the next one', () => {
    expect(pick([c2021, c2022], '2021-11-15')?.campaign.id).toBe('c2021');
    expect(pick([c2022, c2021], '2022-05-01')?.campaign.id).toBe('c2021');
    expect(pick([c2021, c2022], '2023-01-01')?.campaign.id).toBe('c2022');
    expect(pick([c2021, c2022], '2020-01-01')?.campaign.id).toBe('c2021');
    expect(pick([], '2021-11-15')).toBeUndefined();
  });

  it('counts an interview towards a campaign that has its questionnaire and group', () => {
    const set = campaignsOf([
      { file: 'a.json', campaign: campaign({ id: 'a', groups: [g('delegate', {}), g('leader', {})] }) },
      { file: 'b.json', campaign: campaign({ id: 'b', start: '2022-11-01', end: '2022-11-30', groups: [g('unit', { target: 5 })] }) },
    ]);
    expect(set.forInterview('officials', 'delegate', '2022-11-10')?.campaign.id).toBe('a');
    expect(set.forInterview('officials', 'unit', '2022-11-10')?.campaign.id).toBe('b');
    expect(set.forInterview('officials', 'unit', '2021-11-10')?.campaign.id).toBe('b');
    expect(set.forInterview('other', 'delegate', '2021-11-10')).toBeUndefined();
    expect(set.current('2022-11-10')?.campaign.id).toBe('b');
    expect(set.get('a')?.file).toBe('a.json');
  });
});
