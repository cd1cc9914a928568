/**
 * The questionnaires the device can start: those bundled with the app (each loaded on demand)
 * and those cached from the server after the app was installed, newest version of each.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { catalog, loaders, type CatalogEntry } from 'virtual:survey-definitions';
import { getDefinition, latestCachedDefinitions } from '../store';
import { countQuestions, type Definition } from '../survey';

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

/** A cached definition as a catalogue entry. */
export const entryOf = (d: Definition): CatalogEntry => ({
  id: d.id,
  version: d.version,
  title: d.title,
  ...(d.description ? { description: d.description } : {}),
  respondentGroups: d.respondentGroups,
  questionCount: countQuestions(d),
});

/** Bundled ∪ cached, the newest version of each id; bundled ones first, in their order. */
export function mergeCatalog(bundled: readonly CatalogEntry[], cached: readonly Definition[]): CatalogEntry[] {
  const merged = new Map<string, CatalogEntry>(bundled.map((e) => [e.id, e]));
  for (const d of cached) {
    const seen = merged.get(d.id);
    if (!seen || seen.version < d.version) merged.set(d.id, entryOf(d));
  }
  return [...merged.values()];
}

/** The startable questionnaires; `ready` once the cached ones have been read. */
export function useCatalog(): { entries: CatalogEntry[]; ready: boolean } {
  const cached = useLiveQuery(latestCachedDefinitions, []);
  return { entries: mergeCatalog(latestCatalog(), cached ?? []), ready: cached !== undefined };
}

/** A definition version from the app's bundle, else from the device's cache (works offline). */
export async function loadDefinition(id: string, version: number): Promise<Definition | undefined> {
  return (await loadBundled(id, version)) ?? (await getDefinition(id, version));
}
