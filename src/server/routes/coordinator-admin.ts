/**
 * Campaigns, accounts and the audit trail (src/contract/admin.ts). Everyone logged in reads and
 * checks campaigns; administrators create, edit and copy them, manage accounts and read the trail.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { AccountCreate, API_PATHS, CampaignCopyRequest, CampaignSave, PasswordReset, RoleChange } from '../../contract';
import type { AccountIssued, AccountList, AuditPage, CampaignCheck, CampaignDetail, CampaignList, CampaignReport, ErrorDetail, StrataImport } from '../../contract';
import { auditCsv, auditFilter, auditPage, recordAudit } from '../audit';
import { checkCampaignJson, campaignDetail, copyCampaign, createCampaign, listCampaigns, updateCampaign } from '../campaigns/store';
import { strataOfTable } from '../campaigns/strata-file';
import { requireAdmin, requireCoordinator, sessionOf } from '../coordinators/hook';
import { conflict, createAccount, listAccounts, resetPassword, setDisabled, setRole } from '../coordinators/manage';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { learnVersions } from '../definitions/shared';
import { ServerRefusal } from '../errors';
import type { LocatedProblem } from '../questionnaires/read-upload';
import { readTableInThread } from '../questionnaires/read-thread';
import { campaignReport } from '../report/build';
import { reportDocx } from '../report/docx';
import { parseBody } from './parse';

/** A campaign is a few hundred strata at most: 2 MB is far more than enough. */
const CAMPAIGN_BODY_LIMIT = 2 * 1024 * 1024;
/** A strata file: a few thousand rows. */
const STRATA_FILE_LIMIT = 5 * 1024 * 1024;

const located = (p: LocatedProblem): ErrorDetail => ({
  path: [p.sheet, p.row !== undefined ? `row ${p.row}` : undefined, p.column].filter((x) => x !== undefined).join(', '),
  message: p.message.en,
  messageVi: p.message.vi,
  ...(p.sheet !== undefined ? { sheet: p.sheet } : {}),
  ...(p.row !== undefined ? { row: p.row } : {}),
  ...(p.column !== undefined ? { column: p.column } : {}),
});

const queryText = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function coordinatorAdminRoutes(app: FastifyInstance, db: Kysely<DatabaseSchema>, catalog: Catalog): void {
  const base = API_PATHS.coordinator;
  const onRequest = requireCoordinator(db);
  const noStore = { 'cache-control': 'no-store' };

  // Campaigns
  app.get(`${base}/campaigns`, { onRequest }, async (_request, reply) => {
    void reply.headers(noStore);
    return (await listCampaigns(db, catalog)) satisfies CampaignList;
  });

  app.get<{ Params: { id: string } }>(`${base}/campaigns/:id`, { onRequest }, async (request, reply) => {
    void reply.headers(noStore);
    return (await campaignDetail(db, catalog, request.params.id)) satisfies CampaignDetail;
  });

  // The campaign's report; `compare`: an earlier campaign's id, or "none".
  app.get<{ Params: { id: string }; Querystring: { compare?: string } }>(`${base}/campaigns/:id/report`, { onRequest }, async (request, reply) => {
    void reply.headers(noStore);
    return (await campaignReport(db, catalog, request.params.id, queryText(request.query.compare))) satisfies CampaignReport;
  });

  // The same report as an editable Word document, in Vietnamese (default) or English.
  app.get<{ Params: { id: string }; Querystring: { compare?: string; lang?: string } }>(`${base}/campaigns/:id/report.docx`, { onRequest }, async (request, reply) => {
    const lang = request.query.lang ?? 'vi';
    if (lang !== 'vi' && lang !== 'en') throw new ServerRefusal('invalid_request', 'lang is vi or en.', [{ path: 'lang', message: 'must be one of "vi", "en"' }]);
    const report = await campaignReport(db, catalog, request.params.id, queryText(request.query.compare));
    const file = await reportDocx(report, lang);
    const name = `${report.campaign.id}-${lang === 'vi' ? 'bao-cao' : 'report'}.docx`;
    await recordAudit(db, { actor: sessionOf(request).username, action: 'export.downloaded', target: `campaign:${report.campaign.id}`, detail: { file: name, format: 'docx', labels: lang } });
    return reply
      .headers(noStore)
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('x-content-type-options', 'nosniff')
      .send(file);
  });

  app.post<{ Querystring: { replacing?: string } }>(`${base}/campaigns/check`, { onRequest, bodyLimit: CAMPAIGN_BODY_LIMIT }, async (request, reply) => {
    void reply.headers(noStore);
    return (await checkCampaignJson(db, catalog, request.body, queryText(request.query.replacing))).check satisfies CampaignCheck;
  });

  app.post(`${base}/campaigns`, { onRequest, bodyLimit: CAMPAIGN_BODY_LIMIT }, async (request, reply) => {
    const { username } = requireAdmin(request, 'create a campaign');
    const detail = await createCampaign(db, catalog, request.body, username);
    void reply.status(201).headers(noStore);
    return detail satisfies CampaignDetail;
  });

  app.put<{ Params: { id: string } }>(`${base}/campaigns/:id`, { onRequest, bodyLimit: CAMPAIGN_BODY_LIMIT }, async (request, reply) => {
    const { username } = requireAdmin(request, 'change a campaign');
    const body = parseBody(CampaignSave, request.body);
    void reply.headers(noStore);
    return (await updateCampaign(db, catalog, request.params.id, body.campaign, body.revision, username)) satisfies CampaignDetail;
  });

  app.post<{ Params: { id: string } }>(`${base}/campaigns/:id/copy`, { onRequest }, async (request, reply) => {
    const { username } = requireAdmin(request, 'copy a campaign');
    const body = parseBody(CampaignCopyRequest, request.body);
    const detail = await copyCampaign(db, catalog, request.params.id, body, username);
    void reply.status(201).headers(noStore);
    return detail satisfies CampaignDetail;
  });

  // A strata file is read whatever its content type: the format comes from its bytes.
  void app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: STRATA_FILE_LIMIT }, (_request, body, done) => done(null, body));
    scoped.post<{ Querystring: { questionnaire?: string; version?: string; group?: string } }>(
      `${base}/campaigns/strata`,
      { onRequest, bodyLimit: STRATA_FILE_LIMIT },
      async (request, reply) => {
        const q = request.query;
        let against: { definition: NonNullable<ReturnType<Catalog['get']>>['definition']; groupId: string } | undefined;
        const id = queryText(q.questionnaire);
        if (id !== undefined) {
          const version = Number(q.version);
          const group = queryText(q.group);
          if (!Number.isInteger(version) || version < 1 || group === undefined)
            throw new ServerRefusal('invalid_request', 'With "questionnaire", give "version" (a whole number) and "group".');
          await learnVersions(db, catalog, [{ surveyId: id, version }]);
          const entry = catalog.get(id, version);
          if (!entry) throw new ServerRefusal('not_found', `There is no questionnaire "${id}" version ${version}.`);
          against = { definition: entry.definition, groupId: group };
        }
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const table = await readTableInThread(bytes);
        const result = table.ok ? strataOfTable(table.sheet, table.rows, against) : table;
        if (!result.ok)
          throw new ServerRefusal('invalid_campaign', `The strata file has ${result.problems.length} problem(s), each located in details.`, result.problems.slice(0, 500).map(located));
        void reply.headers(noStore);
        return { strata: result.strata, sheet: table.ok ? table.sheet : '' } satisfies StrataImport;
      },
    );
  });

  // Accounts
  app.get(`${base}/accounts`, { onRequest }, async (request, reply) => {
    requireAdmin(request, 'see the accounts');
    void reply.headers(noStore);
    return { accounts: await listAccounts(db) } satisfies AccountList;
  });

  app.post(`${base}/accounts`, { onRequest }, async (request, reply) => {
    const { username } = requireAdmin(request, 'create an account');
    const body = parseBody(AccountCreate, request.body);
    const issued = await createAccount(db, body, username);
    void reply.status(201).headers(noStore);
    return issued satisfies AccountIssued;
  });

  app.post<{ Params: { id: string } }>(`${base}/accounts/:id/password`, { onRequest }, async (request, reply) => {
    const { username } = requireAdmin(request, "reset an account's password");
    const body = parseBody(PasswordReset, request.body ?? {});
    void reply.headers(noStore);
    return (await resetPassword(db, request.params.id, body.password, username)) satisfies AccountIssued;
  });

  for (const [action, disabled] of [['disable', true], ['enable', false]] as const)
    app.post<{ Params: { id: string } }>(`${base}/accounts/:id/${action}`, { onRequest }, async (request, reply) => {
      const { username, coordinatorId } = requireAdmin(request, `${action} an account`);
      if (disabled && request.params.id === coordinatorId)
        throw conflict('id', 'You cannot disable your own account: ask another administrator.', 'Không thể tự khoá tài khoản của chính mình: hãy nhờ một quản trị viên khác.');
      void reply.headers(noStore);
      return { account: await setDisabled(db, request.params.id, disabled, username) };
    });

  app.post<{ Params: { id: string } }>(`${base}/accounts/:id/role`, { onRequest }, async (request, reply) => {
    const { username } = requireAdmin(request, "change an account's role");
    const body = parseBody(RoleChange, request.body);
    void reply.headers(noStore);
    return { account: await setRole(db, request.params.id, body.role, username) };
  });

  // Audit trail
  app.get<{ Querystring: Record<string, unknown> }>(`${base}/audit`, { onRequest }, async (request, reply) => {
    requireAdmin(request, 'read the audit trail');
    const filter = auditFilter(request.query);
    const before = queryText(request.query.before);
    const limit = queryText(request.query.limit);
    if (before !== undefined && !/^[1-9]\d{0,15}$/.test(before)) throw new ServerRefusal('invalid_request', '"before" is an entry id.');
    if (limit !== undefined && (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > 500))
      throw new ServerRefusal('invalid_request', '"limit" is a whole number from 1 to 500.');
    void reply.headers(noStore);
    return (await auditPage(db, filter, before === undefined ? undefined : Number(before), limit === undefined ? 100 : Number(limit))) satisfies AuditPage;
  });

  app.get<{ Querystring: Record<string, unknown> }>(`${base}/audit.csv`, { onRequest }, async (request, reply) => {
    const { username } = requireAdmin(request, 'export the audit trail');
    const filter = auditFilter(request.query);
    const day = new Date().toISOString().slice(0, 10);
    void reply
      .headers(noStore)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-${day}.csv"`)
      .header('x-content-type-options', 'nosniff');
    await recordAudit(db, { actor: username, action: 'export.downloaded', target: 'audit', detail: { file: `audit-${day}.csv`, format: 'csv', filter } });
    return reply.send(Readable.from(auditCsv(db, filter)));
  });
}
