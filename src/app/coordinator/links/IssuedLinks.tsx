/**
 * Links just created, shown this once with their tokens: a QR code per link (inline SVG), a
 * printable sheet (links.css lays the codes out on paper with group, stratum and short code under
 * each) and a CSV download made here from the creation reply.
 */
import { useMemo } from 'react';
import { renderSVG } from 'uqr';
import { tr } from '../../../survey';
import type { LinkCreated } from '../api';
import { useCT } from '../i18n';
import { downloadText, linksCsv, linksFileName, linkUrl, shortCode } from './links-csv';

export function IssuedLinks({ created, origin }: { created: LinkCreated; origin: string }) {
  const { t, lang } = useCT();
  // Medium error correction and a wider quiet zone: the codes are printed and scanned from paper.
  const cards = useMemo(
    () => created.links.map((issued) => ({ issued, url: linkUrl(origin, issued), svg: renderSVG(linkUrl(origin, issued), { ecc: 'M', border: 2 }) })),
    [created, origin],
  );
  return (
    <section aria-labelledby="issued-heading" className="coord-section link-issued">
      <h2 id="issued-heading">{t('links.createdHeading', { count: created.links.length })}</h2>
      <p className="notice" role="status">
        {tr(created.notice, lang)}
      </p>
      <div className="actions link-actions">
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('links.print')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => downloadText(linksCsv(origin, created.links), linksFileName(created.links, new Date()), 'text/csv;charset=utf-8')}
        >
          {t('links.csv')}
        </button>
      </div>
      <ul className="link-sheet">
        {cards.map(({ issued, url, svg }) => {
          const { link } = issued;
          const code = shortCode(link.id);
          return (
            <li key={link.id} className="link-card" data-link={link.id}>
              <span className="link-qr" role="img" aria-label={t('links.qr', { code })} dangerouslySetInnerHTML={{ __html: svg }} />
              <p className="link-card-group">{tr(link.group.label, lang)}</p>
              {link.stratum && <p className="link-card-stratum">{tr(link.stratum.label, lang)}</p>}
              {link.kind === 'shared' && <p>{t('links.maxUsesShort', { count: link.maxUses })}</p>}
              {link.label && <p className="link-card-label">{link.label}</p>}
              {/* What the person handed the sheet does with it. */}
              <p className="link-card-howto">{t(link.kind === 'single' ? 'links.howtoSingle' : 'links.howtoShared')}</p>
              <p className="link-card-code">{t('links.code', { code })}</p>
              <p className="link-card-url" lang="en">
                {url}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
