/**
 * One questionnaire's comparison with an earlier campaign: per scope (the whole set, each group;
 * the strata folded apart, there can be dozens) and figure (overall, each component), before,
 * after, the change with its 95 % interval, and whether the change is larger than sampling noise
 * explains, in words. Rows are grouped under their scope's name, so each row is led by its figure.
 * A questionnaire whose scoring differs between the two campaigns says so first.
 */
import { tr } from '../../../survey';
import type { ComparisonRowWire, QuestionnaireScores } from '../../../contract';
import { formatDate } from '../dates';
import { useCT } from '../i18n';
import { formatSigned, digitsOf } from '../score-format';
import { Figure, NoData, ScrollTable } from '../score-parts';

interface Props {
  scores: QuestionnaireScores;
  minCell: number;
  campaign: { id: string; title: { vi: string; en: string }; start: string; end: string };
  rows: ComparisonRowWire[];
  differentScoring: boolean;
}

/** Consecutive rows of one scope (the server sends a scope's figures together). */
function byScope(rows: readonly ComparisonRowWire[]): ComparisonRowWire[][] {
  const groups: ComparisonRowWire[][] = [];
  const key = (r: ComparisonRowWire) => `${r.scope}/${r.group ?? ''}/${r.stratum ?? ''}`;
  for (const r of rows) {
    const last = groups[groups.length - 1];
    if (last && key(last[0]!) === key(r)) last.push(r);
    else groups.push([r]);
  }
  return groups;
}

function ComparisonTable({ scores, minCell, rows, caption }: { scores: QuestionnaireScores; minCell: number; rows: readonly ComparisonRowWire[]; caption: string }) {
  const { t, lang } = useCT();
  const digits = digitsOf(scores.method);
  // On a phone each row is a card, each figure led by its column's name.
  const column = {
    figure: t('report.comparison.figure'),
    before: t('report.comparison.before'),
    after: t('report.comparison.after'),
    change: t('report.comparison.change'),
    verdict: t('report.comparison.verdict'),
  };
  return (
    <ScrollTable
      caption={caption}
      className="report-table comparison-table stack"
      columns={[{ label: column.figure }, { label: column.before, num: true }, { label: column.after, num: true }, { label: column.change, num: true }, { label: column.verdict }]}
    >
      {byScope(rows).map((group, g) => (
        <tbody key={g}>
          <tr className="scope-row">
            <th scope="rowgroup" colSpan={5}>
              {tr(group[0]!.scopeLabel, lang)}
            </th>
          </tr>
          {group.map((r, i) => {
            const total = r.component === undefined;
            return (
              <tr
                key={i}
                data-scope={r.scope}
                data-component={r.component ?? 'overall'}
                {...(r.group !== undefined ? { 'data-group': r.group } : {})}
                {...(r.stratum !== undefined ? { 'data-stratum': r.stratum } : {})}
              >
                <th scope="row">{tr(r.label, lang)}</th>
                <td className="num" data-score="before" data-label={column.before}>
                  <span className="cell">{r.before ? <Figure method={scores.method} figure={r.before} minCell={minCell} total={total} /> : <NoData />}</span>
                </td>
                <td className="num" data-score="after" data-label={column.after}>
                  <span className="cell">{r.after ? <Figure method={scores.method} figure={r.after} minCell={minCell} total={total} /> : <NoData />}</span>
                </td>
                <td className="num" data-score="change" data-label={column.change}>
                  <span className="cell">
                    {r.change === null ? (
                      <NoData />
                    ) : (
                      <>
                        {formatSigned(r.change, lang, digits)}
                        {r.low !== null && r.high !== null && (
                          <>
                            {' '}
                            <span className="ci">
                              <span aria-hidden="true">({t('report.comparison.range', { low: formatSigned(r.low, lang, digits), high: formatSigned(r.high, lang, digits) })})</span>
                              <span className="sr-only">{t('scores.intervalSpoken', { low: formatSigned(r.low, lang, digits), high: formatSigned(r.high, lang, digits) })}</span>
                            </span>
                          </>
                        )}
                      </>
                    )}
                  </span>
                </td>
                <td data-label={column.verdict} data-verdict={r.exceeds === null ? 'none' : r.exceeds ? 'exceeds' : 'within'}>
                  {r.exceeds === null ? (
                    <span className="cell">
                      <NoData />
                    </span>
                  ) : (
                    <span className={`badge noise ${r.exceeds ? 'exceeds' : 'within'}`}>{t(r.exceeds ? 'report.comparison.exceeds' : 'report.comparison.within')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      ))}
    </ScrollTable>
  );
}

export function ComparisonSection({ scores, minCell, campaign, rows, differentScoring }: Props) {
  const { t, lang } = useCT();
  const earlier = tr(campaign.title, lang);
  const questionnaire = tr(scores.title, lang);
  const main = rows.filter((r) => r.scope !== 'stratum');
  const strata = rows.filter((r) => r.scope === 'stratum');
  const strataCount = new Set(strata.map((r) => `${r.group ?? ''}/${r.stratum ?? ''}`)).size;
  return (
    <div className="report-comparison" data-comparison={scores.surveyId}>
      <h3>{t('report.comparison.heading', { earlier })}</h3>
      <p className="muted small">{t('report.comparison.intro', { start: formatDate(campaign.start), end: formatDate(campaign.end) })}</p>
      {differentScoring && <p className="notice small">{t('report.comparison.differentScoring')}</p>}
      {rows.length === 0 && <p className="muted">{t('report.comparison.none')}</p>}
      {main.length > 0 && <ComparisonTable scores={scores} minCell={minCell} rows={main} caption={t('report.comparison.caption', { questionnaire, earlier })} />}
      {strata.length > 0 && (
        <details className="scores-strata comparison-strata">
          <summary>{t('report.comparison.strata', { count: strataCount })}</summary>
          <ComparisonTable scores={scores} minCell={minCell} rows={strata} caption={t('report.comparison.strataCaption', { questionnaire, earlier })} />
        </details>
      )}
    </div>
  );
}
