// @vitest-environment node
/**
 * Exports per questionnaire: CSV (codes, or labels in vi/en), JSON, and XLSX with data, labels and
 * codebook sheets, read back with ExcelJS and, when LibreOffice is installed, converted by it. Text
 * that would poison a file (characters XML forbids, names a spreadsheet would run as formulas)
 * comes out safe in every cell.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { exportColumns } from '../../src/server/exports/columns';
import { EXPORT_BATCH, exportBatches } from '../../src/server/exports/rows';
import { versionScores } from '../../src/server/scores/report';
import { xlsxStream } from '../../src/server/exports/xlsx';
import type { NewSubmission } from '../../src/server/db/schema';
import { loadCatalog } from '../../src/server/definitions/catalog';
import type { Definition } from '../../src/survey';
import { enrolThroughCoordinator, startWithCoordinator } from './coordinator-session';
import { validSipasSubmission, validSipasV2Submission } from './fixtures';
import { describeEachDatabase } from './harness';
import type { TestServer } from './harness';
import { parseCsv } from './csv';
import { errorCode, get, post } from './http';
import { definitionsWithParOfficials, parOfficialsSubmission } from './par-officials';

/** LibreOffice's command, when installed (`apt-get install libreoffice-calc-nogui`). */
const SOFFICE = ['soffice', 'libreoffice'].find((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0);
/** A test that has LibreOffice convert a workbook: its start-up alone can take seconds on a busy machine. */
const WITH_SOFFICE = 120_000;
/** Said in the names of the tests that need LibreOffice, so a run without it is not mistaken for a full one. */
const SOFFICE_NOTE = SOFFICE ? '' : ' (LibreOffice not installed: apt-get install -y --no-install-recommends libreoffice-calc-nogui)';

/**
 * Every sheet of a workbook as LibreOffice reads it, converted to CSV (UTF-8, one file per sheet):
 * sheet name → its text. Only with LibreOffice installed.
 */
function libreOfficeSheets(xlsx: Buffer): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'xlsx-lo-'));
  try {
    writeFileSync(join(dir, 'export.xlsx'), xlsx);
    // Filter options: comma, double quote, UTF-8, …, sheet -1 (every sheet, export-<sheet>.csv).
    const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
    const run = spawnSync(SOFFICE!, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', filter, '--outdir', dir, join(dir, 'export.xlsx')], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const sheets = new Map<string, string>();
    for (const file of readdirSync(dir)) {
      const m = /^export-(.+)\.csv$/.exec(file);
      if (m) sheets.set(m[1]!, readFileSync(join(dir, file), 'utf8'));
    }
    return sheets;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A workbook's sheets as rows of cell values (ExcelJS's `values` without its empty first slot). */
async function readWorkbook(bytes: Buffer): Promise<Map<string, ExcelJS.CellValue[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets = new Map<string, ExcelJS.CellValue[][]>();
  for (const sheet of book.worksheets) {
    const rows: ExcelJS.CellValue[][] = [];
    for (let i = 1; i <= sheet.rowCount; i++) rows.push((sheet.getRow(i).values as ExcelJS.CellValue[]).slice(1));
    sheets.set(sheet.name, rows);
  }
  return sheets;
}

/** Rows as objects keyed by the header (first row), found by their first cell. */
function byId<T>(rows: T[][]): Map<unknown, Record<string, T | undefined>> {
  const [header, ...rest] = rows;
  return new Map(rest.map((row) => [row[0], Object.fromEntries(header!.map((h, i) => [String(h), row[i]]))]));
}

/** Characters XML 1.0 forbids (the file would be ill-formed), and what every export writes instead. */
// eslint-disable-next-line no-control-regex -- the control characters are what is matched
const XML_ILLEGAL = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDFFF]/u;
const REPLACED = '\uFFFD';

const cellText = (v: ExcelJS.CellValue): unknown => (v === null || v === undefined ? undefined : v);

describeEachDatabase('exports', (database) => {
  let server: TestServer;
  let cookie: string;
  let deviceId: string;
  const sipas = [
    validSipasSubmission({
      answers: { occupation: 'other', occupation__other: 'Thợ may, "tự do"', comment: '=HYPERLINK("http://x")\nDòng 2, có dấu phẩy' },
    }),
    validSipasSubmission({ stratum: 'bo-trach', lang: 'en', answers: { district: 'bo-trach', improvePriorities: ['no-opinion'] } }),
  ];
  // A fixed officials' questionnaire (test/server/definitions/par-officials.json) beside the shipped ones.
  let definitions: ReturnType<typeof definitionsWithParOfficials> | undefined;
  const officials = [parOfficialsSubmission('unit-leader', 'kiem-lam'), parOfficialsSubmission('delegate')];
  // Version 2 of the citizens' questionnaire holds the poisoned text: one interview per enumerator
  // whose name (given with the enrolment code) a spreadsheet would run, the first with free text
  // holding U+FFFF, U+FFFE, NUL, a vertical tab and a lone surrogate.
  const formulaNames = ['=HYPERLINK("http://example.invalid","Bấm")', '+84 Trần Thị Bình', '@SUM(1+1) Lê Văn Cường', '-2+3 Phạm Đức'];
  const poisoned = formulaNames.map((_, i) =>
    validSipasV2Submission(
      i === 0 ? { answers: { occupation: 'other', occupation__other: 'Thợ\u000Bmay', comment: 'Trước\uFFFFgiữa\uFFFEsau\u0000hết\uD800.' } } : {},
    ),
  );

  beforeAll(async () => {
    definitions = definitionsWithParOfficials();
    ({ server, cookie } = await startWithCoordinator({ database, definitionsDir: definitions.dir }));
    const device = await server.enrolDevice('Nguyễn Văn Xuất');
    deviceId = device.deviceId;
    for (const item of [...sipas, ...officials]) {
      const r = await post(server, '/api/submissions', { items: [item] }, { token: device.token });
      expect(r.status).toBe(200);
    }
    for (const [i, name] of formulaNames.entries()) {
      const { token } = await enrolThroughCoordinator(server, cookie, name);
      const r = await post(server, '/api/submissions', { items: [poisoned[i]] }, { token });
      expect([r.status, r.text]).toEqual([200, expect.stringContaining('"stored"')]);
    }
  });
  afterAll(async () => {
    await server.close();
    definitions?.remove();
  });

  const download = async (path: string) => {
    const res = await fetch(server.url + path, { headers: { cookie } });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('exports CSV with codes: a BOM, the interview fields, one column per question, matrix row and option', async () => {
    const r = await download('/api/coordinator/exports/sipas-citizen/1.csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="sipas-citizen-v1.csv"');
    const text = r.bytes.toString('utf8');
    expect(text.startsWith('\uFEFFid,device,enumerator,received,started,completed,group,stratum,lang,mode,clock_suspect,district,commune,')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(rows).toHaveLength(2);
    expect(header).toContain('occupation__other');
    expect(header).toContain('improvePriorities.faster');
    expect(header).toContain('improvePriorities.no-opinion');
    expect(header).not.toContain('noteRatings'); // notes have no answer
    const first = Object.fromEntries(header!.map((h, i) => [h, rows.find((row) => row[0] === sipas[0]!.id)![i]]));
    expect(first).toMatchObject({
      id: sipas[0]!.id,
      device: deviceId,
      enumerator: 'Nguyễn Văn Xuất',
      started: sipas[0]!.startedAt,
      completed: sipas[0]!.completedAt,
      group: 'citizen',
      stratum: 'dong-hoi',
      lang: 'vi',
      mode: 'interviewer',
      district: 'dong-hoi',
      occupation: 'other',
      occupation__other: 'Thợ may, "tự do"',
      trips: '2',
      c1_location: '4',
      'improvePriorities.faster': '1',
      'improvePriorities.simplify': '0',
      // Free text never reaches a spreadsheet as a formula; its line break is a space in the codes
      // CSV, which SPSS reads one interview per line.
      comment: '\'=HYPERLINK("http://x") Dòng 2, có dấu phẩy',
      apologyLetter: '', // hidden by skip logic: empty
    });
  });

  it('exports CSV with labels in Vietnamese or English', async () => {
    for (const [lang, district, group, priority] of [
      ['vi', 'Thành phố Đồng Hới', 'Người dân, tổ chức', 'Khác'],
      ['en', 'Đồng Hới City', 'Citizens and organisations', 'Other'],
    ] as const) {
      const r = await download(`/api/coordinator/exports/sipas-citizen/1.csv?labels=${lang}`);
      expect(r.headers.get('content-disposition')).toContain(`sipas-citizen-v1-labels-${lang}.csv`);
      const [header, ...rows] = parseCsv(r.bytes.toString('utf8').slice(1));
      const row = Object.fromEntries(header!.map((h, i) => [h, rows.find((x) => x[0] === sipas[0]!.id)![i]]));
      expect(row.district).toBe(district);
      expect(row.stratum).toBe(district);
      expect(row.group).toBe(group);
      expect(row['improvePriorities.faster']).not.toBe('');
      expect(row['improvePriorities.simplify']).toBe('');
      expect(row.occupation).toContain(priority);
      expect(row.comment).toBe('\'=HYPERLINK("http://x")\nDòng 2, có dấu phẩy'); // the line break kept
    }
    expect((await download('/api/coordinator/exports/sipas-citizen/1.csv?labels=fr')).status).toBe(400);
  });

  it('exports a matrix as one column per row (each department) with the scale’s codes', async () => {
    const r = await download('/api/coordinator/exports/par-officials/1.csv');
    const [header, ...rows] = parseCsv(r.bytes.toString('utf8').slice(1));
    const departments = header!.filter((h) => h.startsWith('b3_departments.'));
    expect(departments).toHaveLength(20);
    expect(departments[0]).toBe('b3_departments.noi-vu');
    const unit = Object.fromEntries(header!.map((h, i) => [h, rows.find((x) => x[0] === officials[0]!.id)![i]]));
    expect(unit).toMatchObject({ group: 'unit-leader', stratum: 'kiem-lam', 'b3_departments.noi-vu': '9', 'b3_departments.tu-phap': '2', position__other: '' });
    const delegate = rows.find((x) => x[0] === officials[1]!.id)!;
    expect(delegate[header!.indexOf('stratum')]).toBe('');
  });

  it('exports JSON with every interview as stored', async () => {
    const r = await download('/api/coordinator/exports/sipas-citizen/1.json');
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = JSON.parse(r.bytes.toString('utf8')) as { survey: { id: string; version: number }; interviews: Record<string, unknown>[] };
    expect(body.survey).toMatchObject({ id: 'sipas-citizen', version: 1 });
    expect(body.interviews.map((i) => i.id).sort()).toEqual(sipas.map((s) => s.id).sort());
    const second = body.interviews.find((i) => i.id === sipas[1]!.id);
    expect(second).toMatchObject({ device: deviceId, enumerator: 'Nguyễn Văn Xuất', campaign: 'quang-binh-2021', respondentGroup: 'citizen', stratum: 'bo-trach', lang: 'en', mode: 'interviewer' });
    expect((second?.answers as Record<string, unknown>).improvePriorities).toEqual(['no-opinion']);
    const empty = await download('/api/coordinator/exports/sipas-citizen/1.json');
    expect(empty.status).toBe(200);
  });

  it('exports XLSX with data (codes), labels and a codebook in both languages, readable by ExcelJS', async () => {
    const r = await download('/api/coordinator/exports/par-officials/1.xlsx?labels=en');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['data', 'labels', 'codebook']);

    const data = book.getWorksheet('data')!;
    const header = (data.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(header.slice(0, 10)).toEqual(['id', 'device', 'enumerator', 'received', 'started', 'completed', 'group', 'stratum', 'lang', 'mode']);
    expect(data.rowCount).toBe(3);
    const rowOf = (sheet: ExcelJS.Worksheet, id: string) => {
      for (let i = 2; i <= sheet.rowCount; i++) {
        const values = (sheet.getRow(i).values as ExcelJS.CellValue[]).slice(1);
        if (values[0] === id) return Object.fromEntries(header.map((h, j) => [String(h), cellText(values[j])]));
      }
      throw new Error(`no row ${id}`);
    };
    const coded = rowOf(data, officials[0]!.id);
    expect(coded).toMatchObject({ group: 'unit-leader', stratum: 'kiem-lam', sex: 'female', b1_plan: 1, 'b3_departments.noi-vu': 9, 'b3_departments.y-te': 2 });
    const labelled = rowOf(book.getWorksheet('labels')!, officials[0]!.id);
    expect(labelled).toMatchObject({ group: 'Leaders of units under provincial departments', sex: 'Female', b1_plan: 'Very good', 'b3_departments.noi-vu': "Don't know" });
    expect(String(labelled.stratum)).toContain('Forest Protection Sub-department');

    const codebook = book.getWorksheet('codebook')!;
    const lines = [];
    for (let i = 1; i <= codebook.rowCount; i++) lines.push((codebook.getRow(i).values as ExcelJS.CellValue[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
    expect(lines[0]).toEqual(['column', 'question', 'section', 'type', 'label (vi)', 'label (en)', 'code', 'code label (vi)', 'code label (en)']);
    const matrixLines = lines.filter((l) => l[0] === 'b3_departments.noi-vu');
    expect(matrixLines[0]?.slice(0, 4)).toEqual(['b3_departments.noi-vu', 'b3_departments', 'b3-procedures', 'matrix']);
    expect(matrixLines[0]?.[4]).toContain('Sở Nội vụ');
    expect(matrixLines[0]?.[5]).toContain('Department of Home Affairs');
    expect(matrixLines.slice(1).map((l) => [l[6], l[7], l[8]])).toEqual([
      ['1', 'Rất tốt', 'Very good'],
      ['2', 'Tốt', 'Good'],
      ['3', 'Chưa tốt', 'Not yet good'],
      ['9', 'Không biết', "Don't know"],
    ]);
    expect(lines.some((l) => l[0] === 'group' && l[6] === 'delegate' && l[7] === 'Đại biểu Hội đồng nhân dân tỉnh')).toBe(true);
    expect(lines.some((l) => l[0] === 'comment' && l[3] === 'longtext')).toBe(true);
  });

  it.skipIf(!SOFFICE)(`is opened by a real spreadsheet application (LibreOffice converts the XLSX)${SOFFICE_NOTE}`, async () => {
    const r = await download('/api/coordinator/exports/sipas-citizen/1.xlsx');
    const csv = libreOfficeSheets(r.bytes).get('data')!;
    expect(csv.split('\n')[0]).toMatch(/^id,device,enumerator,received,started,completed,group,stratum,lang,mode,clock_suspect,district,/);
    expect(csv).toContain(sipas[0]!.id);
    expect(csv).toContain('Thợ may');
  }, WITH_SOFFICE);

  it('guards every CSV text column against formulas, the enumerator’s name included, never numbers', async () => {
    for (const query of ['', '?labels=vi', '?labels=en']) {
      const r = await download(`/api/coordinator/exports/sipas-citizen/2.csv${query}`);
      expect(r.status).toBe(200);
      const rows = byId(parseCsv(r.bytes.toString('utf8').slice(1)));
      expect(rows.size).toBe(formulaNames.length);
      for (const [i, name] of formulaNames.entries()) {
        const row = rows.get(poisoned[i]!.id)!;
        expect(row.enumerator, query).toBe(`'${name}`);
        expect(row.trips, query).toBe('2'); // a number stays a number
      }
      const first = rows.get(poisoned[0]!.id)!;
      // The CSV carries the same text as the XLSX: what XML forbids replaced, the words around kept.
      expect(first.comment).toBe(`Trước${REPLACED}giữa${REPLACED}sau${REPLACED}hết${REPLACED}.`);
      expect(first.occupation__other).toBe(`Thợ${REPLACED}may`);
      if (!query) expect([first.c1_location, first['improvePriorities.faster']]).toEqual(['4', '1']); // integer codes unguarded
    }
  });

  it('writes a well-formed XLSX when answers and names hold characters XML forbids: every sheet readable, the text kept', async () => {
    const r = await download('/api/coordinator/exports/sipas-citizen/2.xlsx?labels=en');
    expect(r.status).toBe(200);
    const sheets = await readWorkbook(r.bytes);
    expect([...sheets.keys()]).toEqual(['data', 'labels', 'codebook', 'scores']);
    for (const name of ['data', 'labels']) {
      const rows = byId(sheets.get(name)!);
      const first = rows.get(poisoned[0]!.id)!;
      expect(first.comment, name).toBe(`Trước${REPLACED}giữa${REPLACED}sau${REPLACED}hết${REPLACED}.`);
      expect(first.occupation__other, name).toBe(`Thợ${REPLACED}may`);
      // A cell holds text, never a formula: XLSX needs no apostrophe.
      for (const [i, formula] of formulaNames.entries()) expect(rows.get(poisoned[i]!.id)!.enumerator, name).toBe(formula);
    }
    expect(byId(sheets.get('data')!).get(poisoned[1]!.id)!.trips).toBe(2);
  });

  it(`makes every text cell of every sheet safe, labels from the questionnaire included (codebook, labels, scores)${SOFFICE ? ', opened by LibreOffice' : SOFFICE_NOTE}`, async () => {
    // The questionnaire itself with characters XML forbids in the labels each sheet shows.
    const def = structuredClone(loadCatalog(definitions!.dir).get('sipas-citizen', 2)!.definition) as Definition;
    def.respondentGroups[0]!.label.en = 'Citizens\uFFFFand organisations';
    const comment = def.sections.flatMap((s) => s.questions).find((q) => q.id === 'comment')!;
    comment.label = { vi: 'Ý kiến\uFFFEkhác', en: 'Other\u0001comments' };
    def.scoring!.components[0]!.label.en = 'Access\uFFFFto the service';
    const scores = await versionScores(server.database.db, def);
    const stream = xlsxStream({ def, columns: exportColumns(def), batches: () => exportBatches(server.database.db, def.id, def.version), labels: 'en', scores });
    const bytes = Buffer.concat(await stream.toArray());
    const sheets = await readWorkbook(bytes);
    const texts = [...sheets.values()].flat(2).filter((v): v is string => typeof v === 'string');
    expect(texts.filter((t) => XML_ILLEGAL.test(t))).toEqual([]);
    expect(texts).toContain(`Citizens${REPLACED}and organisations`); // labels sheet, group
    expect(texts).toContain(`Ý kiến${REPLACED}khác`); // codebook
    expect(texts).toContain(`Other${REPLACED}comments`);
    expect(texts).toContain(`Access${REPLACED}to the service`); // scores sheet
    const labelled = byId(sheets.get('labels')!).get(poisoned[0]!.id)!;
    expect(labelled.group).toBe(`Citizens${REPLACED}and organisations`);
    if (SOFFICE) {
      const opened = libreOfficeSheets(bytes);
      expect([...opened.keys()].sort()).toEqual(['codebook', 'data', 'labels', 'scores']);
      expect(opened.get('codebook')).toContain(`Ý kiến${REPLACED}khác`);
      expect(opened.get('scores')).toContain(`Access${REPLACED}to the service`);
    }
  }, WITH_SOFFICE);

  it.skipIf(!SOFFICE)(`is opened by LibreOffice when answers and names held characters XML forbids, the text around them kept${SOFFICE_NOTE}`, async () => {
    const r = await download('/api/coordinator/exports/sipas-citizen/2.xlsx');
    const sheets = libreOfficeSheets(r.bytes);
    expect([...sheets.keys()].sort()).toEqual(['codebook', 'data', 'labels', 'scores']);
    for (const name of ['data', 'labels']) {
      const rows = byId(parseCsv(sheets.get(name)!.replace(/\r?\n/g, '\r\n')));
      const first = rows.get(poisoned[0]!.id);
      expect(first?.comment, name).toBe(`Trước${REPLACED}giữa${REPLACED}sau${REPLACED}hết${REPLACED}.`);
      expect(first?.enumerator, name).toBe(formulaNames[0]);
    }
  }, WITH_SOFFICE);

  it('reads interviews in batches in order of arrival, each once (keyset paging)', async () => {
    const ids: string[] = [];
    let batches = 0;
    for await (const batch of exportBatches(server.database.db, 'sipas-citizen', 1, 1)) {
      batches += 1;
      ids.push(...batch.map((r) => r.id));
    }
    expect(batches).toBe(2);
    expect(ids.sort()).toEqual(sipas.map((s) => s.id).sort());
  });

  it('answers 404 for an unknown questionnaire, version or format, and needs a session', async () => {
    for (const path of ['/api/coordinator/exports/nope/1.csv', '/api/coordinator/exports/sipas-citizen/9.csv', '/api/coordinator/exports/sipas-citizen/1.pdf']) {
      const r = await get(server, path, { cookie });
      expect([r.status, errorCode(r)], path).toEqual([404, 'not_found']);
    }
    const anonymous = await get(server, '/api/coordinator/exports/sipas-citizen/1.csv');
    expect([anonymous.status, errorCode(anonymous)]).toEqual([401, 'unauthorized']);
  });
});

/**
 * Large exports: a few thousand interviews seeded straight into the database. Each export logs one
 * line when it is over (batches and rows read, whether it was sent whole); these tests read it.
 */
describeEachDatabase('large exports', (database) => {
  const INTERVIEWS = 3000;
  const BATCHES = Math.ceil(INTERVIEWS / EXPORT_BATCH);
  let server: TestServer;
  let cookie: string;
  let deviceId: string;
  const logLines: Record<string, unknown>[] = [];
  let late = 0;

  /** One interview stored as ingest would, received at `receivedAt`. */
  const row = (receivedAt: string): NewSubmission => {
    const s = validSipasSubmission();
    return {
      id: s.id,
      survey_id: s.surveyId,
      survey_version: s.surveyVersion,
      respondent_group: s.respondentGroup,
      stratum: s.stratum ?? null,
      lang: s.lang,
      answers: JSON.stringify(s.answers),
      content_hash: randomBytes(32).toString('hex'),
      started_at: s.startedAt,
      completed_at: s.completedAt,
      received_at: receivedAt,
      device_id: deviceId,
      section_times: JSON.stringify(s.sectionTimes),
      campaign_id: '',
      completed_day: '2024-11-05',
    };
  };
  /** Stores one interview received after every other one: the last an export in progress would read. */
  const storeLate = async (): Promise<string> => {
    late += 1;
    const r = row(`2030-01-01T00:00:${String(late).padStart(2, '0')}.000Z`);
    await server.database.db.insertInto('submissions').values(r).execute();
    return r.id;
  };

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n')) if (line.trim()) logLines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    ({ server, cookie } = await startWithCoordinator({ database, server: { logger: { level: 'info', stream } } }));
    deviceId = (await server.enrolDevice('Trần Văn Lớn')).deviceId;
    for (let start = 0; start < INTERVIEWS; start += 500) {
      const rows = Array.from({ length: Math.min(500, INTERVIEWS - start) }, (_, i) => row(new Date(Date.UTC(2024, 10, 5) + (start + i) * 1000).toISOString()));
      await server.database.db.insertInto('submissions').values(rows).execute();
    }
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  /** Starts an export and waits for its first bytes; the rest is read by `rest`, or never when `abort` is called. */
  const start = async (path: string) => {
    const controller = new AbortController();
    const res = await fetch(server.url + path, { headers: { cookie }, signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    const chunks = [Buffer.from(first.value!)];
    let ended = false;
    return {
      abort: () => controller.abort(),
      ended: () => ended,
      /** Reads to the end; resolves with every byte. */
      rest: async () => {
        for (;;) {
          const next = await reader.read();
          if (next.done) break;
          chunks.push(Buffer.from(next.value));
        }
        ended = true;
        return Buffer.concat(chunks);
      },
    };
  };

  /** The log line that closed the export of `file`, once written. */
  const exportLog = async (file: string) =>
    vi.waitFor(
      () => {
        const line = logLines.find((l) => l.export === file);
        if (!line) throw new Error(`no log line for ${file} yet`);
        return line;
      },
      { timeout: 20_000, interval: 20 },
    );

  for (const format of ['csv', 'json', 'xlsx'] as const)
    it(`stops reading the interviews once the client has gone after the first bytes (${format})`, async () => {
      logLines.length = 0;
      const exp = await start(`/api/coordinator/exports/sipas-citizen/1.${format}`);
      exp.abort();
      const line = await exportLog(`sipas-citizen-v1.${format}`);
      expect(line).toMatchObject({ msg: 'export stopped: the client went away', complete: false });
      // Whole, the export reads every batch (XLSX twice: data, then labels); it read only the first few.
      expect(line.batches as number).toBeLessThan(BATCHES);
      expect(line.rows as number).toBeLessThan(INTERVIEWS);
    }, 60_000);

  it('sends the workbook’s first bytes before reading every interview, and answers /api/health meanwhile', async () => {
    logLines.length = 0;
    const exp = await start('/api/coordinator/exports/sipas-citizen/1.xlsx');
    // Stored once the first bytes arrived: the data sheet still has it if they left before every row was read.
    const afterFirstBytes = await storeLate();
    const whole = exp.rest();
    const health = await get(server, '/api/health');
    expect(health.status).toBe(200);
    expect(exp.ended()).toBe(false);
    // Stored once health answered: the labels sheet (the second pass) still has it if the export was reading.
    const afterHealth = await storeLate();
    const sheets = await readWorkbook(await whole);
    const ids = (name: string) => new Set(sheets.get(name)!.slice(1).map((r) => r[0]));
    expect(ids('data').has(afterFirstBytes)).toBe(true);
    expect(ids('labels').has(afterHealth)).toBe(true);
    expect(ids('labels').size).toBe(INTERVIEWS + 2);
    expect(await exportLog('sipas-citizen-v1.xlsx')).toMatchObject({ msg: 'export written', complete: true, rows: expect.any(Number) });
  }, 120_000);

  it('writes a whole CSV of every interview, in order of arrival', async () => {
    const exp = await start('/api/coordinator/exports/sipas-citizen/1.csv');
    const rows = parseCsv((await exp.rest()).toString('utf8').replace(/^\uFEFF/, ''));
    expect(rows.length - 1).toBe(INTERVIEWS + late);
    const received = rows.slice(1).map((r) => r[3]!);
    expect(received).toEqual([...received].sort());
  }, 60_000);
});
