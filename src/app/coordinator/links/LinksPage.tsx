/** Respondent links: create them for a group and stratum, print or download them once, follow and revoke them. */
import { useCallback, useState } from 'react';
import { useCoordinatorApi, type LinkCreated } from '../api';
import { describeFailure } from '../failure';
import { useCT } from '../i18n';
import { useRefreshing } from '../useRefreshing';
import { CreateLinks } from './CreateLinks';
import { IssuedLinks } from './IssuedLinks';
import { shortCode } from './links-csv';
import { LinkTable } from './LinkTable';
import './links.css';

export function LinksPage({ origin = location.origin }: { origin?: string }) {
  const { t } = useCT();
  const api = useCoordinatorApi();
  const load = useCallback(() => api.links(), [api]);
  const links = useRefreshing(load);
  const [created, setCreated] = useState<LinkCreated>();
  const [notice, setNotice] = useState<string>();

  return (
    <main className="coord-links">
      <h1>{t('links.heading')}</h1>
      <p className="muted">{t('links.intro')}</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <section aria-labelledby="create-links-heading" className="coord-section link-create">
        <h2 id="create-links-heading">{t('links.createHeading')}</h2>
        <CreateLinks
          onCreated={(c) => {
            setCreated(c);
            setNotice(undefined);
            void links.refresh();
          }}
        />
      </section>
      {created && <IssuedLinks created={created} origin={origin} />}
      <section aria-labelledby="link-list-heading" className="coord-section link-list">
        <h2 id="link-list-heading">{t('links.listHeading')}</h2>
        {links.error !== undefined && (
          <p className="error" role="alert">
            {t('common.error', { message: describeFailure(links.error, t) })}
          </p>
        )}
        {links.data === undefined ? (
          links.error === undefined && <p className="muted">{t('common.loading')}</p>
        ) : links.data.length === 0 ? (
          <p className="muted">{t('links.empty')}</p>
        ) : (
          <LinkTable
            links={links.data}
            onRevoked={(link) => {
              setNotice(t('links.revoked', { code: shortCode(link.id) }));
              void links.refresh();
            }}
          />
        )}
      </section>
    </main>
  );
}
