/**
 * How large one interview's JSON can legitimately be, computed from the questionnaires: the body
 * limit of the public respondent-link route. Every question is assumed answered with its longest
 * accepted value (every option ticked, every matrix row rated, every text at its maximum length in
 * 3-byte characters, every "please specify" at the wire format's 20,000 characters), with the
 * envelope and section times on top, then doubled. Anything larger cannot be a real interview of
 * this server's questionnaires, so it is refused (413) before it is read to the end, let alone
 * parsed.
 */
import { isAnswerable, optionsOf, ratesStrata, rowsOf } from '../../survey';
import type { Definition, Question } from '../../survey';
import type { Catalog } from './catalog';

/** The wire format's longest text answer (contract: Scalar), in UTF-16 units. */
const MAX_TEXT_UNITS = 20_000;
/** A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair: 4 bytes for 2 units). */
const BYTES_PER_UNIT = 3;
/** id, survey, version, group, stratum, language, two timestamps, mode, keys and punctuation. */
const ENVELOPE_BYTES = 2_048;
/** A number as JSON (`1.7976931348623157e+308` is 23 bytes), with its key's punctuation. */
const NUMBER_BYTES = 32;
/** Never less than this, so a tiny questionnaire still takes a generous interview. */
const FLOOR_BYTES = 64 * 1024;
/**
 * A matrix rating the campaign's strata has as many rows as a campaign plans (and a draft kept):
 * assumed at least this many, each code at least STRATUM_CODE_BYTES, whatever its stratum lists hold.
 */
const STRATA_ROWS = 500;
const STRATUM_CODE_BYTES = 66;

const quoted = (s: string): number => Buffer.byteLength(JSON.stringify(s), 'utf8');
const text = (units: number): number => Math.min(units, MAX_TEXT_UNITS) * BYTES_PER_UNIT + 2;

function answerBytes(def: Definition, q: Question): number {
  const options = optionsOf(def, q);
  const longest = Math.max(0, ...options.map((o) => quoted(o.value)));
  const specify = options.some((o) => o.other === true) ? quoted(`${q.id}__other`) + 1 + text(MAX_TEXT_UNITS) : 0;
  switch (q.type) {
    case 'note':
      return 0;
    case 'single':
      return longest + specify;
    case 'multiple':
      return options.reduce((sum, o) => sum + quoted(o.value) + 1, 2) + specify;
    case 'matrix': {
      const rows = rowsOf(def, q).reduce((sum, r) => sum + quoted(r.value) + 1 + longest + 1, 2);
      return ratesStrata(q) ? Math.max(rows, STRATA_ROWS * (STRATUM_CODE_BYTES + 1 + longest + 1)) : rows;
    }
    case 'integer':
    case 'decimal':
      return NUMBER_BYTES;
    case 'date':
      return quoted('2000-01-01');
    case 'text':
    case 'longtext':
      return text(q.maxLength ?? MAX_TEXT_UNITS);
  }
}

/** The largest legitimate JSON of one interview of `def`, before the margin. */
export function largestInterviewBytes(def: Definition): number {
  let bytes = ENVELOPE_BYTES;
  for (const section of def.sections) {
    bytes += quoted(section.id) + 1 + NUMBER_BYTES;
    for (const q of section.questions) if (isAnswerable(q)) bytes += quoted(q.id) + 2 + answerBytes(def, q);
  }
  return bytes;
}

/** The body limit of one interview sent through a link: twice the largest questionnaire's largest interview. */
export function interviewBodyLimit(catalog: Catalog): number {
  const largest = Math.max(0, ...catalog.list().map((e) => largestInterviewBytes(e.definition)));
  return Math.max(FLOOR_BYTES, 2 * largest);
}

/** The most answer fields an interview of `def` can have: its questions and their "please specify" texts. */
export function answerFields(def: Definition): number {
  let fields = 0;
  for (const section of def.sections)
    for (const q of section.questions) if (isAnswerable(q)) fields += optionsOf(def, q).some((o) => o.other === true) ? 2 : 1;
  return fields;
}

/** The most answer fields any interview of the catalog can have. */
export function answerFieldLimit(catalog: Catalog): number {
  return Math.max(1, ...catalog.list().map((e) => answerFields(e.definition)));
}

/**
 * The link route's limits for the questionnaires loaded now: recomputed when a version is added
 * (published from the coordinators' pages or learnt from another process), so a larger
 * questionnaire published without a restart takes its interviews.
 */
export function currentLimits(catalog: Catalog): () => { bodyBytes: number; answerFields: number } {
  let seen: readonly unknown[] | undefined;
  let limits = { bodyBytes: 0, answerFields: 0 };
  return () => {
    const list = catalog.list();
    if (list !== seen) {
      seen = list;
      limits = { bodyBytes: interviewBodyLimit(catalog), answerFields: answerFieldLimit(catalog) };
    }
    return limits;
  };
}
