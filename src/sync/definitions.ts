/**
 * Keeping the server's questionnaires on the device: lists GET /api/definitions and fetches each
 * version not cached yet into the store, so a questionnaire published after the app was installed
 * can be started offline later. Each one is cached only if it passes the engine's full check.
 * Loaded lazily with the HTTP client, like upload.
 */
import { API_PATHS, DefinitionList } from '../contract';
import { cacheDefinition, cachedDefinitionKeys, type SurveyDb } from '../store';
import type { Definition } from '../survey';
import type { FetchLike } from './failures';
import { getJson, type ReplySchema } from './http';
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

/**
 * The checker of a server's reply for one version: the engine's full check, the one the build and
 * the server run (schema and cross-references), plus that it is the version asked for, so a
 * definition that would break the form is never cached. Its code (zod) loads only now, in its own
 * chunk, off the enumerator's first load.
 */
async function definitionSchema(id: string, version: number): Promise<ReplySchema<Definition>> {
  const { checkDefinitionData } = await import('../survey/load');
  return {
    safeParse(input: unknown) {
      const checked = checkDefinitionData(input, `${id}@${version}`);
      return checked.ok && checked.definition.id === id && checked.definition.version === version
        ? { success: true, data: checked.definition }
        : { success: false };
    },
  };
}

/** One questionnaire version from the server, cached on the device; throws an HttpFailure. */
export async function fetchDefinition(options: RefreshOptions, id: string, version: number): Promise<Definition> {
  const url = endpoint(options.serverUrl, `${API_PATHS.definitions}/${encodeURIComponent(id)}/${version}`);
  const definition = await getJson(url, await definitionSchema(id, version), { fetch: options.fetch, timeoutMs: options.timeoutMs });
  await cacheDefinition(definition, options.db);
  return definition;
}

/** Fetches and caches the versions the device lacks; throws an HttpFailure if the list fails. */
export async function refreshDefinitions(options: RefreshOptions): Promise<RefreshResult> {
  const { db, serverUrl } = options;
  const http = { fetch: options.fetch, timeoutMs: options.timeoutMs };
  const list = await getJson(endpoint(serverUrl, API_PATHS.definitions), DefinitionList, http);
  const cached = new Set((await cachedDefinitionKeys(db)).map(([id, version]) => `${id}@${version}`));
  const result: RefreshResult = { listed: list.definitions.length, fetched: [], failed: [] };
  for (const { id, version } of list.definitions) {
    const key = `${id}@${version}`;
    if (cached.has(key)) continue;
    try {
      const url = endpoint(serverUrl, `${API_PATHS.definitions}/${encodeURIComponent(id)}/${version}`);
      await cacheDefinition(await getJson(url, await definitionSchema(id, version), http), db);
      result.fetched.push(key);
    } catch {
      result.failed.push(key);
    }
  }
  return result;
}
