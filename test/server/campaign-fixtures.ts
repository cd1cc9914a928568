/** Facts of the default campaign (survey-definitions/campaigns/quang-binh-2021.json) that server tests rely on. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Campaign } from '../../src/survey';
import { DEFINITIONS_DIR } from './harness';

export const CAMPAIGN_ID = 'quang-binh-2021';

export const defaultCampaign = (): Campaign =>
  JSON.parse(readFileSync(join(DEFINITIONS_DIR, 'campaigns', `${CAMPAIGN_ID}.json`), 'utf8')) as Campaign;

/** The 20 departments' values, in the campaign's order. */
export const DEPARTMENTS: readonly string[] = defaultCampaign().groups.find((g) => g.id === 'department-leader')?.strata?.map((s) => s.value) ?? [];
