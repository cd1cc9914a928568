/** Writes survey-definitions/schema.json from the zod schema, so editors autocomplete definitions. */
import { writeFileSync } from 'node:fs';
import { definitionJsonSchema } from './json-schema';

writeFileSync('survey-definitions/schema.json', definitionJsonSchema());
console.log('wrote survey-definitions/schema.json');
