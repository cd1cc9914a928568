/** Checks every file in survey-definitions/ (questionnaires, then campaigns/) and prints what is wrong, file by file. */
import { loadDefinitionFolder } from '../build/definitions-plugin';
import { loadCampaignFolder } from '../src/server/campaigns/folder';
import { campaignDiscrepancies, groupTarget } from '../src/survey';
import { DefinitionLoadError } from '../src/survey/load';

try {
  const files = loadDefinitionFolder('survey-definitions');
  for (const f of files) console.log(`ok  ${f.file}  ${f.definition.id}@${f.definition.version}`);
  const campaigns = loadCampaignFolder('survey-definitions/campaigns', 'survey-definitions/campaigns', files.map((f) => f.definition));
  for (const { file, campaign } of campaigns) {
    const targets = campaign.groups.map((g) => `${g.id} ${groupTarget(g)}`).join(', ');
    console.log(`ok  ${file}  ${campaign.id} (${campaign.start} – ${campaign.end}): ${targets}`);
    // Not an error: the plan's own numbers disagree, and coordinators are shown it.
    for (const d of campaignDiscrepancies(campaign)) console.log(`    note: ${d.message.en}`);
  }
} catch (e) {
  if (e instanceof DefinitionLoadError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
