/**
 * Turns the text of a definition file into a checked definition, or into errors that name the
 * file, the path inside it and the problem. Used by the build, the server and the tests.
 */
import { Definition as DefinitionSchema } from './schema';
import { checkDefinition, formatPath } from './check';
import { describeIssueVi } from './issue-vi';
import type { Definition } from './types';

export interface DefinitionError {
  file: string;
  path: string;
  message: string;
  /** The same in Vietnamese, for the coordinators' pages (the path is beside it, never in it). */
  messageVi?: string;
}

export type LoadResult = { ok: true; definition: Definition } | { ok: false; errors: DefinitionError[] };

export function formatDefinitionError(e: DefinitionError): string {
  return `${e.file}: ${e.path}: ${e.message}`;
}

export class DefinitionLoadError extends Error {
  constructor(readonly errors: DefinitionError[]) {
    super(`Broken survey definition:\n${errors.map((e) => '  ' + formatDefinitionError(e)).join('\n')}`);
    this.name = 'DefinitionLoadError';
  }
}

/** Parses and checks a definition from the text of `file`. */
export function parseDefinition(text: string, file: string): LoadResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    return { ok: false, errors: [{ file, path: '(file)', message: `not valid JSON: ${message}`, messageVi: `tệp không phải là JSON hợp lệ${jsonPlaceVi(message)}` }] };
  }
  return checkDefinitionData(json, file);
}

/** Checks already-parsed JSON data. */
export function checkDefinitionData(json: unknown, file: string): LoadResult {
  const parsed = DefinitionSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({ file, path: formatPath(issue.path), message: describeIssue(issue), messageVi: describeIssueVi(issue) })),
    };
  }
  const problems = checkDefinition(parsed.data);
  if (problems.length > 0)
    return { ok: false, errors: problems.map((p) => ({ file, path: formatPath(p.path), message: p.message, messageVi: p.messageVi })) };
  return { ok: true, definition: parsed.data };
}

/** Where JSON.parse stopped, in Vietnamese, from its (English) message: " (dòng 3, cột 5)", " (vị trí 42)" or nothing. */
function jsonPlaceVi(message: string): string {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return ` (dòng ${lineColumn[1]}, cột ${lineColumn[2]})`;
  const position = /position (\d+)/.exec(message);
  if (position) return ` (ký tự thứ ${Number(position[1]) + 1})`;
  if (/end of (JSON|data) input/i.test(message)) return ' (tệp kết thúc giữa chừng)';
  return '';
}

interface Issue {
  code: string;
  message: string;
  keys?: string[];
  issues?: readonly Issue[];
}

/** A zod issue as a short phrase (also used for campaign files). */
export function describeIssue(issue: Issue): string {
  if (issue.code === 'unrecognized_keys' && issue.keys) return `unknown field(s): ${issue.keys.join(', ')}`;
  // A bad name of a scale or list: say why, not only zod's "Invalid key in record".
  if (issue.code === 'invalid_key' && issue.issues?.length) return `invalid name: ${issue.issues.map(describeIssue).join('; ')}`;
  return issue.message;
}
