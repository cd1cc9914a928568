/**
 * Vite plugin: checks every file in survey-definitions/ when the app is built or served (a broken
 * definition stops the build with the file, path and problem), and provides
 * `virtual:survey-definitions`: a small catalogue for the home screen plus one lazily loaded chunk
 * per questionnaire, so the first load does not carry every questionnaire.
 */
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { countQuestions } from '../src/survey/model';
import { loadDefinitionFolder } from '../src/server/definitions/folder';

const VIRTUAL_ID = 'virtual:survey-definitions';
const RESOLVED_ID = '\0' + VIRTUAL_ID;

export { loadDefinitionFolder } from '../src/server/definitions/folder';
export type { LoadedFile } from '../src/server/definitions/folder';

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
