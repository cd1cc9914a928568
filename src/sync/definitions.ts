/**
 * Keeping the server's questionnaires on the device: lists GET /api/definitions and fetches each
 * version not cached yet into the store, so a questionnaire published after the app was installed
 * can be started offline later. Loaded lazily with the HTTP client, like upload.
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
  /** "id@version" of the versions that could not be fetched (tried again next time). */
  failed: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown) => isObject(v) && typeof v.vi === 'string' && typeof v.en === 'string';

/**
 * The server checked the definition with the engine's full schema before serving it; the device
 * (which keeps zod off its first load) checks that it is the version asked for and has the
 * skeleton the app relies on, so a wrong reply is never cached as a questionnaire.
 */
function definitionSchema(id: string, version: number): ReplySchema<Definition> {
  return {
    safeParse(input: unknown) {
      const ok =
        isObject(input) &&
        input.id === id &&
        input.version === version &&
        isText(input.title) &&
        Array.isArray(input.respondentGroups) &&
        input.respondentGroups.length > 0 &&
        input.respondentGroups.every((g) => isObject(g) && typeof g.id === 'string' && isText(g.label)) &&
        Array.isArray(input.sections) &&
        input.sections.length > 0 &&
        input.sections.every((s) => isObject(s) && typeof s.id === 'string' && isText(s.title) && Array.isArray(s.questions));
      return ok ? { success: true, data: input as unknown as Definition } : { success: false };
    },
  };
}

/** One questionnaire version from the server, cached on the device; throws an HttpFailure. */
export async function fetchDefinition(options: RefreshOptions, id: string, version: number): Promise<Definition> {
  const url = endpoint(options.serverUrl, `${API_PATHS.definitions}/${encodeURIComponent(id)}/${version}`);
  const definition = await getJson(url, definitionSchema(id, version), { fetch: options.fetch, timeoutMs: options.timeoutMs });
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
      await cacheDefinition(await getJson(url, definitionSchema(id, version), http), db);
      result.fetched.push(key);
    } catch {
      result.failed.push(key);
    }
  }
  return result;
}
