/** Reads and checks every campaign file in a folder (survey-definitions/campaigns/) against the questionnaires. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CampaignLoadError, checkCampaignSet, parseCampaign } from '../../survey/campaign';
import type { LoadedCampaignFile } from '../../survey/campaign';
import type { DefinitionError } from '../../survey/load';
import type { Definition } from '../../survey';

/**
 * Loads the campaigns in `dir` (none when the folder does not exist); throws one CampaignLoadError
 * listing every problem of every file.
 */
export function loadCampaignFolder(dir: string, label: string, definitions: readonly Definition[]): LoadedCampaignFile[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'schema.json')
    .sort();
  const loaded: LoadedCampaignFile[] = [];
  const errors: DefinitionError[] = [];
  for (const f of files) {
    const file = `${label}/${f}`;
    const result = parseCampaign(readFileSync(join(dir, f), 'utf8'), file, definitions);
    if (result.ok) loaded.push({ file, campaign: result.campaign });
    else errors.push(...result.errors);
  }
  errors.push(...checkCampaignSet(loaded));
  if (errors.length > 0) throw new CampaignLoadError(errors);
  return loaded;
}
