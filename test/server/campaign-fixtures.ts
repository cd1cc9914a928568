/** Facts of the default campaigns (survey-definitions/campaigns/quang-binh-2021.json, quang-tri-2026.json) that server tests rely on. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Campaign } from '../../src/survey';
import { DEFINITIONS_DIR } from './harness';

export const CAMPAIGN_ID = 'quang-binh-2021';

/**
 * The other default campaign (survey-definitions/campaigns/quang-tri-2026.json, fieldwork 1 October
 * to 31 December 2026): the one running, or after it the last one started, on the days the tests
 * run. The server shows it when no campaign is named, makes links for it, and counts in it an
 * interview whose counting day (its completion, or its receipt when the device clock is suspect) is
 * in or after its fieldwork; interviews completed earlier (the fixtures' 2024 dates) count towards
 * CAMPAIGN_ID.
 */
export const CURRENT_CAMPAIGN_ID = 'quang-tri-2026';

export const defaultCampaign = (): Campaign =>
  JSON.parse(readFileSync(join(DEFINITIONS_DIR, 'campaigns', `${CAMPAIGN_ID}.json`), 'utf8')) as Campaign;

/** The 20 departments' values, in the campaign's order. */
export const DEPARTMENTS: readonly string[] = defaultCampaign().groups.find((g) => g.id === 'department-leader')?.strata?.map((s) => s.value) ?? [];
