/** A questionnaire's title on the coordinators' pages, never its internal id where a title is known. */
import { catalog } from 'virtual:survey-definitions';
import { tr, type Lang } from '../../survey';
import type { CoordinatorDashboard } from './api';

export type QuestionnaireVersions = CoordinatorDashboard['questionnaires'];

/**
 * The title of a questionnaire version: as the server sends it (it may hold versions published
 * after this build), else as this build ships it (any version of the id), else the id.
 */
export function questionnaireTitle(id: string, version: number, lang: Lang, fromServer?: QuestionnaireVersions): string {
  const title =
    fromServer?.find((q) => q.id === id && q.version === version)?.title ??
    catalog.find((c) => c.id === id && c.version === version)?.title ??
    fromServer?.find((q) => q.id === id)?.title ??
    catalog.find((c) => c.id === id)?.title;
  return title ? tr(title, lang) : id;
}
