/** Checks every file in survey-definitions/ and prints what is wrong, file by file. */
import { loadDefinitionFolder } from '../build/definitions-plugin';
import { DefinitionLoadError } from '../src/survey/load';

try {
  const files = loadDefinitionFolder('survey-definitions');
  for (const f of files) console.log(`ok  ${f.file}  ${f.definition.id}@${f.definition.version}`);
} catch (e) {
  if (e instanceof DefinitionLoadError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
