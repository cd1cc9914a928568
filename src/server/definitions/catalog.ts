/**
 * The questionnaires the server knows, by id and version, each with the JSON it serves and a
 * strong ETag, and the campaigns of the folder's campaigns/ (checked against them); loaded once
 * at start from the definitions folder. Versions another server process of the same database
 * loaded are added when an interview needs them (./shared).
 */
import { basename, join } from 'node:path';
import type { Definition } from '../../survey';
import type { LoadedCampaignFile } from '../../survey/campaign';
import { loadCampaignFolder } from '../campaigns/folder';
import { campaignsOf } from '../campaigns/registry';
import type { Campaigns } from '../campaigns/registry';
import { contentEtag } from '../etag';
import { loadDefinitionFolder } from './folder';

export interface CatalogEntry {
  definition: Definition;
  /** The definition as served: compact JSON of the checked definition. */
  json: string;
  /** Strong ETag: a hash of `json`. */
  etag: string;
}

export interface Catalog {
  get(id: string, version: number): CatalogEntry | undefined;
  /** True when some version of this questionnaire is loaded. */
  has(id: string): boolean;
  list(): CatalogEntry[];
  /** Adds a checked definition whose id and version are not loaded yet (./shared); returns its entry. */
  add(definition: Definition): CatalogEntry;
  /** The campaigns (quotas per respondent group and stratum). */
  campaigns: Campaigns;
}

export function catalogOf(definitions: readonly Definition[], campaignFiles: readonly LoadedCampaignFile[] = []): Catalog {
  const byKey = new Map<string, CatalogEntry>();
  const ids = new Set<string>();
  let entries: CatalogEntry[] = [];
  const put = (definition: Definition): CatalogEntry => {
    const json = JSON.stringify(definition);
    const entry = { definition, json, etag: contentEtag(json) };
    byKey.set(`${definition.id}@${definition.version}`, entry);
    ids.add(definition.id);
    return entry;
  };
  const sort = () => {
    entries = [...byKey.values()].sort((a, b) => a.definition.id.localeCompare(b.definition.id) || a.definition.version - b.definition.version);
  };
  for (const definition of definitions) put(definition);
  sort();
  return {
    get: (id, version) => byKey.get(`${id}@${version}`),
    has: (id) => ids.has(id),
    list: () => entries,
    add(definition) {
      const key = `${definition.id}@${definition.version}`;
      if (byKey.has(key)) throw new Error(`${key} is loaded already`);
      const entry = put(definition);
      sort();
      return entry;
    },
    campaigns: campaignsOf(campaignFiles),
  };
}

/**
 * Loads a definitions folder and its campaigns/ subfolder; throws DefinitionLoadError (or its
 * subclass CampaignLoadError) listing every problem.
 */
export function loadCatalog(dir: string): Catalog {
  const definitions = loadDefinitionFolder(dir, basename(dir)).map((f) => f.definition);
  return catalogOf(definitions, loadCampaignFolder(join(dir, 'campaigns'), `${basename(dir)}/campaigns`, definitions));
}
