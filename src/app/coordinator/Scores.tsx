/**
 * Scores per questionnaire with a scoring block: overall and per component, for all groups, per
 * group and (folded per group) per stratum, each with its number of interviews; "—" without data.
 */
import { tr } from '../../survey';
import type { Lang } from '../../survey';
import { useCoordinatorApi, type CoordinatorDashboard } from './api';
import { useCT } from './i18n';

type Scores = CoordinatorDashboard['scores'][number];
type Report = Scores['overall'];
type Method = Scores['method'];

export function ScoresSection({ scores, pending = false }: { scores: CoordinatorDashboard['scores']; pending?: boolean }) {
  const { t } = useCT();
  if (scores.length === 0) return null;
  return (
    <section aria-labelledby="scores-heading" className="coord-section">
      <h2 id="scores-heading">{t('scores.heading')}</h2>
      {pending && (
        <p className="small" role="status">
          {t('scores.pending')}
        </p>
      )}
      <p className="muted small">{t('scores.intro')}</p>
      {scores.map((s) => (
        <QuestionnaireScores key={`${s.surveyId}@${s.surveyVersion}`} scores={s} />
      ))}
    </section>
  );
}

function number(n: number, lang: Lang, digits: number): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(n);
}

/** A score as people read it: a percentage (share), points out of the maximum (points), 1–10 (papi). */
export function formatScore(method: Method, score: number, max: number, lang: Lang, total = false): string {
  if (method === 'share') return `${number(score, lang, 1)}%`;
  if (method === 'points' || total) return `${number(score, lang, 2)}/${number(max, lang, 2)}`;
  return number(score, lang, 2);
}

function NoData() {
  const { t } = useCT();
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{t('scores.noData')}</span>
    </>
  );
}

function ScoreCells({ method, report }: { method: Method; report: Report }) {
  const { t, lang } = useCT();
  const partial = method !== 'share' && report.score !== null && report.withData < report.components.length;
  return (
    <>
      <td className="num">{report.interviews}</td>
      <td className="num" data-score="overall">
        {report.score === null ? <NoData /> : formatScore(method, report.score, report.max, lang, true)}
        {partial && <span className="muted small"> ({t('scores.partial', { withData: report.withData, total: report.components.length })})</span>}
      </td>
      {report.components.map((c) => (
        <td key={c.id} className="num" data-score={c.id}>
          {c.score === null ? <NoData /> : formatScore(method, c.score, c.max, lang)}
        </td>
      ))}
    </>
  );
}

function Head({ scores }: { scores: Scores }) {
  const { t, lang } = useCT();
  return (
    <thead>
      <tr>
        <th scope="col">{t('scores.scope')}</th>
        <th scope="col" className="num">
          {t('scores.interviews')}
        </th>
        <th scope="col" className="num">
          {t('scores.overall')}
        </th>
        {/* Numbered as in the legend above the table: a component's name would break over many lines. */}
        {scores.components.map((c, i) => (
          <th scope="col" className="num" key={c.id}>
            <span aria-hidden="true">{i + 1}</span>
            <span className="sr-only">{tr(c.label, lang)}</span>
          </th>
        ))}
      </tr>
    </thead>
  );
}

function QuestionnaireScores({ scores }: { scores: Scores }) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const title = tr(scores.title, lang);
  const headingId = `scores-${scores.surveyId}-${scores.surveyVersion}`;
  return (
    <article className="scores" aria-labelledby={headingId} data-scores={scores.surveyId}>
      <h3 id={headingId}>
        {title} <span className="muted small">(v{scores.surveyVersion})</span>
      </h3>
      <p className="muted small">{t(`scores.method.${scores.method}`, { max: number(scores.overall.max, lang, 2) })}</p>
      <p className="small scores-legend-title">{t('scores.legend')}</p>
      <ol className="scores-legend small">
        {scores.components.map((c) => (
          <li key={c.id}>{tr(c.label, lang)}</li>
        ))}
      </ol>
      {/* A wide table scrolls sideways: the region takes keyboard focus so arrow keys can scroll it. */}
      <div className="scores-scroll" tabIndex={0} role="region" aria-label={t('scores.caption', { questionnaire: title })}>
        <table className="coord-table scores-table">
          <caption className="sr-only">{t('scores.caption', { questionnaire: title })}</caption>
          <Head scores={scores} />
          <tbody>
            <tr data-scope="all">
              <th scope="row">{t('scores.all')}</th>
              <ScoreCells method={scores.method} report={scores.overall} />
            </tr>
            {scores.groups.map((g) => (
              <tr key={g.id} data-scope="group" data-group={g.id}>
                <th scope="row">{tr(g.label, lang)}</th>
                <ScoreCells method={scores.method} report={g.report} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {scores.groups
        .filter((g) => g.strata.length > 0)
        .map((g) => (
          <details key={g.id} className="scores-strata" data-group={g.id}>
            <summary>{t('scores.strata', { group: tr(g.label, lang), count: g.strata.length })}</summary>
            <div className="scores-scroll" tabIndex={0} role="region" aria-label={t('scores.strataCaption', { group: tr(g.label, lang) })}>
              <table className="coord-table scores-table">
                <caption className="sr-only">{t('scores.strataCaption', { group: tr(g.label, lang) })}</caption>
                <Head scores={scores} />
                <tbody>
                  {g.strata.map((s) => (
                    <tr key={s.value} data-scope="stratum" data-stratum={s.value}>
                      <th scope="row">{tr(s.label, lang)}</th>
                      <ScoreCells method={scores.method} report={s.report} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        ))}
      <p className="small">
        {t('scores.download')}{' '}
        {(['scores-csv', 'scores-json'] as const).map((format, i) => (
          <span key={format}>
            {i > 0 && ' · '}
            <a
              href={api.exportUrl(scores.surveyId, scores.surveyVersion, format)}
              download
              aria-label={t('scores.downloadLabel', { format: t(format === 'scores-csv' ? 'scores.csv' : 'scores.json'), questionnaire: title, version: scores.surveyVersion })}
            >
              {t(format === 'scores-csv' ? 'scores.csv' : 'scores.json')}
            </a>
          </span>
        ))}
      </p>
    </article>
  );
}
