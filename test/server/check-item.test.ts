// @vitest-environment node
/**
 * "Today" for answers bounded by today is the date in the time zone furthest ahead (UTC+14): an
 * interview filled in Vietnam just after midnight (still yesterday in UTC) is never refused for a
 * date that was today on the tablet, while a date after every time zone's today still is.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { checkItem, latestToday } from '../../src/server/ingest/check-item';
import { validSipasSubmission } from './fixtures';
import { DEFINITIONS_DIR } from './harness';

const catalog = loadCatalog(DEFINITIONS_DIR);
/** 18:30 UTC on 1 May: already 2 May in Vietnam (01:30, UTC+7), still 1 May in UTC. */
const now = new Date('2024-05-01T18:30:00Z');
const withResultDate = (day: string) => validSipasSubmission({ answers: { resultDate: day } });

describe('date answers bounded by today', () => {
  it('takes the date it already is in Vietnam though UTC is still on the day before', () => {
    expect(latestToday(now)).toBe('2024-05-02');
    const checked = checkItem(catalog, withResultDate('2024-05-02'), now);
    expect(checked.ok, JSON.stringify(checked)).toBe(true);
  });

  it('refuses a date that is today nowhere yet', () => {
    const checked = checkItem(catalog, withResultDate('2024-05-03'), now);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(Object.keys(checked.result.errors ?? {})).toEqual(['resultDate']);
  });
});
