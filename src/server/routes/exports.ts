/**
 * GET /api/coordinator/exports/:surveyId/:version.(csv|xlsx|json): one questionnaire version's
 * interviews, one row per interview, streamed batch by batch. CSV gives codes, or labels with
 * `?labels=vi|en`; XLSX has the sheets data (codes), labels (`?labels=`, default vi) and codebook,
 * and scores for a questionnaire with scoring. `:version.sps` / `.do`: SPSS syntax and a Stata
 * do-file that read the codes CSV (`<surveyId>-v<version>.csv`) and label it (`?labels=`, default
 * vi). `:version.scores.csv` / `.scores.json`: the scores alone, overall, per group and per stratum
 * (labels in `?labels=`, default vi).
 *
 * Interview-level exports (answers per respondent: CSV, XLSX, JSON, and the syntax files that
 * describe them) are an administrator's; the scores are every coordinator's. Every download is
 * recorded in the audit trail.
 *
 * Every export is written as its rows are read, in bounded memory: the first bytes leave as soon as
 * the first rows are read, the writing waits while the client is slow, other requests are served
 * between chunks of rows, and reading stops once the client has gone. Each export ends with one log
 * line: its batches and rows read and whether it was sent whole.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { API_PATHS } from '../../contract';
import type { Definition, Lang } from '../../survey';
import { recordAudit } from '../audit';
import { requireAdmin, requireCoordinator, sessionOf } from '../coordinators/hook';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { learnVersions } from '../definitions/shared';
import { ServerRefusal } from '../errors';
import { ownStrata, strataColumns, strataLabeller } from '../campaigns/strata-rows';
import { exportColumns } from '../exports/columns';
import type { Column, ExportRow } from '../exports/columns';
import { csvHeader, csvLines } from '../exports/csv';
import { dictionaryOf, measureTexts } from '../exports/dictionary';
import { jsonHead, jsonInterview, jsonTail } from '../exports/json';
import { ROWS_PER_TURN, writeChunks } from '../exports/flow';
import { EXPORT_BATCH, exportBatches } from '../exports/rows';
import { scoresCsv, scoresJson } from '../exports/scores';
import { versionScores } from '../scores/report';
import { spssSyntax } from '../exports/spss';
import { stataDoFile } from '../exports/stata';
import { minCellAcross } from '../scores/report';
import { XLSX_TYPE } from '../exports/xlsx-protocol';
import { writeXlsxWhenFree } from '../exports/xlsx-thread';

/** The CSV text in chunks of at most ROWS_PER_TURN rows: the header, then each batch. */
async function* csvChunks(columns: readonly Column[], batches: AsyncIterable<ExportRow[]>, labels: Lang | undefined): AsyncGenerator<string> {
  yield csvHeader(columns);
  for await (const batch of batches)
    for (let i = 0; i < batch.length; i += ROWS_PER_TURN) yield csvLines(columns, batch.slice(i, i + ROWS_PER_TURN), labels);
}

/** The JSON document in chunks of at most ROWS_PER_TURN interviews. */
async function* jsonChunks(def: Definition, batches: AsyncIterable<ExportRow[]>): AsyncGenerator<string> {
  yield jsonHead(def, new Date().toISOString());
  let separator = '\n';
  for await (const batch of batches)
    for (let i = 0; i < batch.length; i += ROWS_PER_TURN) {
      let chunk = '';
      for (const r of batch.slice(i, i + ROWS_PER_TURN)) {
        chunk += separator + jsonInterview(r);
        separator = ',\n';
      }
      yield chunk;
    }
  yield '\n' + jsonTail;
}

const TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8', xlsx: XLSX_TYPE, sps: 'text/plain; charset=utf-8', do: 'text/plain; charset=utf-8' } as const;

export function exportRoutes(app: FastifyInstance, db: Kysely<DatabaseSchema>, catalog: Catalog): void {
  app.get<{ Params: { surveyId: string; file: string }; Querystring: { labels?: string } }>(
    `${API_PATHS.coordinator}/exports/:surveyId/:file`,
    { onRequest: requireCoordinator(db) },
    async (request, reply) => {
      const { surveyId, file } = request.params;
      const match = /^([1-9]\d{0,8})(\.scores)?\.(csv|xlsx|json|sps|do)$/.exec(file);
      if (!match || (match[2] !== undefined && match[3] !== 'csv' && match[3] !== 'json'))
        throw new ServerRefusal('not_found', `Ask for ${surveyId}/<version>.csv, .xlsx, .json, .sps or .do, or the scores: <version>.scores.csv or .scores.json.`);
      const version = Number(match[1]);
      const onlyScores = match[2] !== undefined;
      const format = match[3] as keyof typeof TYPES;
      // Answers per respondent, and the files that describe them, are for administrators.
      if (!onlyScores) requireAdmin(request, 'download interview-level data (answers per respondent)', 'tải dữ liệu từng phiếu (câu trả lời của từng người)');
      await learnVersions(db, catalog, [{ surveyId, version }]);
      const entry = catalog.get(surveyId, version);
      if (!entry) throw new ServerRefusal('not_found', `There is no questionnaire "${surveyId}" version ${version} on this server.`);
      const labelsParam = request.query.labels;
      if (labelsParam !== undefined && labelsParam !== 'vi' && labelsParam !== 'en')
        throw new ServerRefusal('invalid_request', 'labels is vi or en.', [{ path: 'labels', message: 'must be one of "vi", "en"' }]);
      const labels: Lang | undefined = labelsParam;
      const def = entry.definition;
      if (onlyScores && !def.scoring)
        throw new ServerRefusal('not_found', `The questionnaire "${surveyId}" version ${version} has no scoring.`);
      const syntax = format === 'sps' || format === 'do';
      // The syntax files describe the interviews' columns only.
      // The strata's and strata rows' labels, from the campaigns and the questionnaire's lists.
      const strataLabel = strataLabeller(catalog, def);
      const scores = def.scoring && !syntax ? await versionScores(db, def, minCellAcross(catalog), strataLabel) : undefined;
      // A matrix of the campaign's strata: a column per planned stratum and per code the interviews rated.
      const matrixRows = onlyScores ? {} : await strataColumns(db, catalog, def, strataLabel);
      // A stratum a campaign plans outside the questionnaire's list: labelled by the campaign.
      const own = onlyScores ? [] : await ownStrata(db, catalog, def, strataLabel);
      const columns = exportColumns(def, matrixRows, own);
      const labelled = (format === 'csv' && labels !== undefined) || (syntax && labels === 'en');
      const name = `${surveyId}-v${version}${onlyScores ? '-scores' : ''}${labelled ? `-labels-${labels}` : ''}.${format}`;
      // Recorded when asked for: a download stopped half-way still took data out.
      await recordAudit(db, { actor: sessionOf(request).username, action: 'export.downloaded', target: `questionnaire:${surveyId}@${version}`, detail: { file: name, format, ...(labels ? { labels } : {}) } });
      void reply
        .header('content-type', TYPES[format])
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff');
      if (scores && onlyScores)
        return reply.send(format === 'csv' ? scoresCsv(scores, labels ?? 'vi') : scoresJson(def, scores, new Date().toISOString()));
      // The client has gone when the response closes before it was finished.
      const gone = new AbortController();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) gone.abort();
      });
      const signal = gone.signal;
      if (syntax) {
        const dictionary = dictionaryOf(def, matrixRows, own);
        const options = { lang: labels ?? 'vi', madeAt: new Date().toISOString() } as const;
        if (format === 'do') return reply.send(stataDoFile(dictionary, options));
        // Free text without a maximum length is as wide as its longest answer stored now.
        const measured = await measureTexts(dictionary, exportBatches(db, surveyId, version, EXPORT_BATCH, signal));
        return reply.send(spssSyntax(dictionary, { ...options, measured }));
      }
      const read = { batches: 0, rows: 0 };
      async function* batches(): AsyncGenerator<ExportRow[]> {
        for await (const batch of exportBatches(db, surveyId, version, EXPORT_BATCH, signal)) {
          read.batches += 1;
          read.rows += batch.length;
          yield batch;
        }
      }
      const out = new PassThrough();
      const started = performance.now();
      const written =
        format === 'xlsx'
          ? writeXlsxWhenFree(out, { def, matrixRows, ownStrata: own, batches, labels: labels ?? 'vi', scores, signal })
          : writeChunks(out, format === 'csv' ? csvChunks(columns, batches(), labels) : jsonChunks(def, batches()), signal);
      const report = (complete: boolean) => ({ export: name, batches: read.batches, rows: read.rows, complete, ms: Math.round(performance.now() - started) });
      written.then(
        () => {
          if (!signal.aborted) return request.log.info(report(true), 'export written');
          out.destroy();
          request.log.info(report(false), 'export stopped: the client went away');
        },
        (e: unknown) => {
          out.destroy(e instanceof Error ? e : new Error(String(e)));
          request.log.error({ ...report(false), err: e }, 'export failed');
        },
      );
      return reply.send(out);
    },
  );
}
