/** Quotas per respondent group: totals, policy, and a progress bar per stratum (units collapsible under their department). */
import { tr } from '../../survey';
import type { QuotaGroup, QuotaSnapshot, QuotaStratum } from './api';
import { useCT } from './i18n';
import { parentLabels, percent, strataBlocks, type StratumBlock } from './quota-view';
import { questionnaireTitle, type QuestionnaireVersions } from './titles';

export function QuotaGroups({ snapshot, questionnaires }: { snapshot: QuotaSnapshot; questionnaires?: QuestionnaireVersions }) {
  const { t } = useCT();
  return (
    <section aria-labelledby="quota-heading" className="coord-section">
      <h2 id="quota-heading">{t('quota.heading')}</h2>
      {snapshot.groups.map((g) => (
        <GroupCard key={g.id} group={g} questionnaires={questionnaires} />
      ))}
    </section>
  );
}

function GroupCard({ group, questionnaires }: { group: QuotaGroup; questionnaires: QuestionnaireVersions }) {
  const { t, lang } = useCT();
  const label = tr(group.label, lang);
  const blocks = strataBlocks(group, parentLabels(group, lang));
  const headingId = `group-${group.id}`;
  return (
    <article className={group.over > 0 ? 'quota-group over' : 'quota-group'} aria-labelledby={headingId} data-group={group.id}>
      <h3 id={headingId}>{label}</h3>
      <Bar label={label} accepted={group.accepted} target={group.target} />
      <p className="quota-summary">
        {t('quota.groupSummary', { target: group.target, accepted: group.accepted, over: group.over })}
        {group.full && <span className="badge full">{t('quota.full')}</span>}
        {group.over > 0 && <span className="badge over">{t('quota.overBy', { count: group.over })}</span>}
      </p>
      <p className="muted small">
        {t('quota.policy', { policy: group.policy === 'stop' ? t('quota.policyStop') : t('quota.policyContinue') })} ·{' '}
        {t('quota.questionnaire', {
          title: questionnaireTitle(group.questionnaire.id, group.questionnaire.version, lang, questionnaires),
          version: group.questionnaire.version,
        })}
      </p>
      {group.strata.length === 0 ? (
        <p className="muted small">{t('quota.noStrata')}</p>
      ) : (
        blocks.map((block) =>
          block.parent === undefined ? (
            <StrataTable key="" caption={t('quota.strata', { group: label })} strata={block.strata} />
          ) : (
            <ParentBlock key={block.parent} block={block} />
          ),
        )
      )}
    </article>
  );
}

/** Units under one department: collapsed to the department's totals until opened. */
function ParentBlock({ block }: { block: StratumBlock }) {
  const { t } = useCT();
  const label = block.parentLabel ?? block.parent ?? '';
  const over = block.strata.reduce((n, s) => n + s.over, 0);
  return (
    <details className="quota-parent" data-parent={block.parent}>
      <summary>
        <span className="quota-parent-name">{label}</span>
        <span className="muted small"> · {t('quota.unitsOf', { count: block.strata.length })}</span>
        <Bar label={label} accepted={block.accepted} target={block.target} />
        {over > 0 && <span className="badge over">{t('quota.overBy', { count: over })}</span>}
      </summary>
      <StrataTable caption={label} strata={block.strata} />
    </details>
  );
}

function StrataTable({ caption, strata }: { caption: string; strata: QuotaStratum[] }) {
  const { t, lang } = useCT();
  return (
    <table className="quota-strata">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('quota.stratum')}</th>
          <th scope="col">{t('quota.progress')}</th>
          <th scope="col">
            <span className="sr-only">{t('dashboard.over')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {strata.map((s) => {
          const label = tr(s.label, lang);
          return (
            <tr key={s.value} data-stratum={s.value} className={s.over > 0 ? 'over' : s.full ? 'full' : undefined}>
              <th scope="row">{label}</th>
              <td>
                <Bar label={label} accepted={s.accepted} target={s.target} />
              </td>
              <td className="quota-state">
                {s.over > 0 ? (
                  <span className="badge over">{t('quota.overBy', { count: s.over })}</span>
                ) : s.full ? (
                  <span className="badge full">{t('quota.full')}</span>
                ) : (
                  <span className="muted">{t('quota.remaining', { count: s.target - s.accepted })}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A progress bar with its figures in text beside it (the bar stops at the target; overage shows in the text). */
export function Bar({ label, accepted, target }: { label: string; accepted: number; target: number }) {
  const { t } = useCT();
  const text = t('quota.bar', { accepted, target, percent: percent(accepted, target) });
  return (
    <span className="progress quota-bar">
      <progress max={Math.max(target, 1)} value={Math.min(accepted, Math.max(target, 1))} aria-label={t('quota.barLabel', { label, accepted, target })} />
      <span>{text}</span>
    </span>
  );
}
