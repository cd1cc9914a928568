/**
 * The pieces of a score shown on the dashboard and on a campaign's report: a figure with its 95 %
 * interval (the range, or "±" on a phone), "—" without data, a withheld figure marked with its
 * reason (never a number), their legend, a questionnaire's method note (the worked example
 * folded), and the tables per group, stratum and respondent characteristic.
 */
import type { ReactNode } from 'react';
import { tr } from '../../survey';
import type { IntervalWire, QuestionnaireScores, ScoreReportWire } from '../../contract';
import { useCT } from './i18n';
import { formatNumber, formatPlusMinus, formatRange, formatScore, type Method } from './score-format';

type Why = 'primary' | 'complementary';

/** One figure as the server sends it, wherever it stands (a report, a component, a target, a comparison's side). */
export interface FigureLike {
  score: number | null;
  max: number;
  n: number;
  interval: IntervalWire;
  suppressed?: Why | undefined;
}

/** "—": no data, read out as such. */
export function NoData() {
  const { t } = useCT();
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{t('scores.noData')}</span>
    </>
  );
}

/**
 * A withheld figure: a mark saying which of the two reasons (explained in the legend), its reason
 * read out in full; never a number.
 */
export function Withheld({ why, minCell }: { why: Why; minCell: number }) {
  const { t } = useCT();
  const reason = t(`scores.withheld.${why}`, { min: minCell });
  return (
    <>
      <span aria-hidden="true" className={`withheld ${why}`} data-withheld={why} title={reason}>
        {t(`scores.withheld.mark.${why}`)}
      </span>
      <span className="sr-only">{reason}</span>
    </>
  );
}

/** A 95 % interval after its figure: "(58,1–66,7)" on a wide screen, "±4,3" on a phone; read out in words. */
export function IntervalText({ method, interval }: { method: Method; interval: { low: number; high: number } }) {
  const { t, lang } = useCT();
  const range = formatRange(method, interval, lang);
  const d = method === 'share' ? 1 : 2;
  return (
    <>
      {' '}
      <span className="ci" data-interval={range}>
      <span aria-hidden="true" className="ci-range">
        ({range})
      </span>
      <span aria-hidden="true" className="ci-pm">
        {formatPlusMinus(method, interval, lang)}
      </span>
      <span className="sr-only">{t('scores.intervalSpoken', { low: formatNumber(interval.low, lang, d), high: formatNumber(interval.high, lang, d) })}</span>
      </span>
    </>
  );
}

/**
 * A figure: the score (its first child, so a cell reads as it looks), then its interval; "—"
 * without data; the withheld mark. `total`: a sum of components (points out of the maximum).
 */
export function Figure({ method, figure, minCell, total = false }: { method: Method; figure: FigureLike; minCell: number; total?: boolean }) {
  const { lang } = useCT();
  if (figure.suppressed !== undefined) return <Withheld why={figure.suppressed} minCell={minCell} />;
  if (figure.score === null) return <NoData />;
  return (
    <>
      {formatScore(method, figure.score, figure.max, lang, total)}
      {figure.interval && <IntervalText method={method} interval={figure.interval} />}
    </>
  );
}

/** What the marks mean: "—", the two withheld marks, the interval. */
export function ScoresLegend({ minCell }: { minCell: number }) {
  const { t } = useCT();
  return (
    <div className="scores-marks small" data-legend="marks">
      <p className="scores-marks-title">{t('scores.marks.heading')}</p>
      <dl>
      <div>
        <dt>—</dt>
        <dd>{t('scores.noData')}</dd>
      </div>
      <div>
        <dt className="withheld primary">{t('scores.withheld.mark.primary')}</dt>
        <dd>{t('scores.withheld.primary', { min: minCell })}</dd>
      </div>
      <div>
        <dt className="withheld complementary">{t('scores.withheld.mark.complementary')}</dt>
        <dd>{t('scores.withheld.complementary')}</dd>
      </div>
      <div>
        <dt>{t('scores.marks.intervalMark')}</dt>
        <dd>{t('scores.marks.interval')}</dd>
      </div>
      </dl>
    </div>
  );
}

/** How the questionnaire's figures are computed, its worked example folded, the versions pooled and left out, the minimum cell. */
export function MethodNote({ scores, headingLevel = 4 }: { scores: QuestionnaireScores; headingLevel?: 3 | 4 }) {
  const { t, lang } = useCT();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const versions = scores.versions.length > 0 ? scores.versions : [scores.surveyVersion];
  return (
    <div className="method-note" data-method-note={scores.surveyId}>
      <Heading className="method-heading">{t('scores.methodHeading')}</Heading>
      <p className="small">{tr(scores.methodNote.text, lang)}</p>
      <details className="method-example">
        <summary>{t('scores.example')}</summary>
        <p className="small">{tr(scores.methodNote.example, lang)}</p>
      </details>
      <p className="method-facts small">
        <span data-fact="versions">
          {versions.length === 1 ? t('scores.versionOne', { version: versions[0] ?? scores.surveyVersion }) : t('scores.versionsPooled', { versions: versions.join(', ') })}
        </span>
        {scores.excluded.map((e) => (
          <span key={e.version} data-fact="excluded">
            {' '}
            {t('scores.excluded', { version: e.version, interviews: e.interviews })}
          </span>
        ))}{' '}
        <span data-fact="min-cell">{t('scores.minCell', { min: scores.minCell })}</span>
      </p>
    </div>
  );
}

/** The column headings: scope, interviews, overall, then each component by its number in the legend (its name read aloud). */
export function ScoreHead({ scores, scopeLabel }: { scores: QuestionnaireScores; scopeLabel?: string }) {
  const { t, lang } = useCT();
  return (
    <thead>
      <tr>
        <th scope="col">{scopeLabel ?? t('scores.scope')}</th>
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

/** A report's cells: interviews, the overall figure (saying when components lack data), each component. */
export function ScoreCells({ scores, report }: { scores: QuestionnaireScores; report: ScoreReportWire }) {
  const { t } = useCT();
  const method = scores.method;
  const partial = method !== 'share' && report.score !== null && report.withData < report.components.length;
  return (
    <>
      <td className="num">{report.interviews}</td>
      <td className="num" data-score="overall">
        <Figure method={method} figure={report} minCell={scores.minCell} total />
        {partial && <span className="muted small"> ({t('scores.partial', { withData: report.withData, total: report.components.length })})</span>}
      </td>
      {report.components.map((c) => (
        <td key={c.id} className="num" data-score={c.id}>
          <Figure method={method} figure={c} minCell={scores.minCell} />
        </td>
      ))}
    </>
  );
}

export interface ScoreRow {
  key: string;
  label: ReactNode;
  report: ScoreReportWire;
  /** data-* attributes of the row, for whoever looks for it (tests, the browser check). */
  data?: Record<`data-${string}`, string>;
}

/** A column of a ScrollTable's head: its name, and whether it holds numbers (right-aligned). */
export interface Column {
  label: string;
  num?: boolean;
}

/**
 * A table in a box that scrolls sideways (keyboard too) rather than widening the page, named by
 * its caption; `columns` make its head (or pass `head`), `children` its bodies. With `stack` each
 * row becomes a card on a phone, each cell led by its column's name (its `data-label`).
 */
export function ScrollTable({ caption, className, columns, head, children }: { caption: string; className: string; columns?: readonly Column[]; head?: ReactNode; children: ReactNode }) {
  return (
    <div className="scores-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className={`coord-table ${className}`}>
        <caption className="sr-only">{caption}</caption>
        {head ?? (
          <thead>
            <tr>
              {(columns ?? []).map((c, i) => (
                <th key={i} scope="col" {...(c.num ? { className: 'num' } : {})}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
        )}
        {children}
      </table>
    </div>
  );
}

/** A table of reports. */
export function ScoreTable({ scores, caption, rows, scopeLabel }: { scores: QuestionnaireScores; caption: string; rows: ScoreRow[]; scopeLabel?: string }) {
  return (
    <ScrollTable caption={caption} className="scores-table" head={<ScoreHead scores={scores} {...(scopeLabel !== undefined ? { scopeLabel } : {})} />}>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} {...r.data}>
            <th scope="row">{r.label}</th>
            <ScoreCells scores={scores} report={r.report} />
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** The legend of the numbered component columns. */
export function ComponentLegend({ scores }: { scores: QuestionnaireScores }) {
  const { t, lang } = useCT();
  return (
    <>
      <p className="small scores-legend-title">{t('scores.legend')}</p>
      <ol className="scores-legend small">
        {scores.components.map((c) => (
          <li key={c.id}>{tr(c.label, lang)}</li>
        ))}
      </ol>
    </>
  );
}

/** The strata of each group, folded under the group. */
export function StrataTables({ scores }: { scores: QuestionnaireScores }) {
  const { t, lang } = useCT();
  return (
    <>
      {scores.groups
        .filter((g) => g.strata.length > 0)
        .map((g) => (
          <details key={g.id} className="scores-strata" data-group={g.id}>
            <summary>{t('scores.strata', { group: tr(g.label, lang), count: g.strata.length })}</summary>
            <ScoreTable
              scores={scores}
              caption={t('scores.strataCaption', { group: tr(g.label, lang) })}
              rows={g.strata.map((s) => ({ key: s.value, label: tr(s.label, lang), report: s.report, data: { 'data-scope': 'stratum', 'data-stratum': s.value } }))}
            />
          </details>
        ))}
    </>
  );
}

/** The whole set by respondents' characteristics (sex, age band…), folded: one table per characteristic. */
export function BreakdownTables({ scores, open = false }: { scores: QuestionnaireScores; open?: boolean }) {
  const { t, lang } = useCT();
  if (scores.breakdowns.length === 0) return null;
  return (
    <details className="scores-breakdowns" data-breakdowns={scores.surveyId} open={open}>
      <summary>{t('scores.breakdowns', { count: scores.breakdowns.length })}</summary>
      {scores.breakdowns.map((b) => (
        <div key={b.question} className="scores-breakdown" data-breakdown={b.question}>
          <p className="small breakdown-title">{tr(b.label, lang)}</p>
          <ScoreTable
            scores={scores}
            caption={t('scores.breakdownCaption', { characteristic: tr(b.label, lang), questionnaire: tr(scores.title, lang) })}
            scopeLabel={t('scores.answer')}
            rows={b.cells.map((c) => ({
              key: c.value,
              label: c.value === '' && tr(c.label, lang) === '' ? t('scores.notAnswered') : tr(c.label, lang),
              report: c.report,
              data: { 'data-scope': 'breakdown', 'data-value': c.value },
            }))}
          />
        </div>
      ))}
    </details>
  );
}
