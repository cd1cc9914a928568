/**
 * One questionnaire version from the server, fetched, checked and cached: the engine's full check
 * (the schema and cross-references the build and the server run) and that it is the version asked
 * for, so a definition that would break the form is never cached. ./definitions imports this
 * module with import() only when a version is missing, so the check's code (zod) loads then, not
 * with the first load nor at each start.
 */
import { API_PATHS } from '../contract';
import { cacheDefinition } from '../store';
import type { Definition } from '../survey';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- imported only with import() (./definitions): zod stays off the first load
import { checkDefinitionData } from '../survey/load';
import type { RefreshOptions } from './definitions';
import { getJson, type ReplySchema } from './http';
import { endpoint } from './url';

function definitionSchema(id: string, version: number): ReplySchema<Definition> {
  return {
    safeParse(input: unknown) {
      const checked = checkDefinitionData(input, `${id}@${version}`);
      return checked.ok && checked.definition.id === id && checked.definition.version === version
        ? { success: true, data: checked.definition }
        : { success: false };
    },
  };
}

/** The version, checked and cached on the device; throws an HttpFailure (BadReplyFailure when the check refuses it). */
export async function fetchVersion(options: RefreshOptions, id: string, version: number): Promise<Definition> {
  const url = endpoint(options.serverUrl, `${API_PATHS.definitions}/${encodeURIComponent(id)}/${version}`);
  const definition = await getJson(url, definitionSchema(id, version), { fetch: options.fetch, timeoutMs: options.timeoutMs });
  await cacheDefinition(definition, options.db);
  return definition;
}
