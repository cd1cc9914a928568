/**
 * Scores per questionnaire with a scoring block: overall and per component, for all groups, per
 * group and (folded per group) per stratum, and (folded) by respondents' characteristics, each
 * with its number of interviews and its 95 % interval; "—" without data, a withheld figure marked
 * with its reason. Beside them, how they are computed (the worked example folded), the versions
 * pooled and left out, and the minimum cell size.
 */
import { tr } from '../../survey';
import { useCoordinatorApi, type CoordinatorDashboard } from './api';
import { useCT } from './i18n';
import { formatNumber } from './score-format';
import { BreakdownTables, ComponentLegend, MethodNote, ScoresLegend, ScoreTable, StrataTables } from './score-parts';

type Scores = CoordinatorDashboard['scores'][number];

export function ScoresSection({ scores, pending = false }: { scores: CoordinatorDashboard['scores']; pending?: boolean }) {
  const { t } = useCT();
  if (scores.length === 0) return null;
  // One legend for the section: every questionnaire of a campaign has the campaign's minimum cell.
  const minCell = Math.min(...scores.map((s) => s.minCell));
  return (
    <section aria-labelledby="scores-heading" className="coord-section">
      <h2 id="scores-heading">{t('scores.heading')}</h2>
      {pending && (
        <p className="small" role="status">
          {t('scores.pending')}
        </p>
      )}
      <p className="muted small">{t('scores.intro')}</p>
      <ScoresLegend minCell={minCell} />
      {scores.map((s) => (
        <QuestionnaireScores key={`${s.surveyId}@${s.surveyVersion}`} scores={s} />
      ))}
    </section>
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
      <p className="muted small">{t(`scores.method.${scores.method}`, { max: formatNumber(scores.overall.max, lang, 2) })}</p>
      <MethodNote scores={scores} />
      <ComponentLegend scores={scores} />
      <ScoreTable
        scores={scores}
        caption={t('scores.caption', { questionnaire: title })}
        rows={[
          { key: '*', label: t('scores.all'), report: scores.overall, data: { 'data-scope': 'all' } },
          ...scores.groups.map((g) => ({ key: g.id, label: tr(g.label, lang), report: g.report, data: { 'data-scope': 'group', 'data-group': g.id } })),
        ]}
      />
      <StrataTables scores={scores} />
      <BreakdownTables scores={scores} />
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
