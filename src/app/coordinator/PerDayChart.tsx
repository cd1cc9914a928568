/** Interviews per day: an inline SVG bar chart (no chart library) with the same figures as a table. */
import { formatDate, formatDayMonth } from './dates';
import { useCT } from './i18n';
import { everyDay } from './quota-view';

const HEIGHT = 160;
const AXIS = 22;
const TOP = 14;
const MIN_WIDTH = 320;

export function PerDayChart({ perDay }: { perDay: readonly { date: string; count: number }[] }) {
  const { t } = useCT();
  const days = everyDay(perDay);
  if (days.length === 0)
    return (
      <section aria-labelledby="perday-heading" className="coord-section">
        <h2 id="perday-heading">{t('perDay.heading')}</h2>
        <p className="muted">{t('perDay.empty')}</p>
      </section>
    );
  const max = Math.max(1, ...days.map((d) => d.count));
  const slot = Math.max(8, Math.min(40, Math.floor(960 / days.length)));
  const width = Math.max(MIN_WIDTH, days.length * slot);
  const x0 = (width - days.length * slot) / 2;
  const plot = HEIGHT - AXIS - TOP;
  // At most about eight date labels, so they never overlap; the first day, and the last unless a label sits right before it.
  const every = Math.max(1, Math.ceil(days.length / 8));
  return (
    <section aria-labelledby="perday-heading" className="coord-section">
      <h2 id="perday-heading">{t('perDay.heading')}</h2>
      <svg
        className="perday-chart"
        viewBox={`0 0 ${width} ${HEIGHT}`}
        role="img"
        aria-label={t('perDay.chartLabel', { count: days.length, max: Math.max(...days.map((d) => d.count)) })}
        preserveAspectRatio="xMidYMid meet"
      >
        <line x1={0} x2={width} y1={HEIGHT - AXIS} y2={HEIGHT - AXIS} className="axis" />
        <text x={2} y={TOP - 3} className="tick">
          {max}
        </text>
        {days.map((d, i) => {
          const h = Math.round((d.count / max) * plot);
          const x = x0 + i * slot + slot * 0.15;
          const label = i % every === 0 || (i === days.length - 1 && i % every >= every / 2);
          return (
            <g key={d.date}>
              <rect x={x} y={HEIGHT - AXIS - h} width={slot * 0.7} height={h} className="bar">
                <title>{`${formatDate(d.date)}: ${d.count}`}</title>
              </rect>
              {d.count > 0 && slot >= 18 && (
                <text x={x + slot * 0.35} y={HEIGHT - AXIS - h - 3} className="value" textAnchor="middle">
                  {d.count}
                </text>
              )}
              {label && (
                <text x={x + slot * 0.35} y={HEIGHT - 6} className="tick" textAnchor="middle">
                  {formatDayMonth(d.date)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <details className="perday-table">
        <summary>{t('perDay.tableToggle')}</summary>
        <table>
          <caption className="sr-only">{t('perDay.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('perDay.date')}</th>
              <th scope="col">{t('perDay.count')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <th scope="row">
                  <time dateTime={d.date}>{formatDate(d.date)}</time>
                </th>
                <td>{d.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
