/** Reads and checks every definition file in a folder (used by the server, the build and scripts). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefinitionLoadError, parseDefinition } from '../../survey/load';
import type { DefinitionError } from '../../survey/load';
import type { Definition } from '../../survey';

export interface LoadedFile {
  /** The name shown in messages, e.g. survey-definitions/sipas-citizen.json. */
  file: string;
  /** The file's path on disk. */
  path: string;
  /** The file's text, as served to devices. */
  text: string;
  definition: Definition;
}

/** Reads and checks every definition file in a folder; throws one error listing every problem. */
export function loadDefinitionFolder(dir: string, label = 'survey-definitions'): LoadedFile[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'schema.json')
    .sort();
  const loaded: LoadedFile[] = [];
  const errors: DefinitionError[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const path = join(dir, f);
    const file = `${label}/${f}`;
    const text = readFileSync(path, 'utf8');
    const result = parseDefinition(text, file);
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const key = `${result.definition.id}@${result.definition.version}`;
    const other = seen.get(key);
    if (other) errors.push({ file, path: 'id', message: `${key} is also defined in ${other}` });
    seen.set(key, file);
    loaded.push({ file, path, text, definition: result.definition });
  }
  if (errors.length > 0) throw new DefinitionLoadError(errors);
  return loaded;
}
