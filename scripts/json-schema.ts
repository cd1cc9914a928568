import { z } from 'zod';
import { Campaign } from '../src/survey/campaign';
import { Definition } from '../src/survey/schema';

/** The JSON Schema text for definition files, as committed in survey-definitions/schema.json. */
export function definitionJsonSchema(): string {
  const schema = z.toJSONSchema(Definition, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return JSON.stringify({ ...schema, title: 'Survey definition', $id: 'survey-definition.schema.json' }, null, 2) + '\n';
}

/** The JSON Schema text for campaign files, as committed in survey-definitions/campaigns/schema.json. */
export function campaignJsonSchema(): string {
  const schema = z.toJSONSchema(Campaign, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return JSON.stringify({ ...schema, title: 'Survey campaign', $id: 'survey-campaign.schema.json' }, null, 2) + '\n';
}
