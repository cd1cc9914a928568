/**
 * What a respondent reads before the questionnaire: who runs the survey and why, how long it
 * takes, what is kept and what is not, how the answers are used; then one start button. A
 * respondent coming back to a draft gets a short "continue" instead, with the same facts folded.
 */
import { useEffect, useRef } from 'react';
import type { LinkInfo } from '../../contract';
import type { InterviewRecord } from '../../store';
import { tr, type Definition, type Lang } from '../../survey';
import { useRT } from './i18n';
import { questionnaireLength } from './length';

/** Who the link is for, in words: "Người dân, tổ chức tại Thành phố Đồng Hới". */
export function linkAudience(info: LinkInfo, definition: Definition | undefined, lang: Lang, at: (group: string, stratum: string) => string): string {
  // The questionnaire's own name for the group is the plain one (the campaign's may carry the survey's acronym).
  const group = tr(definition?.respondentGroups.find((g) => g.id === info.group.id)?.label ?? info.group.label, lang);
  return info.stratum ? at(group, tr(info.stratum.label, lang)) : group;
}

function useAudience(info: LinkInfo, definition: Definition): string {
  const { t, lang } = useRT();
  return linkAudience(info, definition, lang, (group, stratum) => t('context.at', { group, stratum }));
}

/** The heading takes the focus when the page appears, so a screen reader starts there. */
function useFocusedHeading() {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

function SurveyFacts({ info, definition }: { info: LinkInfo; definition: Definition }) {
  const { t, lang } = useRT();
  const who = useAudience(info, definition);
  const { questions, minutes } = questionnaireLength(definition);
  const { organiser, purpose } = info.campaign;
  return (
    <dl className="respond-facts">
      <div>
        <dt>{t(organiser ? 'welcome.organiser' : 'welcome.survey')}</dt>
        <dd>{tr(organiser ?? info.campaign.title, lang)}</dd>
      </div>
      {purpose && (
        <div>
          <dt>{t('welcome.purpose')}</dt>
          <dd>{tr(purpose, lang)}</dd>
        </div>
      )}
      <div>
        <dt>{t('welcome.length')}</dt>
        <dd>
          <p>{t('welcome.lengthBody', { questions, minutes })}</p>
          <p>{t('welcome.pause')}</p>
        </dd>
      </div>
      <div>
        <dt>{t('welcome.anonymous')}</dt>
        <dd>
          <p>{t('welcome.anonymousBody')}</p>
          <p>{t(info.stratum ? 'welcome.stored' : 'welcome.storedGroup', { who })}</p>
        </dd>
      </div>
      <div>
        <dt>{t('welcome.use')}</dt>
        <dd>
          <p>{t('welcome.useBody')}</p>
          <p>{t('welcome.minCell', { count: info.campaign.minCell ?? 5 })}</p>
        </dd>
      </div>
    </dl>
  );
}

export function Welcome({ info, definition, busy, onStart }: { info: LinkInfo; definition: Definition; busy: boolean; onStart: () => void }) {
  const { t, lang } = useRT();
  const heading = useFocusedHeading();
  return (
    <main className="respond-welcome" data-state="welcome">
      <h1 tabIndex={-1} ref={heading}>
        {tr(definition.title, lang)}
      </h1>
      <p className="respond-invite">{t('welcome.invite')}</p>
      <SurveyFacts info={info} definition={definition} />
      <button type="button" className="primary respond-start" disabled={busy} onClick={onStart}>
        {t('welcome.start')}
      </button>
    </main>
  );
}

export function Resume({ info, definition, record, busy, onContinue }: { info: LinkInfo; definition: Definition; record: InterviewRecord; busy: boolean; onContinue: () => void }) {
  const { t, lang } = useRT();
  const heading = useFocusedHeading();
  return (
    <main className="respond-welcome resume" data-state="resume">
      <p className="respond-survey-title">{tr(definition.title, lang)}</p>
      <h1 tabIndex={-1} ref={heading}>
        {t('resume.heading')}
      </h1>
      <p>{t('resume.progress', { answered: record.progress.answered, total: record.progress.total })}</p>
      <button type="button" className="primary respond-start" disabled={busy} onClick={onContinue}>
        {t('resume.continue')}
      </button>
      <details className="respond-about">
        <summary>{t('resume.about')}</summary>
        <SurveyFacts info={info} definition={definition} />
      </details>
    </main>
  );
}
