/**
 * Writes survey-definitions/schema.json and survey-definitions/campaigns/schema.json from the zod
 * schemas, so editors autocomplete definitions and campaign files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { campaignJsonSchema, definitionJsonSchema } from './json-schema';

writeFileSync('survey-definitions/schema.json', definitionJsonSchema());
console.log('wrote survey-definitions/schema.json');
mkdirSync('survey-definitions/campaigns', { recursive: true });
writeFileSync('survey-definitions/campaigns/schema.json', campaignJsonSchema());
console.log('wrote survey-definitions/campaigns/schema.json');
