/**
 * One questionnaire in a campaign's report: how its scores are computed, the overall score and
 * each component as bars (CSS, no chart library) with the 95 % interval as a whisker and the
 * figure written beside each bar, then the tables per group and stratum and by respondent
 * characteristic, then (given as children) the comparison with an earlier campaign.
 */
import type { CSSProperties, ReactNode } from 'react';
import { tr } from '../../../survey';
import type { QuestionnaireScores } from '../../../contract';
import { useCT } from '../i18n';
import { BreakdownTables, ComponentLegend, Figure, MethodNote, ScoreTable, ScrollTable, StrataTables, type FigureLike } from '../score-parts';

/** Where a value sits along a bar of 0..max, in percent, kept inside the bar. */
const at = (value: number, max: number): number => Math.min(100, Math.max(0, max > 0 ? (value / max) * 100 : 0));
const percent = (n: number) => `${n.toFixed(2)}%`;

function Bar({ figure }: { figure: FigureLike }) {
  const { score, max, interval } = figure;
  const withheld = figure.suppressed !== undefined;
  return (
    // Decoration: the figure is written beside it.
    <span className={`bar-track${withheld ? ' withheld-track' : ''}`} aria-hidden="true">
      {!withheld && score !== null && <span className="bar-fill" style={{ width: percent(at(score, max)) } satisfies CSSProperties} />}
      {!withheld && interval && (
        <span className="bar-whisker" style={{ left: percent(at(interval.low, max)), width: percent(at(interval.high, max) - at(interval.low, max)) } satisfies CSSProperties} />
      )}
    </span>
  );
}

/** The overall score and each component: label, bar with whisker, figure. */
function ScoreBars({ scores }: { scores: QuestionnaireScores }) {
  const { t, lang } = useCT();
  const { overall } = scores;
  const rows: { id: string; label: string; figure: FigureLike; total: boolean }[] = [
    { id: 'overall', label: t('report.overall'), figure: overall, total: true },
    ...overall.components.map((c) => ({
      id: c.id,
      label: tr(scores.components.find((d) => d.id === c.id)?.label ?? { vi: c.id, en: c.id }, lang),
      figure: c,
      total: false,
    })),
  ];
  return (
    <figure className="score-bars" data-chart={scores.surveyId}>
      <figcaption className="small">{t('report.chartCaption', { questionnaire: tr(scores.title, lang) })}</figcaption>
      <ul>
        {rows.map((r) => (
          <li key={r.id} data-bar={r.id} className={r.total ? 'overall' : undefined}>
            <span className="bar-label">{r.label}</span>
            <Bar figure={r.figure} />
            <span className="bar-value" data-score={r.id}>
              <Figure method={scores.method} figure={r.figure} minCell={scores.minCell} total={r.total} />
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

type Criterion = QuestionnaireScores['criteria'][number];

/** Consecutive criteria of one component (and papi part), in the block's order. */
function byComponent(criteria: readonly Criterion[]): Criterion[][] {
  const groups: Criterion[][] = [];
  for (const c of criteria) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.component === c.component && last[0]!.part === c.part) last.push(c);
    else groups.push([c]);
  }
  return groups;
}

/** Each criterion (a scored question, a table row) over the whole campaign, under its component; folded, there can be hundreds. */
function CriteriaTable({ scores }: { scores: QuestionnaireScores }) {
  const { t, lang } = useCT();
  if (scores.criteria.length === 0) return null;
  const caption = t('report.criteria.caption', { questionnaire: tr(scores.title, lang) });
  const column = { respondents: t('report.criteria.respondents'), figure: t('report.criteria.figure') };
  const nameOf = (c: Criterion) => {
    const component = scores.components.find((d) => d.id === c.component);
    const part = c.part === undefined ? undefined : component?.parts?.find((p) => p.id === c.part);
    const name = component ? tr(component.label, lang) : c.component;
    return part ? `${name} — ${tr(part.label, lang)}` : name;
  };
  return (
    <details className="scores-strata report-criteria" data-criteria={scores.surveyId}>
      <summary>{t('report.criteria.heading', { count: scores.criteria.length })}</summary>
      <ScrollTable
        caption={caption}
        className="report-table criteria-table stack"
        columns={[{ label: t('report.criteria.criterion') }, { label: column.respondents, num: true }, { label: column.figure, num: true }]}
      >
        {byComponent(scores.criteria).map((group) => (
          <tbody key={`${group[0]!.component}/${group[0]!.part ?? ''}`}>
            <tr className="scope-row">
              <th scope="rowgroup" colSpan={3}>
                {nameOf(group[0]!)}
              </th>
            </tr>
            {group.flatMap((c, i) => {
              // A table's rows ("<question> — <row>"): the question once, above its rows.
              const [question, row] = splitRow(tr(c.label, lang), c.id);
              const previous = i > 0 ? splitRow(tr(group[i - 1]!.label, lang), group[i - 1]!.id)[0] : undefined;
              const lead =
                question !== undefined && question !== previous ? (
                  <tr key={`${c.id}/question`} className="criteria-question">
                    <td colSpan={3}>{question}</td>
                  </tr>
                ) : null;
              return [lead, (
              <tr key={c.id} data-criterion={c.id}>
                <td className="criterion-name">{row}</td>
                <td className="num" data-label={column.respondents}>
                  {/* A withheld criterion's respondents are not shown either. */}
                  {c.suppressed === undefined ? <span className="cell">{c.n}</span> : null}
                </td>
                <td className="num" data-score={c.id} data-label={column.figure}>
                  <span className="cell">
                    <Figure method={scores.method} figure={c} minCell={scores.minCell} />
                  </span>
                </td>
              </tr>
              )];
            })}
          </tbody>
        ))}
      </ScrollTable>
    </details>
  );
}

/** A criterion's label split into its table's question and its row ("Q — row" for a matrix row, id "q.row"); a question alone has none. */
function splitRow(label: string, id: string): [string | undefined, string] {
  const at = label.lastIndexOf(' — ');
  return id.includes('.') && at > 0 ? [label.slice(0, at), label.slice(at + 3)] : [undefined, label];
}

export function QuestionnaireReport({ scores, children }: { scores: QuestionnaireScores; children?: ReactNode }) {
  const { t, lang } = useCT();
  const title = tr(scores.title, lang);
  const headingId = `report-${scores.surveyId}-${scores.surveyVersion}`;
  const { overall } = scores;
  return (
    <section className="coord-section report-questionnaire" aria-labelledby={headingId} data-questionnaire={scores.surveyId}>
      <h2 id={headingId}>{title}</h2>
      <p className="muted small">
        {t('report.questionnaireMeta', { interviews: overall.interviews, respondents: overall.n })}
      </p>
      <MethodNote scores={scores} headingLevel={3} />
      <h3>{t('report.resultsHeading')}</h3>
      <ScoreBars scores={scores} />
      <CriteriaTable scores={scores} />
      <h3>{t('report.groupsHeading')}</h3>
      <ComponentLegend scores={scores} />
      <ScoreTable
        scores={scores}
        caption={t('scores.caption', { questionnaire: title })}
        rows={[
          { key: '*', label: t('scores.all'), report: overall, data: { 'data-scope': 'all' } },
          ...scores.groups.map((g) => ({ key: g.id, label: tr(g.label, lang), report: g.report, data: { 'data-scope': 'group', 'data-group': g.id } })),
        ]}
      />
      <StrataTables scores={scores} />
      <BreakdownTables scores={scores} open />
      {children}
    </section>
  );
}
