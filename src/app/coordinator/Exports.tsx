/**
 * Download links per questionnaire version: CSV with codes, CSV with Vietnamese labels, XLSX (with
 * a codebook) and JSON. Every version the server has interviews of is listed (a questionnaire no
 * campaign surveys, such as PAPI, too), after the campaign's own, each by its title.
 */
import { useCoordinatorApi, type CoordinatorDashboard, type ExportFormat, type QuotaSnapshot } from './api';
import { useCT } from './i18n';
import { questionnairesOf } from './quota-view';
import { questionnaireTitle } from './titles';

const FORMATS: readonly { format: ExportFormat; key: 'exports.csvCodes' | 'exports.csvLabels' | 'exports.xlsx' | 'exports.json' }[] = [
  { format: 'csv', key: 'exports.csvCodes' },
  { format: 'csv-vi', key: 'exports.csvLabels' },
  { format: 'xlsx', key: 'exports.xlsx' },
  { format: 'json', key: 'exports.json' },
];

interface Row {
  id: string;
  version: number;
  /** Not a questionnaire of the campaign shown. */
  outside: boolean;
  /** Known to have no interviews yet (an older server does not say). */
  empty: boolean;
}

/** The server's list; from an older server that sends none, the campaign's questionnaires. */
function rowsOf(snapshot: QuotaSnapshot | null, questionnaires: CoordinatorDashboard['questionnaires']): Row[] {
  if (questionnaires) return questionnaires.map((q) => ({ id: q.id, version: q.version, outside: !q.campaign, empty: !q.interviews }));
  return snapshot ? questionnairesOf(snapshot).map((q) => ({ ...q, outside: false, empty: false })) : [];
}

export function Exports({ snapshot, questionnaires }: { snapshot: QuotaSnapshot | null; questionnaires?: CoordinatorDashboard['questionnaires'] }) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const rows = rowsOf(snapshot, questionnaires);
  if (rows.length === 0) return null;
  const column = t('exports.questionnaire');
  return (
    <section aria-labelledby="exports-heading" className="coord-section">
      <h2 id="exports-heading">{t('exports.heading')}</h2>
      <p className="muted small">{t('exports.intro')}</p>
      <table className="coord-table exports stack">
        <thead>
          <tr>
            <th scope="col">{column}</th>
            <th scope="col">{t('exports.download')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((q) => {
            const title = questionnaireTitle(q.id, q.version, lang, questionnaires);
            const notes = [t('exports.version', { version: q.version }), ...(q.outside ? [t('exports.outsideCampaign')] : []), ...(q.empty ? [t('exports.noInterviews')] : [])];
            return (
              <tr key={`${q.id}@${q.version}`} data-questionnaire={`${q.id}@${q.version}`}>
                <th scope="row" data-label={column}>
                  {title} <span className="muted small">({notes.join(' · ')})</span>
                </th>
                {/* The formats side by side in one cell: four columns would squeeze the titles on a tablet. */}
                <td data-label={t('exports.download')}>
                  <ul className="export-formats">
                    {FORMATS.map((f) => (
                      <li key={f.format}>
                        <a
                          href={api.exportUrl(q.id, q.version, f.format)}
                          download
                          aria-label={t('exports.linkLabel', { format: t(f.key), questionnaire: title, version: q.version })}
                        >
                          {t(f.key)}
                        </a>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
