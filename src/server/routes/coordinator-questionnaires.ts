/**
 * The coordinators' questionnaire routes (src/contract/questionnaires.ts): upload a file as a
 * draft, list, preview, publish, retire and reinstate versions, download a version as an XLSForm.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { API_PATHS, QUESTIONNAIRE_FILE_LIMIT } from '../../contract';
import type { ErrorDetail, QuestionnaireDraftDetail, QuestionnaireList, QuestionnairePublished, UploadWarning } from '../../contract';
import { exportXlsform } from '../../survey/xlsform/export';
import { recordAudit } from '../audit';
import { requireAdmin, requireCoordinator, sessionOf } from '../coordinators/hook';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { learnVersions } from '../definitions/shared';
import { ServerRefusal } from '../errors';
import { writeWorkbook, type LocatedProblem } from '../questionnaires/read-upload';
import { readUploadInThread } from '../questionnaires/read-thread';
import { createDraft, deleteDraft, getDraft, listDrafts, listPublished, publishDraft, setRetired } from '../questionnaires/store';

const where = (p: LocatedProblem): string =>
  p.path ?? [p.sheet, p.row !== undefined ? `row ${p.row}` : undefined, p.column !== undefined ? `column ${p.column}` : undefined].filter((x) => x !== undefined).join(', ');

const detailOf = (p: LocatedProblem): ErrorDetail => ({
  path: where(p),
  message: p.message.en,
  messageVi: p.message.vi,
  ...(p.sheet !== undefined ? { sheet: p.sheet } : {}),
  ...(p.row !== undefined ? { row: p.row } : {}),
  ...(p.column !== undefined ? { column: p.column } : {}),
});

/** The file name sent in `x-file-name`, percent-encoded by browsers' pages (non-ASCII names). */
function fileNameOf(header: string | string[] | undefined): string {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) return 'questionnaire';
  try {
    return decodeURIComponent(raw).replace(/[\\/]/g, '_').slice(0, 200);
  } catch {
    return raw.slice(0, 200);
  }
}

export function coordinatorQuestionnaireRoutes(app: FastifyInstance, db: Kysely<DatabaseSchema>, catalog: Catalog): void {
  const base = API_PATHS.coordinatorQuestionnaires;
  const onRequest = requireCoordinator(db);
  const version = (text: string): number => {
    if (!/^[1-9]\d{0,9}$/.test(text) || Number(text) > 2_147_483_647) throw new ServerRefusal('not_found', `There is no version ${text}.`);
    return Number(text);
  };

  app.get(base, { onRequest }, async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    return { published: await listPublished(db, catalog), drafts: await listDrafts(db) } satisfies QuestionnaireList;
  });

  app.get<{ Params: { draft: string } }>(`${base}/drafts/:draft`, { onRequest }, async (request, reply) => {
    const draft = await getDraft(db, request.params.draft);
    if (!draft) throw new ServerRefusal('not_found', 'There is no such draft (published or deleted already?).');
    void reply.header('cache-control', 'no-store');
    return { draft: draft.summary, definition: draft.definition } satisfies QuestionnaireDraftDetail;
  });

  app.delete<{ Params: { draft: string } }>(`${base}/drafts/:draft`, { onRequest }, async (request, reply) => {
    const draft = await getDraft(db, request.params.draft);
    if (!draft || !(await deleteDraft(db, request.params.draft))) throw new ServerRefusal('not_found', 'There is no such draft.');
    await recordAudit(db, {
      actor: sessionOf(request).username,
      action: 'questionnaire.draft_deleted',
      target: `questionnaire:${draft.summary.id}@${draft.summary.version}`,
      detail: { fileName: draft.summary.fileName },
    });
    return reply.status(204).send();
  });

  app.post<{ Params: { draft: string } }>(`${base}/drafts/:draft/publish`, { onRequest }, async (request, reply) => {
    const { username } = requireAdmin(request, 'publish a questionnaire');
    const published = await publishDraft(db, catalog, request.params.draft, username);
    if (!published) throw new ServerRefusal('not_found', 'There is no such draft (published or deleted already?).');
    await recordAudit(db, { actor: username, action: 'questionnaire.published', target: `questionnaire:${published.id}@${published.version}`, detail: { title: published.title.vi } });
    void reply.status(201).header('cache-control', 'no-store');
    return { questionnaire: published } satisfies QuestionnairePublished;
  });

  for (const [action, retired] of [['retire', true], ['reinstate', false]] as const)
    app.post<{ Params: { id: string; version: string } }>(`${base}/:id/:version/${action}`, { onRequest }, async (request, reply) => {
      const { username } = requireAdmin(request, retired ? 'retire a questionnaire version' : 'reinstate a questionnaire version');
      const changed = await setRetired(db, catalog, request.params.id, version(request.params.version), retired);
      if (!changed) throw new ServerRefusal('not_found', `There is no questionnaire "${request.params.id}" version ${request.params.version}.`);
      await recordAudit(db, { actor: username, action: retired ? 'questionnaire.retired' : 'questionnaire.reinstated', target: `questionnaire:${changed.id}@${changed.version}` });
      void reply.header('cache-control', 'no-store');
      return { questionnaire: changed } satisfies QuestionnairePublished;
    });

  app.get<{ Params: { id: string; file: string } }>(`${base}/:id/:file`, { onRequest }, async (request, reply) => {
    const m = /^(\d+)\.xlsx$/.exec(request.params.file);
    if (!m) throw new ServerRefusal('not_found', 'Ask for <version>.xlsx.');
    const wanted = version(m[1]!);
    await learnVersions(db, catalog, [{ surveyId: request.params.id, version: wanted }]);
    const entry = catalog.get(request.params.id, wanted);
    if (!entry) throw new ServerRefusal('not_found', `There is no questionnaire "${request.params.id}" version ${wanted}.`);
    const bytes = writeWorkbook(exportXlsform(entry.definition));
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${entry.definition.id}-v${wanted}.xlsx"`)
      .header('cache-control', 'no-store')
      .send(bytes);
  });

  // The upload takes the file's bytes whatever the content type: the format is read from them.
  void app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: QUESTIONNAIRE_FILE_LIMIT }, (_request, body, done) => done(null, body));
    scoped.post(base, { onRequest, bodyLimit: QUESTIONNAIRE_FILE_LIMIT }, async (request, reply) => {
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const fileName = fileNameOf(request.headers['x-file-name']);
      const read = await readUploadInThread(bytes, fileName);
      if (!read.ok)
        throw new ServerRefusal(
          'invalid_definition',
          `${fileName} is not a questionnaire this server accepts: ${read.problems.length} problem(s), each located in details.`,
          read.problems.slice(0, 500).map(detailOf),
        );
      const warnings: UploadWarning[] = read.warnings.map((w) => ({
        ...(w.sheet !== undefined ? { sheet: w.sheet } : {}),
        ...(w.row !== undefined ? { row: w.row } : {}),
        ...(w.column !== undefined ? { column: w.column } : {}),
        ...(w.path !== undefined ? { path: w.path } : {}),
        message: { vi: w.message.vi, en: w.message.en },
      }));
      const { username } = sessionOf(request);
      const draft = await createDraft(db, { definition: read.definition, format: read.format, fileName, warnings }, username);
      await recordAudit(db, { actor: username, action: 'questionnaire.uploaded', target: `questionnaire:${draft.id}@${draft.version}`, detail: { fileName, format: read.format, draftId: draft.draftId } });
      void reply.status(201).header('cache-control', 'no-store');
      return draft;
    });
  });
}
