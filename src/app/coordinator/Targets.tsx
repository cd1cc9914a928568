/**
 * The campaign's score targets, on the dashboard and in the report: what is measured against
 * what, the figure with its 95 % interval and respondents, and the verdict as a word with a sign
 * (never colour alone): met (the whole interval satisfies the target), not met (none of it does),
 * not yet decidable (it straddles the target, too little data, or the figure is withheld).
 */
import { tr } from '../../survey';
import type { QuestionnaireScores, TargetResultWire } from '../../contract';
import { useCT } from './i18n';
import { Figure, NoData, ScrollTable } from './score-parts';

type Status = TargetResultWire['status'];

const SIGN: Record<Status, string> = { met: '✓', not_met: '✗', undecided: '?' };

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useCT();
  return (
    <span className={`badge target-status ${status}`} data-status={status}>
      <span aria-hidden="true">{SIGN[status]}</span> {t(`report.targets.status.${status}`)}
    </span>
  );
}

/** `questionnaires`: the scores the targets are on (their method says how a figure is written); `minCell`: the campaign's. */
export function TargetsSection({ targets, questionnaires, minCell }: { targets: readonly TargetResultWire[]; questionnaires: readonly QuestionnaireScores[]; minCell: number }) {
  const { t, lang } = useCT();
  const methodOf = (surveyId: string) => questionnaires.find((q) => q.surveyId === surveyId)?.method;
  const caption = t('report.targets.caption');
  // On a phone each target is a card, each figure led by its column's name.
  const column = { target: t('report.targets.target'), figure: t('report.targets.figure'), respondents: t('report.targets.respondents'), status: t('report.targets.status.heading') };
  return (
    <section className="coord-section report-targets" aria-labelledby="report-targets-heading">
      <h2 id="report-targets-heading">{t('report.targets.heading')}</h2>
      {targets.length === 0 ? (
        <p className="muted">{t('report.targets.none')}</p>
      ) : (
        <>
          <p className="muted small">{t('report.targets.intro')}</p>
          <ScrollTable
            caption={caption}
            className="report-table targets-table stack"
            columns={[{ label: column.target }, { label: column.figure, num: true }, { label: column.respondents, num: true }, { label: column.status }]}
          >
            <tbody>
              {targets.map((target, i) => {
                const method = methodOf(target.surveyId) ?? 'share';
                return (
                  <tr key={i} data-target={i} data-status={target.status}>
                    <th scope="row">
                      {tr(target.label, lang)}
                      {target.source && ' '}
                      {target.source && <span className="muted small target-source">{t('report.targets.source', { source: tr(target.source, lang) })}</span>}
                    </th>
                    <td className="num" data-score="figure" data-label={column.figure}>
                      {/* One element: on a phone the cell is a grid of its column's name and its content. */}
                      <span className="cell">
                        {target.figure ? <Figure method={method} figure={target.figure} minCell={minCell} total={target.component === undefined} /> : <NoData />}
                      </span>
                    </td>
                    <td className="num" data-label={column.respondents}>
                      {target.figure && target.figure.suppressed === undefined ? <span className="cell">{target.figure.n}</span> : null}
                    </td>
                    <td data-label={column.status}>
                      <StatusBadge status={target.status} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </ScrollTable>
        </>
      )}
    </section>
  );
}
