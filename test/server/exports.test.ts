// @vitest-environment node
/**
 * Exports per questionnaire: CSV (codes, or labels in vi/en), JSON, and XLSX with data, labels and
 * codebook sheets, read back with ExcelJS and, when LibreOffice is installed, converted by it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportBatches } from '../../src/server/exports/rows';
import { loginAsCoordinator } from './coordinator-session';
import { validSipasSubmission } from './fixtures';
import { describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { errorCode, get, post } from './http';
import { definitionsWithParOfficials, parOfficialsSubmission } from './par-officials';

/** LibreOffice's command, when installed (`apt-get install libreoffice-calc-nogui`). */
const SOFFICE = ['soffice', 'libreoffice'].find((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0);

/** Splits CSV text (RFC 4180) into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

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

  beforeAll(async () => {
    definitions = definitionsWithParOfficials();
    server = await startTestServer({ database, definitionsDir: definitions.dir });
    cookie = await loginAsCoordinator(server);
    const device = await server.enrolDevice('Nguyễn Văn Xuất');
    deviceId = device.deviceId;
    for (const item of [...sipas, ...officials]) {
      const r = await post(server, '/api/submissions', { items: [item] }, { token: device.token });
      expect(r.status).toBe(200);
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
    expect(text.startsWith('\uFEFFid,device,enumerator,received,started,completed,group,stratum,lang,mode,district,commune,')).toBe(true);
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
      // Free text never reaches a spreadsheet as a formula.
      comment: '\'=HYPERLINK("http://x")\nDòng 2, có dấu phẩy',
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
    expect(second).toMatchObject({ device: deviceId, enumerator: 'Nguyễn Văn Xuất', campaign: 'quang-binh-2021', respondentGroup: 'citizen', stratum: 'bo-trach', lang: 'en', mode: 'interviewer', link: null });
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

  it.skipIf(!SOFFICE)('is opened by a real spreadsheet application (LibreOffice converts the XLSX)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xlsx-lo-'));
    try {
      const r = await download('/api/coordinator/exports/sipas-citizen/1.xlsx');
      writeFileSync(join(dir, 'export.xlsx'), r.bytes);
      const run = spawnSync(SOFFICE!, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, join(dir, 'export.xlsx')], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(run.status, run.stderr).toBe(0);
      const csv = readFileSync(join(dir, 'export.csv'), 'utf8');
      expect(csv.split('\n')[0]).toMatch(/^id,device,enumerator,received,started,completed,group,stratum,lang,mode,district,/);
      expect(csv).toContain(sipas[0]!.id);
      expect(csv).toContain('Thợ may');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

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
