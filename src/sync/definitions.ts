/**
 * Keeping the server's questionnaires on the device: lists GET /api/definitions and fetches each
 * version not cached yet into the store, so a questionnaire published after the app was installed
 * can be started offline later. Each one is cached only if it passes the engine's full check
 * (./definition-version, loaded only when a version is missing). Loaded lazily with the HTTP
 * client, like upload.
 */
import { API_PATHS, DefinitionList } from '../contract';
import { cachedDefinitionKeys, saveRetiredVersions, type SurveyDb } from '../store';
import type { Definition } from '../survey';
import type { FetchLike } from './failures';
import { getJson } from './http';
import { endpoint } from './url';

export interface RefreshOptions {
  db: SurveyDb;
  serverUrl: string;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
}

export interface RefreshResult {
  /** Versions the server lists. */
  listed: number;
  /** "id@version" of the versions fetched and cached now. */
  fetched: string[];
  /** "id@version" of the versions not cached: not fetched, or refused by the engine's check (tried again next time). */
  failed: string[];
}

/** One questionnaire version from the server, checked and cached on the device; throws an HttpFailure. */
export async function fetchDefinition(options: RefreshOptions, id: string, version: number): Promise<Definition> {
  const { fetchVersion } = await import('./definition-version');
  return fetchVersion(options, id, version);
}

/** Fetches and caches the versions the device lacks; throws an HttpFailure if the list fails. */
export async function refreshDefinitions(options: RefreshOptions): Promise<RefreshResult> {
  const http = { fetch: options.fetch, timeoutMs: options.timeoutMs };
  const list = await getJson(endpoint(options.serverUrl, API_PATHS.definitions), DefinitionList, http);
  const cached = new Set((await cachedDefinitionKeys(options.db)).map(([id, version]) => `${id}@${version}`));
  const result: RefreshResult = { listed: list.definitions.length, fetched: [], failed: [] };
  // A retired version is still fetched: an interview begun on it elsewhere may be moved here.
  await saveRetiredVersions(list.definitions.filter((d) => d.retired === true).map((d) => `${d.id}@${d.version}`), options.db);
  for (const { id, version } of list.definitions) {
    const key = `${id}@${version}`;
    if (cached.has(key)) continue;
    try {
      await fetchDefinition(options, id, version);
      result.fetched.push(key);
    } catch {
      result.failed.push(key);
    }
  }
  return result;
}
