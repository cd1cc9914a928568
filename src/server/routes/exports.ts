/**
 * GET /api/coordinator/exports/:surveyId/:version.(csv|xlsx|json): one questionnaire version's
 * interviews, one row per interview, streamed batch by batch. CSV gives codes, or labels with
 * `?labels=vi|en`; XLSX has the sheets data (codes), labels (`?labels=`, default vi) and codebook,
 * and scores for a questionnaire with scoring. `:version.scores.csv` / `.scores.json`: the scores
 * alone, overall, per group and per stratum (labels in `?labels=`, default vi).
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { API_PATHS } from '../../contract';
import type { Lang } from '../../survey';
import { requireCoordinator } from '../coordinators/hook';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { ApiFailure } from '../errors';
import { exportColumns } from '../exports/columns';
import { csvHeader, csvLines } from '../exports/csv';
import { jsonHead, jsonInterview, jsonTail } from '../exports/json';
import { exportBatches } from '../exports/rows';
import { scoresCsv, scoresJson, versionScores } from '../exports/scores';
import { XLSX_TYPE, xlsxStream } from '../exports/xlsx';

const TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8', xlsx: XLSX_TYPE } as const;

export function exportRoutes(app: FastifyInstance, db: Kysely<DatabaseSchema>, catalog: Catalog): void {
  app.get<{ Params: { surveyId: string; file: string }; Querystring: { labels?: string } }>(
    `${API_PATHS.coordinator}/exports/:surveyId/:file`,
    { onRequest: requireCoordinator(db) },
    async (request, reply) => {
      const { surveyId, file } = request.params;
      const match = /^([1-9]\d{0,8})(\.scores)?\.(csv|xlsx|json)$/.exec(file);
      if (!match || (match[2] !== undefined && match[3] === 'xlsx'))
        throw new ApiFailure(404, 'not_found', `Ask for ${surveyId}/<version>.csv, .xlsx or .json, or the scores: <version>.scores.csv or .scores.json.`);
      const version = Number(match[1]);
      const onlyScores = match[2] !== undefined;
      const format = match[3] as keyof typeof TYPES;
      const entry = catalog.get(surveyId, version);
      if (!entry) throw new ApiFailure(404, 'not_found', `There is no questionnaire "${surveyId}" version ${version} on this server.`);
      const labelsParam = request.query.labels;
      if (labelsParam !== undefined && labelsParam !== 'vi' && labelsParam !== 'en')
        throw new ApiFailure(400, 'invalid_request', 'labels is vi or en.', [{ path: 'labels', message: 'must be one of "vi", "en"' }]);
      const labels: Lang | undefined = labelsParam;
      const def = entry.definition;
      if (onlyScores && !def.scoring)
        throw new ApiFailure(404, 'not_found', `The questionnaire "${surveyId}" version ${version} has no scoring.`);
      const scores = def.scoring ? await versionScores(db, def) : undefined;
      const columns = exportColumns(def);
      const batches = () => exportBatches(db, surveyId, version);
      const name = `${surveyId}-v${version}${onlyScores ? '-scores' : ''}${format === 'csv' && labels ? `-labels-${labels}` : ''}.${format}`;
      void reply
        .header('content-type', TYPES[format])
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff');
      if (scores && onlyScores)
        return reply.send(format === 'csv' ? scoresCsv(scores, labels ?? 'vi') : scoresJson(def, scores, new Date().toISOString()));
      if (format === 'xlsx') return reply.send(xlsxStream(def, columns, batches, labels ?? 'vi', scores));
      if (format === 'csv')
        return reply.send(
          Readable.from(
            (async function* () {
              yield csvHeader(columns);
              for await (const batch of batches()) yield csvLines(columns, batch, labels);
            })(),
          ),
        );
      const exportedAt = new Date().toISOString();
      return reply.send(
        Readable.from(
          (async function* () {
            yield jsonHead(def, exportedAt);
            let separator = '\n';
            for await (const batch of batches()) {
              let chunk = '';
              for (const r of batch) {
                chunk += separator + jsonInterview(r);
                separator = ',\n';
              }
              yield chunk;
            }
            yield '\n' + jsonTail;
          })(),
        ),
      );
    },
  );
}
