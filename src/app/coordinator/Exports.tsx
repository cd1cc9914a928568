/** Download links per questionnaire: CSV with codes, CSV with Vietnamese labels, XLSX (with a codebook) and JSON. */
import { tr } from '../../survey';
import { catalog } from 'virtual:survey-definitions';
import { useCoordinatorApi, type ExportFormat, type QuotaSnapshot } from './api';
import { useCT } from './i18n';
import { questionnairesOf } from './quota-view';

const FORMATS: readonly { format: ExportFormat; key: 'exports.csvCodes' | 'exports.csvLabels' | 'exports.xlsx' | 'exports.json' }[] = [
  { format: 'csv', key: 'exports.csvCodes' },
  { format: 'csv-vi', key: 'exports.csvLabels' },
  { format: 'xlsx', key: 'exports.xlsx' },
  { format: 'json', key: 'exports.json' },
];

export function Exports({ snapshot }: { snapshot: QuotaSnapshot }) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const questionnaires = questionnairesOf(snapshot);
  if (questionnaires.length === 0) return null;
  return (
    <section aria-labelledby="exports-heading" className="coord-section">
      <h2 id="exports-heading">{t('exports.heading')}</h2>
      <p className="muted small">{t('exports.intro')}</p>
      <table className="coord-table exports">
        <thead>
          <tr>
            <th scope="col">{t('exports.questionnaire')}</th>
            {FORMATS.map((f) => (
              <th scope="col" key={f.format}>
                {t(f.key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {questionnaires.map((q) => {
            const entry = catalog.find((c) => c.id === q.id && c.version === q.version);
            const title = entry ? tr(entry.title, lang) : q.id;
            return (
              <tr key={`${q.id}@${q.version}`}>
                <th scope="row">
                  {title} <span className="muted small">(v{q.version})</span>
                </th>
                {FORMATS.map((f) => (
                  <td key={f.format}>
                    <a
                      href={api.exportUrl(q.id, q.version, f.format)}
                      download
                      aria-label={t('exports.linkLabel', { format: t(f.key), questionnaire: title, version: q.version })}
                    >
                      {t(f.key)}
                    </a>
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
