/**
 * One questionnaire's comparison with an earlier campaign: per scope (the whole set, a group, a
 * stratum) and figure (overall, each component), before, after, the change with its 95 %
 * interval, and whether the change is larger than sampling noise explains, in words. A
 * questionnaire whose scoring differs between the two campaigns says so first.
 */
import { tr } from '../../../survey';
import type { ComparisonRowWire, QuestionnaireScores } from '../../../contract';
import { formatDate } from '../dates';
import { useCT } from '../i18n';
import { formatSigned, digitsOf } from '../score-format';
import { Figure, NoData } from '../score-parts';

interface Props {
  scores: QuestionnaireScores;
  minCell: number;
  campaign: { id: string; title: { vi: string; en: string }; start: string; end: string };
  rows: ComparisonRowWire[];
  differentScoring: boolean;
}

export function ComparisonSection({ scores, minCell, campaign, rows, differentScoring }: Props) {
  const { t, lang } = useCT();
  const earlier = tr(campaign.title, lang);
  const caption = t('report.comparison.caption', { questionnaire: tr(scores.title, lang), earlier });
  const digits = digitsOf(scores.method);
  return (
    <div className="report-comparison" data-comparison={scores.surveyId}>
      <h3>{t('report.comparison.heading', { earlier })}</h3>
      <p className="muted small">
        {t('report.comparison.intro', { start: formatDate(campaign.start), end: formatDate(campaign.end) })}
      </p>
      {differentScoring && <p className="notice small">{t('report.comparison.differentScoring')}</p>}
      {rows.length === 0 ? (
        <p className="muted">{t('report.comparison.none')}</p>
      ) : (
        <div className="scores-scroll" tabIndex={0} role="region" aria-label={caption}>
          <table className="coord-table report-table comparison-table">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('report.comparison.scope')}</th>
                <th scope="col">{t('report.comparison.figure')}</th>
                <th scope="col" className="num">
                  {t('report.comparison.before')}
                </th>
                <th scope="col" className="num">
                  {t('report.comparison.after')}
                </th>
                <th scope="col" className="num">
                  {t('report.comparison.change')}
                </th>
                <th scope="col">{t('report.comparison.verdict')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const total = r.component === undefined;
                return (
                  <tr key={i} data-scope={r.scope} data-component={r.component ?? 'overall'} {...(r.group !== undefined ? { 'data-group': r.group } : {})} {...(r.stratum !== undefined ? { 'data-stratum': r.stratum } : {})}>
                    <th scope="row">{tr(r.scopeLabel, lang)}</th>
                    <td>{tr(r.label, lang)}</td>
                    <td className="num" data-score="before">
                      {r.before ? <Figure method={scores.method} figure={r.before} minCell={minCell} total={total} /> : <NoData />}
                    </td>
                    <td className="num" data-score="after">
                      {r.after ? <Figure method={scores.method} figure={r.after} minCell={minCell} total={total} /> : <NoData />}
                    </td>
                    <td className="num" data-score="change">
                      {r.change === null ? (
                        <NoData />
                      ) : (
                        <>
                          {formatSigned(r.change, lang, digits)}
                          {r.low !== null && r.high !== null && (
                            <span className="ci">
                              {' '}
                              <span aria-hidden="true">({t('report.comparison.range', { low: formatSigned(r.low, lang, digits), high: formatSigned(r.high, lang, digits) })})</span>
                              <span className="sr-only">{t('scores.intervalSpoken', { low: formatSigned(r.low, lang, digits), high: formatSigned(r.high, lang, digits) })}</span>
                            </span>
                          )}
                        </>
                      )}
                    </td>
                    <td data-verdict={r.exceeds === null ? 'none' : r.exceeds ? 'exceeds' : 'within'}>
                      {r.exceeds === null ? (
                        <NoData />
                      ) : (
                        <span className={`badge noise ${r.exceeds ? 'exceeds' : 'within'}`}>{t(r.exceeds ? 'report.comparison.exceeds' : 'report.comparison.within')}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
