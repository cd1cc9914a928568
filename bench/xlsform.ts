/**
 * Importing a 500-question XLSForm, as a coordinator's upload does (POST
 * /api/coordinator/questionnaires without the HTTP): the .xlsx read by SheetJS, the sheets turned
 * into a definition (expressions parsed), the engine's full check. The questionnaire is the
 * benchmark's large one repeated until it has 500 questions, written by the exporter, so every
 * construct a real form uses is in it (matrix groups, skip logic, constraints, scales, scoring).
 * Also the export of the same version (GET …/:id/:version.xlsx). Run alone: npm run bench -- xlsform
 */
import { readUpload, writeWorkbook } from '../src/server/questionnaires/read-upload';
import { countQuestions } from '../src/survey';
import type { Definition, Question, Section } from '../src/survey/types';
import { exportXlsform } from '../src/survey/xlsform/export';
import { largeDefinition } from './large-definition';
import { figure, type Figure } from './report';
import { median, round1 } from './stats';

const QUESTIONS = 500;
const RUNS = 7;

/** The large questionnaire's sections copied (ids suffixed) until it has `count` questions. */
export function definitionWith(count: number): Definition {
  const base = largeDefinition();
  const sections: Section[] = [];
  const answerable = () => sections.reduce((n, s) => n + s.questions.filter((q) => q.type !== 'note').length, 0);
  for (let copy = 0; answerable() < count; copy += 1) {
    const suffix = copy === 0 ? '' : `-c${copy}`;
    const rename = (id: string) => `${id}${suffix}`;
    for (const s of base.sections) {
      if (answerable() >= count) break;
      // Conditions name questions of the same copy: rename their ids the same way.
      const json = JSON.stringify(s).replace(/"(id|q)":"([^"]+)"/g, (_m, key: string, id: string) => `"${key}":"${rename(id)}"`);
      sections.push(JSON.parse(json) as Section);
    }
  }
  // The scoring names the first copy's questions only, which all exist.
  return { ...base, id: 'bench-xlsform', sections };
}

export function xlsformFigures(log: (m: string) => void, notes: string[]): Figure[] {
  const def = definitionWith(QUESTIONS);
  const questions = countQuestions(def);
  const exportMs: number[] = [];
  let bytes: Buffer = Buffer.alloc(0);
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    bytes = writeWorkbook(exportXlsform(def));
    exportMs.push(performance.now() - t0);
  }
  log(`importing a ${questions}-question XLSForm (${(bytes.length / 1024).toFixed(0)} KB) ${RUNS}×`);
  const importMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const read = readUpload(bytes, 'bench.xlsx');
    importMs.push(performance.now() - t0);
    if (!read.ok) throw new Error(`the benchmark's XLSForm was refused: ${JSON.stringify(read.problems.slice(0, 3))}`);
    if (countQuestions(read.definition) !== questions) throw new Error('the import lost questions');
  }
  const rows = def.sections.reduce((n, s) => n + 2 + s.questions.reduce((m, q: Question) => m + (q.type === 'matrix' && q.rows ? q.rows.length + 2 : 1), 0), 0);
  notes.push(`XLSForm of ${questions} questions in ${def.sections.length} sections (${rows} survey rows, ${(bytes.length / 1024).toFixed(0)} KB): read + import + engine check, median of ${RUNS} in one process (the first run includes warming up)`);
  return [
    figure('xlsformImport500Ms', round1(median(importMs)), 'ms', `${questions} questions, ${(bytes.length / 1024).toFixed(0)} KB .xlsx`),
    figure('xlsformExport500Ms', round1(median(exportMs)), 'ms'),
  ];
}
