/**
 * Questionnaires managed from the coordinators' pages: uploaded as an XLSForm (.xlsx, .xls) or as
 * this app's JSON, kept as drafts, previewed, published as new versions (shared by every server
 * process through the database; devices take them on their next sync) and retired.
 *
 *   POST   /api/coordinator/questionnaires               body: the file itself (any content type;
 *          the format is read from its bytes), header `x-file-name` (percent-encoded) its name.
 *          201 QuestionnaireDraftCreated; 422 invalid_definition with `details` locating every
 *          problem ({sheet, row, column, message, messageVi} for a spreadsheet, {path, message}
 *          for JSON); 413 body_too_large over QUESTIONNAIRE_FILE_LIMIT.
 *   GET    /api/coordinator/questionnaires               QuestionnaireList
 *   GET    /api/coordinator/questionnaires/drafts/:draft QuestionnaireDraftDetail (the definition, for the preview)
 *   DELETE /api/coordinator/questionnaires/drafts/:draft 204
 *   POST   /api/coordinator/questionnaires/drafts/:draft/publish   201 QuestionnairePublished
 *   POST   /api/coordinator/questionnaires/:id/:version/retire     200 QuestionnairePublished (retired: true)
 *   POST   /api/coordinator/questionnaires/:id/:version/reinstate  200 QuestionnairePublished
 *   GET    /api/coordinator/questionnaires/:id/:version.xlsx       the version as an XLSForm
 */
import { z } from 'zod';

/** The largest questionnaire file accepted: a 2,000-question XLSForm is well under 2 MB. */
export const QUESTIONNAIRE_FILE_LIMIT = 10 * 1024 * 1024;

const TextSchema = z.object({ vi: z.string(), en: z.string() });

/**
 * A problem of an upload that does not stop it (something left out, a text lacking a translation),
 * located like a refusal's details: sheet, row and column of a spreadsheet, or the path in a JSON file.
 */
export const UploadWarning = z.object({
  sheet: z.optional(z.string()),
  row: z.optional(z.int()),
  column: z.optional(z.string()),
  path: z.optional(z.string()),
  message: TextSchema,
});
export type UploadWarning = z.infer<typeof UploadWarning>;

export const QuestionnaireDraftSummary = z.object({
  draftId: z.string(),
  id: z.string(),
  version: z.int(),
  title: TextSchema,
  fileName: z.string(),
  format: z.enum(['xlsx', 'xls', 'json']),
  questionCount: z.int(),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
  /** The version the file named, when it was taken already and the draft got the next free one. */
  versionInFile: z.optional(z.int()),
  warnings: z.array(UploadWarning),
});
export type QuestionnaireDraftSummary = z.infer<typeof QuestionnaireDraftSummary>;

export const QuestionnaireDraftCreated = QuestionnaireDraftSummary;
export type QuestionnaireDraftCreated = QuestionnaireDraftSummary;

export const QuestionnaireDraftDetail = z.object({ draft: QuestionnaireDraftSummary, definition: z.unknown() });
export type QuestionnaireDraftDetail = z.infer<typeof QuestionnaireDraftDetail>;

export const PublishedVersion = z.object({
  id: z.string(),
  version: z.int(),
  title: TextSchema,
  questionCount: z.int(),
  /** 'file': a default of survey-definitions/ (or a deployment); 'web': published from the coordinators' pages. */
  source: z.enum(['file', 'web']),
  publishedAt: z.string(),
  publishedBy: z.optional(z.string()),
  retired: z.boolean(),
});
export type PublishedVersion = z.infer<typeof PublishedVersion>;

export const QuestionnairePublished = z.object({ questionnaire: PublishedVersion });
export type QuestionnairePublished = z.infer<typeof QuestionnairePublished>;

export const QuestionnaireList = z.object({ published: z.array(PublishedVersion), drafts: z.array(QuestionnaireDraftSummary) });
export type QuestionnaireList = z.infer<typeof QuestionnaireList>;
