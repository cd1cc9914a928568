/**
 * Vite plugin: checks every file in survey-definitions/ when the app is built or served (a broken
 * definition stops the build with the file, path and problem), and provides
 * `virtual:survey-definitions`: a small catalogue for the home screen plus one lazily loaded chunk
 * per questionnaire, so the first load does not carry every questionnaire.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { DefinitionLoadError, parseDefinition } from '../src/survey/load';
import type { Definition } from '../src/survey/types';
import { countQuestions } from '../src/survey/model';

const VIRTUAL_ID = 'virtual:survey-definitions';
const RESOLVED_ID = '\0' + VIRTUAL_ID;

export interface LoadedFile {
  file: string;
  path: string;
  definition: Definition;
}

/** Reads and checks every definition file in a folder; throws one error listing every problem. */
export function loadDefinitionFolder(dir: string): LoadedFile[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'schema.json')
    .sort();
  const loaded: LoadedFile[] = [];
  const errors = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const path = join(dir, f);
    const file = `survey-definitions/${f}`;
    const result = parseDefinition(readFileSync(path, 'utf8'), file);
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const key = `${result.definition.id}@${result.definition.version}`;
    const other = seen.get(key);
    if (other) errors.push({ file, path: 'id', message: `${key} is also defined in ${other}` });
    seen.set(key, file);
    loaded.push({ file, path, definition: result.definition });
  }
  if (errors.length > 0) throw new DefinitionLoadError(errors);
  return loaded;
}

export function surveyDefinitions(dir = resolve('survey-definitions')): Plugin {
  return {
    name: 'survey-definitions',
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const files = loadDefinitionFolder(dir);
      for (const f of files) this.addWatchFile(f.path);
      const catalog = files.map(({ definition: d }) => ({
        id: d.id,
        version: d.version,
        title: d.title,
        description: d.description,
        respondentGroups: d.respondentGroups,
        questionCount: countQuestions(d),
      }));
      const loaders = files
        .map((f) => `  ${JSON.stringify(`${f.definition.id}@${f.definition.version}`)}: () => import(${JSON.stringify(f.path)}).then((m) => m.default),`)
        .join('\n');
      return `export const catalog = ${JSON.stringify(catalog)};\nexport const loaders = {\n${loaders}\n};\n`;
    },
  };
}
