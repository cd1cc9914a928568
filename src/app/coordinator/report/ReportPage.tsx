/**
 * A campaign's report (a chunk of its own): its title, dates and interviews; which earlier campaign
 * it is compared with (the server's choice until one is picked; picking one asks again); the Word
 * document of the same report in the page's language; the score targets, each met, not met or not
 * yet decidable, said in words as well as colour; then per questionnaire its method, the overall
 * score and each component as bars with their 95 % interval as a whisker, the tables per group,
 * stratum and respondent characteristic, and the comparison. Withheld figures are marked, never
 * shown, everywhere.
 */
import { useEffect, useId, useState, type MouseEvent } from 'react';
import { tr } from '../../../survey';
import { navigate, paths } from '../../router';
import { useCoordinatorApi, type CampaignReport, type CompareWith } from '../api';
import { formatDate, formatDateTime } from '../dates';
import { describeFailure } from '../failure';
import { useCT } from '../i18n';
import { isSessionRefusal, useSessionLost } from '../session';
import { ComparisonSection } from './Comparison';
import { QuestionnaireReport } from './QuestionnaireReport';
import { ScoresLegend } from '../score-parts';
import { TargetsSection } from '../Targets';
import './report.css';

interface Loaded {
  report?: CampaignReport | undefined;
  error?: unknown;
  loading: boolean;
}

/** The campaign compared with in a reply: its id, or 'none'. */
const comparedIn = (report: CampaignReport): string => report.comparison?.campaign.id ?? 'none';

export default function ReportPage({ campaignId }: { campaignId: string }) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const lost = useSessionLost();
  // undefined: the server's choice (the latest comparable campaign, or none).
  const [compare, setCompare] = useState<CompareWith>(undefined);
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<Loaded>({ loading: true });
  const compareId = useId();

  useEffect(() => {
    // Only this request's reply is shown: one for an earlier choice arriving late is dropped.
    let live = true;
    setLoaded((l) => ({ ...l, loading: true, error: undefined }));
    api.report(campaignId, compare).then(
      (report) => live && setLoaded({ report, loading: false }),
      (error: unknown) => {
        if (!live) return;
        if (isSessionRefusal(error)) lost();
        else setLoaded((l) => ({ ...l, error, loading: false }));
      },
    );
    return () => {
      live = false;
    };
  }, [api, campaignId, compare, attempt, lost]);

  const { report, error, loading } = loaded;
  const go = (path: string) => (e: MouseEvent) => {
    e.preventDefault();
    navigate(path);
  };
  // What the page shows or was asked for: the Word document is the same report.
  const chosen = compare ?? (report ? comparedIn(report) : undefined);
  const comparable = report?.comparable ?? [];
  const compared = report?.comparison?.campaign;
  const options = compared && !comparable.some((c) => c.id === compared.id) ? [compared, ...comparable] : comparable;

  return (
    <main className="coord-report" aria-busy={loading}>
      <p className="back-link">
        <a href={paths.coordinatorCampaigns()} onClick={go(paths.coordinatorCampaigns())}>
          {t('report.back')}
        </a>
      </p>
      <h1>{report ? t('report.heading', { title: tr(report.campaign.title, lang) }) : t('report.headingLoading')}</h1>
      {report && (
        <p className="muted report-meta">
          {t('report.period', { start: formatDate(report.campaign.start), end: formatDate(report.campaign.end) })}
          {' · '}
          {t('report.interviews', { count: report.interviews })}
          {' · '}
          {t('report.generatedAt', { time: formatDateTime(report.generatedAt, lang) })}
          {report.campaign.organiser && (
            <>
              <br />
              {t('report.organiser', { organiser: tr(report.campaign.organiser, lang) })}
            </>
          )}
        </p>
      )}
      {report && (
        <div className="report-tools">
          <p className="report-compare">
            <label htmlFor={compareId}>{t('report.compareWith')}</label>
            <select id={compareId} value={chosen ?? 'none'} onChange={(e) => setCompare(e.target.value)}>
              <option value="none">{t('report.noComparison')}</option>
              {options.map((c) => (
                <option key={c.id} value={c.id}>
                  {t('report.campaignOption', { title: tr(c.title, lang), start: formatDate(c.start), end: formatDate(c.end) })}
                </option>
              ))}
            </select>
          </p>
          <p className="report-download">
            <a className="report-button" href={api.reportDocxUrl(campaignId, lang, chosen)} download aria-label={t('report.docxLabel')}>
              {t('report.docx')}
            </a>
          </p>
        </div>
      )}
      <p className="report-status muted small" role="status">
        {loading ? t('common.loading') : ''}
      </p>
      {error !== undefined && (
        <div className="report-error">
          <p className="error" role="alert">
            {report ? t('report.staleError', { message: describeFailure(error, t) }) : t('common.error', { message: describeFailure(error, t) })}
          </p>
          <button type="button" className="secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {report && <ReportBody report={report} />}
    </main>
  );
}

/** What one reply shows (rendered on its own by the tests). */
export function ReportBody({ report }: { report: CampaignReport }) {
  const { t } = useCT();
  const rowsOf = (surveyId: string) => report.comparison?.rows.filter((r) => r.surveyId === surveyId) ?? [];
  // A questionnaire's comparison goes with its first appearance.
  const seen = new Set<string>();
  return (
    <>
      <section className="coord-section report-legend" aria-labelledby="report-legend-heading">
        <h2 id="report-legend-heading">{t('report.legendHeading')}</h2>
        <p className="small">{t('report.legendIntro', { min: report.minCell })}</p>
        <ScoresLegend minCell={report.minCell} />
      </section>
      <TargetsSection targets={report.targets} questionnaires={report.questionnaires} minCell={report.minCell} />
      {report.questionnaires.length === 0 && <p className="notice">{t('report.noScores')}</p>}
      {report.questionnaires.map((q) => {
        const first = !seen.has(q.surveyId);
        seen.add(q.surveyId);
        return (
          <QuestionnaireReport key={`${q.surveyId}@${q.surveyVersion}`} scores={q}>
            {first && report.comparison && (
              <ComparisonSection
                scores={q}
                minCell={report.minCell}
                campaign={report.comparison.campaign}
                rows={rowsOf(q.surveyId)}
                differentScoring={report.comparison.differentScoring.includes(q.surveyId)}
              />
            )}
          </QuestionnaireReport>
        );
      })}
    </>
  );
}
