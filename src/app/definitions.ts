/**
 * The questionnaires the device can start: those bundled with the app (each loaded on demand)
 * and those cached from the server after the app was installed, newest version of each.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { catalog, loaders, type CatalogEntry } from 'virtual:survey-definitions';
import { getDefinition, latestCachedDefinitions, retiredVersions } from '../store';
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

/**
 * Bundled ∪ cached, the newest version of each id that the server has not retired; bundled ones
 * first, in their order. A questionnaire whose every version is retired is not offered.
 */
export function mergeCatalog(bundled: readonly CatalogEntry[], cached: readonly Definition[], retired: ReadonlySet<string> = new Set()): CatalogEntry[] {
  const merged = new Map<string, CatalogEntry>();
  const offer = (entry: CatalogEntry | Definition, asEntry: () => CatalogEntry) => {
    if (retired.has(`${entry.id}@${entry.version}`)) return;
    const seen = merged.get(entry.id);
    if (!seen || seen.version < entry.version) merged.set(entry.id, asEntry());
  };
  for (const e of bundled) offer(e, () => e);
  for (const d of cached) offer(d, () => entryOf(d));
  return [...merged.values()];
}

async function startable(): Promise<{ cached: Definition[]; retired: Set<string> }> {
  const retired = await retiredVersions();
  return { cached: await latestCachedDefinitions(undefined, retired), retired };
}

/** The startable questionnaires; `ready` once the cached ones have been read. */
export function useCatalog(): { entries: CatalogEntry[]; ready: boolean } {
  const read = useLiveQuery(startable, []);
  // Every bundled version: when the newest is retired, an older one still in use is offered.
  return { entries: mergeCatalog(read?.retired.size ? catalog : latestCatalog(), read?.cached ?? [], read?.retired), ready: read !== undefined };
}

/** A definition version from the app's bundle, else from the device's cache (works offline). */
export async function loadDefinition(id: string, version: number): Promise<Definition | undefined> {
  return (await loadBundled(id, version)) ?? (await getDefinition(id, version));
}
