/**
 * The questionnaires page (a chunk of its own): upload a questionnaire file as a draft, preview
 * drafts with the tablets' question components (answers kept on the page only), publish or
 * delete them, and follow every published version: download it as an XLSForm, retire or
 * reinstate it. Publishing, retiring and reinstating are an administrator's: a coordinator is
 * told so in one line, and does everything else.
 */
import { lazy, Suspense, useCallback, useState } from 'react';
import { tr } from '../../../survey';
import { useCoordinatorApi, type QuestionnaireDraftSummary } from '../api';
import { describeFailure } from '../failure';
import { useCT } from '../i18n';
import { isAdmin, useAccount } from '../session';
import { useRefreshing } from '../useRefreshing';
import { DraftTable } from './DraftTable';
import { PublishedTables } from './PublishedTables';
import { UploadQuestionnaire } from './UploadQuestionnaire';
import './questionnaires.css';

// The preview brings the form's code (react-hook-form, the question components): loaded when a draft is first previewed.
const QuestionnairePreview = lazy(() => import('./QuestionnairePreview'));

export default function QuestionnairesPage() {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const load = useCallback(() => api.questionnaires(), [api]);
  const list = useRefreshing(load);
  const [notice, setNotice] = useState<string>();
  const [previewing, setPreviewing] = useState<QuestionnaireDraftSummary>();
  const admin = isAdmin(useAccount());

  const closePreviewOf = (draftId: string) => setPreviewing((p) => (p?.draftId === draftId ? undefined : p));

  return (
    <main className="coord-questionnaires">
      <h1>{t('questionnaires.heading')}</h1>
      <p className="muted">{t('questionnaires.intro')}</p>
      {!admin && (
        <p className="coord-note" data-testid="admin-publishes">
          {t('questionnaires.adminPublishes')}
        </p>
      )}
      <div aria-live="polite">
        {notice && (
          <p className="notice" data-testid="questionnaires-notice">
            {notice}
          </p>
        )}
      </div>
      <UploadQuestionnaire
        onUploaded={() => {
          setNotice(undefined);
          void list.refresh();
        }}
      />
      {list.error !== undefined && (
        <p className="error" role="alert">
          {t('common.error', { message: describeFailure(list.error, t) })}
        </p>
      )}
      <section aria-labelledby="drafts-heading" className="coord-section questionnaire-drafts">
        <h2 id="drafts-heading">{t('questionnaires.drafts.heading')}</h2>
        {list.data === undefined ? (
          list.error === undefined && <p className="muted">{t('common.loading')}</p>
        ) : list.data.drafts.length === 0 ? (
          <p className="muted">{t('questionnaires.drafts.empty')}</p>
        ) : (
          <DraftTable
            drafts={list.data.drafts}
            previewing={previewing?.draftId}
            canPublish={admin}
            onPreview={(d) => setPreviewing((p) => (p?.draftId === d.draftId ? undefined : d))}
            onPublished={(d, published) => {
              closePreviewOf(d.draftId);
              setNotice(t('questionnaires.drafts.published', { title: tr(published.title, lang), version: published.version }));
              void list.refresh();
            }}
            onDeleted={(d) => {
              closePreviewOf(d.draftId);
              setNotice(t('questionnaires.drafts.deleted', { title: tr(d.title, lang), version: d.version }));
              void list.refresh();
            }}
          />
        )}
      </section>
      {previewing && (
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          <QuestionnairePreview key={previewing.draftId} draft={previewing} onClose={() => setPreviewing(undefined)} />
        </Suspense>
      )}
      <section aria-labelledby="published-heading" className="coord-section questionnaire-published">
        <h2 id="published-heading">{t('questionnaires.published.heading')}</h2>
        <p className="muted">{t('questionnaires.published.intro')}</p>
        {list.data === undefined ? (
          list.error === undefined && <p className="muted">{t('common.loading')}</p>
        ) : list.data.published.length === 0 ? (
          <p className="muted">{t('questionnaires.published.empty')}</p>
        ) : (
          <PublishedTables
            versions={list.data.published}
            canChange={admin}
            onChanged={(v) => {
              const names = { title: tr(v.title, lang), version: v.version };
              setNotice(t(v.retired ? 'questionnaires.published.retiredDone' : 'questionnaires.published.reinstated', names));
              void list.refresh();
            }}
          />
        )}
      </section>
    </main>
  );
}
