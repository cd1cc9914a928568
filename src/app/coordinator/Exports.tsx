/**
 * Download links per questionnaire version. An administrator gets the interview-level data (CSV
 * with codes, CSV with Vietnamese labels, XLSX with a codebook, JSON), the SPSS and Stata files
 * that read the codes CSV (their labels in the page's language), and the scores of a questionnaire
 * with scoring. A coordinator gets the scores only, and is told that interview-level data is for
 * administrators (the server refuses it them). Everyone is told that each download is recorded.
 * Every version the server has interviews of is listed (a questionnaire no campaign surveys, such
 * as PAPI, too), after the campaign's own, each by its title.
 */
import { useCoordinatorApi, type CoordinatorDashboard, type ExportFormat, type QuotaSnapshot } from './api';
import { useCT } from './i18n';
import { questionnairesOf } from './quota-view';
import { isAdmin, useAccount } from './session';
import { questionnaireTitle } from './titles';

type FormatKey = 'exports.csvCodes' | 'exports.csvLabels' | 'exports.xlsx' | 'exports.json' | 'exports.sps' | 'exports.do' | 'exports.scoresCsv' | 'exports.scoresJson';
interface Format {
  format: ExportFormat;
  key: FormatKey;
}

/** Answers per respondent: administrators only. */
const DATA: readonly Format[] = [
  { format: 'csv', key: 'exports.csvCodes' },
  { format: 'csv-vi', key: 'exports.csvLabels' },
  { format: 'xlsx', key: 'exports.xlsx' },
  { format: 'json', key: 'exports.json' },
];
/** The files that read the codes CSV, labelled in the page's language: administrators only. */
const syntaxFormats = (lang: 'vi' | 'en'): readonly Format[] => [
  { format: lang === 'en' ? 'sps-en' : 'sps', key: 'exports.sps' },
  { format: lang === 'en' ? 'do-en' : 'do', key: 'exports.do' },
];
const SCORES: readonly Format[] = [
  { format: 'scores-csv', key: 'exports.scoresCsv' },
  { format: 'scores-json', key: 'exports.scoresJson' },
];

interface Row {
  id: string;
  version: number;
  /** Not a questionnaire of the campaign shown. */
  outside: boolean;
  /** Known to have no interviews yet (an older server does not say). */
  empty: boolean;
  /** Has scoring: its scores download (an older server does not say: not offered). */
  scoring: boolean;
}

/** The server's list; from an older server that sends none, the campaign's questionnaires. */
function rowsOf(snapshot: QuotaSnapshot | null, questionnaires: CoordinatorDashboard['questionnaires']): Row[] {
  if (questionnaires) return questionnaires.map((q) => ({ id: q.id, version: q.version, outside: !q.campaign, empty: !q.interviews, scoring: q.scoring === true }));
  return snapshot ? questionnairesOf(snapshot).map((q) => ({ ...q, outside: false, empty: false, scoring: false })) : [];
}

export function Exports({ snapshot, questionnaires }: { snapshot: QuotaSnapshot | null; questionnaires?: CoordinatorDashboard['questionnaires'] }) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const admin = isAdmin(useAccount());
  const all = rowsOf(snapshot, questionnaires);
  if (all.length === 0) return null;
  // A coordinator downloads scores only: the versions without scoring have nothing for them.
  const rows = admin ? all : all.filter((q) => q.scoring);
  const formatsOf = (q: Row): readonly Format[] => [...(admin ? [...DATA, ...syntaxFormats(lang)] : []), ...(q.scoring ? SCORES : [])];
  const column = t('exports.questionnaire');
  return (
    <section aria-labelledby="exports-heading" className="coord-section">
      <h2 id="exports-heading">{t('exports.heading')}</h2>
      {admin ? (
        <>
          <p className="muted small">{t('exports.intro')}</p>
          <p className="muted small" data-testid="exports-syntax">
            {t('exports.syntax')}
          </p>
        </>
      ) : (
        <p className="muted small" data-testid="exports-admin-only">
          {t('exports.scoresOnly')}
        </p>
      )}
      <p className="muted small">{t('exports.recorded')}</p>
      {rows.length === 0 ? (
        <p className="muted">{t('exports.noScores')}</p>
      ) : (
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
                  {/* The formats side by side in one cell: a column each would squeeze the titles on a tablet. */}
                  <td data-label={t('exports.download')}>
                    <ul className="export-formats">
                      {formatsOf(q).map((f) => (
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
      )}
    </section>
  );
}
