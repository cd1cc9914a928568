/**
 * Respondent links for coordinators: POST /api/coordinator/links (create; tokens shown once),
 * GET /api/coordinator/links (`?campaign=&group=`), POST /api/coordinator/links/:id/revoke.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { API_PATHS, LinkCreateRequest } from '../../contract';
import type { LinkCreated, LinkList, LinkRevoked } from '../../contract';
import { recordAudit } from '../audit';
import { requireCoordinator, sessionOf } from '../coordinators/hook';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { ServerRefusal } from '../errors';
import { createLinks, linkById, listLinks, revokeLink } from '../links/links';
import { parseBody } from './parse';

const NOTICE = {
  vi: 'Liên kết chỉ hiển thị một lần: máy chủ chỉ lưu mã băm. Hãy in, sao chép hoặc tải về ngay bây giờ.',
  en: 'These links are shown only once: the server stores only their hashes. Print, copy or download them now.',
};

const queryText = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function coordinatorLinkRoutes(app: FastifyInstance, db: Kysely<DatabaseSchema>, catalog: Catalog): void {
  const base = API_PATHS.coordinatorLinks;
  const onRequest = requireCoordinator(db);

  app.post(base, { onRequest }, async (request, reply) => {
    const body = parseBody(LinkCreateRequest, request.body);
    const { username } = sessionOf(request);
    const links = await createLinks(db, catalog, body, username);
    for (const { link } of links)
      await recordAudit(db, {
        actor: username,
        action: 'link.created',
        target: `link:${link.id}`,
        detail: { campaign: link.campaignId, survey: `${link.survey.id}@${link.survey.version}`, group: link.group.id, stratum: link.stratum?.value, kind: link.kind, maxUses: link.maxUses, label: link.label },
      });
    void reply.status(201).header('cache-control', 'no-store');
    return { links, tokensShownOnce: true, notice: NOTICE } satisfies LinkCreated;
  });

  app.get<{ Querystring: { campaign?: string; group?: string } }>(base, { onRequest }, async (request, reply) => {
    void reply.header('cache-control', 'no-store');
    const filter = { campaign: queryText(request.query.campaign), group: queryText(request.query.group) };
    return { links: await listLinks(db, catalog, filter) } satisfies LinkList;
  });

  app.post<{ Params: { id: string } }>(`${base}/:id/revoke`, { onRequest }, async (request, reply) => {
    const { id } = request.params;
    const was = await db.selectFrom('respondent_links').select('revoked_at').where('id', '=', id).executeTakeFirst();
    if (!(await revokeLink(db, id))) throw new ServerRefusal('not_found', `There is no link ${id}.`);
    const link = await linkById(db, catalog, id);
    if (!link) throw new ServerRefusal('not_found', `There is no link ${id}.`);
    // Revoking a revoked link again changes nothing: no entry.
    if (was?.revoked_at === null)
      await recordAudit(db, { actor: sessionOf(request).username, action: 'link.revoked', target: `link:${id}`, detail: { group: link.group.id, stratum: link.stratum?.value, label: link.label } });
    void reply.header('cache-control', 'no-store');
    return { link } satisfies LinkRevoked;
  });
}
