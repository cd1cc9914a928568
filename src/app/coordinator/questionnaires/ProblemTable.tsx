/**
 * Where each problem of an uploaded file is and what it is: sheet, row and column of a
 * spreadsheet, or the place in a JSON file, with the message in the page's language. Used for a
 * refused upload (problems) and for what an accepted one left out (warnings).
 */
import { tr, type Lang } from '../../../survey';
import type { LocatedProblem, UploadWarning } from '../api';
import { useCT } from '../i18n';

export interface LocatedText {
  sheet?: string | undefined;
  row?: number | undefined;
  column?: string | undefined;
  /** The place in a JSON file (a problem that names no sheet). */
  path?: string | undefined;
  text: string;
  /** The language `text` is in: a problem the server says in English only stays English. */
  lang: Lang;
}

/** A refusal's problem in the page's language: Vietnamese when the server gave it (`messageVi`), else English. */
export function problemText(d: LocatedProblem, lang: Lang): LocatedText {
  const vietnamese = lang === 'vi' && d.messageVi !== undefined;
  return {
    sheet: d.sheet,
    row: d.row,
    column: d.column,
    path: d.sheet === undefined ? d.path : undefined,
    text: vietnamese ? d.messageVi! : d.message,
    lang: vietnamese ? 'vi' : 'en',
  };
}

export const warningText = (w: UploadWarning, lang: Lang): LocatedText => ({
  sheet: w.sheet,
  row: w.row,
  column: w.column,
  path: w.sheet === undefined ? w.path : undefined,
  text: tr(w.message, lang),
  lang,
});

export function ProblemTable({ items, caption, kind, pageLang }: { items: LocatedText[]; caption: string; kind: 'problem' | 'note'; pageLang: Lang }) {
  const { t } = useCT();
  const spreadsheet = items.some((p) => p.sheet !== undefined);
  const json = items.some((p) => p.sheet === undefined);
  const column = {
    sheet: t('questionnaires.problems.sheet'),
    row: t('questionnaires.problems.row'),
    column: t('questionnaires.problems.column'),
    path: t('questionnaires.problems.path'),
    message: t(kind === 'problem' ? 'questionnaires.problems.message' : 'questionnaires.problems.note'),
  };
  return (
    <div className="problem-scroll">
      <table className={`coord-table stack problem-table ${kind}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {spreadsheet && (
              <>
                <th scope="col">{column.sheet}</th>
                <th scope="col" className="num">
                  {column.row}
                </th>
                <th scope="col">{column.column}</th>
              </>
            )}
            {json && <th scope="col">{column.path}</th>}
            <th scope="col">{column.message}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p, i) => (
            <tr key={i} data-sheet={p.sheet} data-row={p.row} data-column={p.column}>
              {spreadsheet && (
                <>
                  <td data-label={column.sheet} className="problem-place">
                    {p.sheet ?? ''}
                  </td>
                  <td data-label={column.row} className="num">
                    {p.row ?? ''}
                  </td>
                  <td data-label={column.column} className="problem-place">
                    {p.column ?? ''}
                  </td>
                </>
              )}
              {json && (
                <td data-label={column.path}>
                  {p.path ? (
                    <code lang="en" className="problem-path">
                      {p.path}
                    </code>
                  ) : (
                    ''
                  )}
                </td>
              )}
              <td data-label={column.message} className="problem-message">
                <span lang={p.lang !== pageLang ? p.lang : undefined}>{p.text}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
