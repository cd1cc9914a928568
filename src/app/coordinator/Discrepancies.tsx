/**
 * The plan's totals that disagree with the sum of its groups: shown side by side, never resolved
 * silently, each saying which groups it covers (the plan's total may leave some out, such as the
 * citizens: the overview's target then covers more than this card's figures).
 */
import { useId } from 'react';
import { tr, type Text } from '../../survey';
import type { CoordinatorDashboard, QuotaSnapshot } from './api';
import { useCT } from './i18n';

export function Discrepancies({ snapshot, declaredTotal }: { snapshot: QuotaSnapshot; declaredTotal?: CoordinatorDashboard['declaredTotal'] }) {
  return <DiscrepancyCard discrepancies={snapshot.discrepancies} groups={snapshot.groups} title={snapshot.title} declaredGroups={declaredTotal?.groups} />;
}

export interface DiscrepancyCardProps {
  discrepancies: readonly { scope: string; declared: number; computed: number; message: Text }[];
  /** The campaign's groups, to name a group's scope. */
  groups: readonly { id: string; label: Text }[];
  /** The campaign's title: the scope of a declared total whose groups are not known. */
  title: Text;
  /** The groups the plan's total covers, when known. */
  declaredGroups?: readonly string[] | undefined;
}

/** The card itself: the dashboard's, and the campaign editor's while its targets are changed. */
export function DiscrepancyCard({ discrepancies, groups, title, declaredGroups }: DiscrepancyCardProps) {
  const { t, lang } = useCT();
  const headingId = useId();
  const scopeLabel = (scope: string) => {
    const group = groups.find((g) => g.id === scope);
    if (group) return tr(group.label, lang);
    if (scope !== 'campaign') return scope;
    if (!declaredGroups) return tr(title, lang);
    const covered = groups.filter((g) => declaredGroups.includes(g.id));
    const left = groups.filter((g) => !declaredGroups.includes(g.id));
    const scopeGroups = t('discrepancy.scopeGroups', { count: covered.length });
    return left.length === 0 ? scopeGroups : t('discrepancy.scopeExcept', { scope: scopeGroups, groups: left.map((g) => tr(g.label, lang)).join('; ') });
  };
  if (discrepancies.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="coord-section discrepancies">
      <h2 id={headingId}>{t('discrepancy.heading')}</h2>
      <p>{t('discrepancy.intro')}</p>
      <ul>
        {discrepancies.map((d, i) => (
          <li key={`${d.scope}-${i}`} data-scope={d.scope}>
            <p className="discrepancy-summary">
              <strong>{t('discrepancy.summary', { declared: d.declared, computed: d.computed })}</strong>
            </p>
            <dl className="discrepancy-figures">
              <div>
                <dt>{t('discrepancy.declared')}</dt>
                <dd>{d.declared}</dd>
              </div>
              <div>
                <dt>{t('discrepancy.computed')}</dt>
                <dd>{d.computed}</dd>
              </div>
              <div>
                <dt>{t('discrepancy.difference')}</dt>
                <dd>{d.computed - d.declared > 0 ? `+${d.computed - d.declared}` : d.computed - d.declared}</dd>
              </div>
            </dl>
            <p className="muted small">
              {t('discrepancy.scope')}: {scopeLabel(d.scope)} — {tr(d.message, lang)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
