/**
 * The plan's totals that disagree with the sum of its groups: shown side by side, never resolved
 * silently, each saying which groups it covers (the plan's total may leave some out, such as the
 * citizens: the overview's target then covers more than this card's figures).
 */
import { tr } from '../../survey';
import type { CoordinatorDashboard, QuotaSnapshot } from './api';
import { useCT } from './i18n';

export function Discrepancies({ snapshot, declaredTotal }: { snapshot: QuotaSnapshot; declaredTotal?: CoordinatorDashboard['declaredTotal'] }) {
  const { t, lang } = useCT();
  const { discrepancies } = snapshot;
  const scopeLabel = (scope: string) => {
    const group = snapshot.groups.find((g) => g.id === scope);
    if (group) return tr(group.label, lang);
    if (scope !== 'campaign') return scope;
    if (!declaredTotal) return tr(snapshot.title, lang);
    const covered = snapshot.groups.filter((g) => declaredTotal.groups.includes(g.id));
    const left = snapshot.groups.filter((g) => !declaredTotal.groups.includes(g.id));
    const groups = t('discrepancy.scopeGroups', { count: covered.length });
    return left.length === 0 ? groups : t('discrepancy.scopeExcept', { scope: groups, groups: left.map((g) => tr(g.label, lang)).join('; ') });
  };
  if (discrepancies.length === 0) return null;
  return (
    <section aria-labelledby="discrepancy-heading" className="coord-section discrepancies">
      <h2 id="discrepancy-heading">{t('discrepancy.heading')}</h2>
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
