/** The startable questionnaires: bundled ∪ cached from the server, the newest version of each. */
import { describe, expect, it } from 'vitest';
import { catalog } from 'virtual:survey-definitions';
import { entryOf, latestCatalog, mergeCatalog } from '../../src/app/definitions';
import { def, section, single } from '../survey/fixtures';

const bundled = latestCatalog();
const sipasV1 = bundled.find((e) => e.id === 'sipas-citizen')!;

describe('mergeCatalog', () => {
  it('keeps the bundled questionnaires when nothing is cached', () => {
    expect(mergeCatalog(bundled, [])).toEqual(bundled);
  });

  it('adds a questionnaire only the server had, and prefers a newer version from the server', () => {
    const added = def({ id: 'papi', sections: [section('s', [single('q', ['a'])])] });
    const newer = { ...def({ id: 'sipas-citizen', version: sipasV1.version + 1, sections: [section('s', [single('q', ['a'])])] }) };
    const merged = mergeCatalog(bundled, [added, newer]);
    expect(merged.map((e) => `${e.id}@${e.version}`)).toEqual([
      ...bundled.map((e) => (e.id === 'sipas-citizen' ? `sipas-citizen@${sipasV1.version + 1}` : `${e.id}@${e.version}`)),
      'papi@1',
    ]);
    expect(merged.find((e) => e.id === 'papi')).toEqual(entryOf(added));
    expect(entryOf(added)).toMatchObject({ questionCount: 1, respondentGroups: added.respondentGroups });
  });

  it('never replaces a bundled version with an older cached one', () => {
    const older = def({ id: 'sipas-citizen', version: sipasV1.version - 1 || 0, sections: [section('s', [single('q', ['a'])])] });
    expect(mergeCatalog(bundled, [older]).find((e) => e.id === 'sipas-citizen')).toBe(sipasV1);
  });
});

describe('retired versions', () => {
  const sipasAll = catalog.filter((e) => e.id === 'sipas-citizen');

  it('are not offered: the newest version still in use is, from the bundle or the cache', () => {
    const newest = sipasAll.reduce((a, b) => (a.version > b.version ? a : b));
    const older = sipasAll.find((e) => e.version < newest.version)!;
    const merged = mergeCatalog(catalog, [], new Set([`sipas-citizen@${newest.version}`]));
    expect(merged.find((e) => e.id === 'sipas-citizen')?.version).toBe(older.version);
    const published = def({ id: 'sipas-citizen', version: newest.version + 1, sections: [section('s', [single('q', ['a'])])] });
    expect(mergeCatalog(catalog, [published], new Set([`sipas-citizen@${newest.version + 1}`])).find((e) => e.id === 'sipas-citizen')?.version).toBe(newest.version);
  });

  it('take a questionnaire off the list when every version is retired', () => {
    const retired = new Set(sipasAll.map((e) => `sipas-citizen@${e.version}`));
    expect(mergeCatalog(catalog, [], retired).map((e) => e.id)).not.toContain('sipas-citizen');
  });
});
