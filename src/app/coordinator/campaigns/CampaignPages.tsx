/**
 * The campaigns pages (a chunk of their own): the list of campaigns with the interviews none
 * counts, copying one into next year's, and one campaign's editor, read-only for a coordinator
 * who is not an administrator.
 */
import { CampaignEditor } from './CampaignEditor';
import { CampaignList } from './CampaignList';
// The located problems' table and the upload form look as on the questionnaires page.
import '../questionnaires/questionnaires.css';
import './campaigns.css';

export default function CampaignPages({ campaignId, admin }: { campaignId?: string | undefined; admin: boolean }) {
  return campaignId === undefined ? <CampaignList admin={admin} /> : <CampaignEditor key={campaignId} id={campaignId} admin={admin} />;
}
