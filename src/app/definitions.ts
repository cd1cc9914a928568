/** The questionnaires bundled with the app: a catalogue for the home screen, loaded on demand. */
import { catalog, loaders, type CatalogEntry } from 'virtual:survey-definitions';
import type { Definition } from '../survey';

export type { CatalogEntry };

/** The newest bundled version of each questionnaire. */
export function latestCatalog(): CatalogEntry[] {
  const newest = new Map<string, CatalogEntry>();
  for (const entry of catalog) {
    const seen = newest.get(entry.id);
    if (!seen || seen.version < entry.version) newest.set(entry.id, entry);
  }
  return [...newest.values()];
}

export function catalogEntry(id: string): CatalogEntry | undefined {
  return latestCatalog().find((e) => e.id === id);
}

export async function loadBundled(id: string, version: number): Promise<Definition | undefined> {
  const load = loaders[`${id}@${version}`];
  return load ? load() : undefined;
}
