// @vitest-environment node
/**
 * The campaign report as a Word document: unzipped and read back (document.xml, its tables cell by
 * cell), in Vietnamese and in English, and opened by LibreOffice (converted to PDF and to text)
 * when it is installed. Withheld figures are marks with their reason beneath, never numbers; the
 * Vietnamese document has no English word of the report's own, the English one no Vietnamese.
 */
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CampaignReport, QuestionnaireScores } from '../../src/contract';
import { REPORT_TEXT, reportDocx } from '../../src/server/report/docx';
import { libreOffice, SOFFICE, SOFFICE_NOTE, WITH_SOFFICE } from './libreoffice-writer';
import { campaignReport, papiQuestionnaire } from './report-fixture';

if (!SOFFICE) console.log(`report-docx: the LibreOffice test is skipped${SOFFICE_NOTE}.`);

const VI = REPORT_TEXT.vi;
const EN = REPORT_TEXT.en;

interface Docx {
  xml: string;
  styles: string;
  /** The text of the document, a line per paragraph. */
  text: string;
  /** Every table, as rows of cell texts. */
  tables: string[][][];
}

const decode = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);

function textOf(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<\/w:p>|<w:br\/>/g)) out += m[1] !== undefined ? decode(m[1]) : '\n';
  return out;
}

function tablesOf(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) => [...r[1]!.matchAll(/<w:tc(?:\s[^>]*)?>([\s\S]*?)<\/w:tc>/g)].map((c) => textOf(c[1]!).trim())),
  );
}

function read(bytes: Buffer): Docx {
  const files = unzipSync(new Uint8Array(bytes));
  const xml = strFromU8(files['word/document.xml']!);
  return { xml, styles: strFromU8(files['word/styles.xml']!), text: textOf(xml), tables: tablesOf(xml) };
}

/** The rows of every table whose first cell is `label`. */
const rowsNamed = (doc: Docx, label: string) => doc.tables.flat().filter((r) => r[0] === label);

// Numbers written independently of the code under test: "62,5 %" in Vietnamese, "62.5%" in English.
const viPercent = (x: number) => `${x.toFixed(1).replace('.', ',')} %`;
const viPoints = (x: number) => x.toFixed(2).replace('.', ',');
/** In the tables of groups and breakdowns a percentage stands without its sign (the heading says "%"). */
const viBare = (x: number) => x.toFixed(1).replace('.', ',');
const enPercent = (x: number) => `${x.toFixed(1)}%`;

type Report = QuestionnaireScores['overall'];
interface Withheld {
  suppressed?: 'primary' | 'complementary' | undefined;
}
const isWithheld = (f: Withheld | null | undefined, why: 'primary' | 'complementary') => (f?.suppressed === why ? 1 : 0);

/**
 * How many withheld figures of a kind the document shows: each figure wherever the report is laid
 * out (targets; per questionnaire the overall table, the components table and chart, the criteria,
 * the group and stratum table headed by all respondents, the breakdowns, the comparison rows).
 */
function withheldShown(report: CampaignReport, why: 'primary' | 'complementary'): number {
  const s = (f: Withheld | null | undefined) => isWithheld(f, why);
  const figures = (r: Report) => s(r) + r.components.reduce((k, c) => k + s(c), 0);
  let n = report.targets.reduce((k, t) => k + s(t.figure), 0);
  for (const q of report.questionnaires) {
    n += s(q.overall);
    for (const c of q.overall.components) n += 2 * s(c) + (c.parts ?? []).reduce((k, p) => k + s(p), 0);
    n += q.criteria.reduce((k, c) => k + s(c), 0);
    if (q.groups.length > 0) n += figures(q.overall) + q.groups.reduce((k, g) => k + figures(g.report) + g.strata.reduce((j, st) => j + figures(st.report), 0), 0);
    n += q.breakdowns.reduce((k, b) => k + b.cells.reduce((j, c) => j + figures(c.report), 0), 0);
    for (const r of report.comparison?.rows.filter((x) => x.surveyId === q.surveyId) ?? []) n += s(r.before) + s(r.after);
  }
  return n;
}

/** The words of the dictionary's strings in `lang`, placeholders left out. */
function dictionaryWords(dict: Readonly<Record<string, string>>): Set<string> {
  return new Set(Object.values(dict).flatMap((s) => s.replace(/\{\w+\}/g, ' ').toLowerCase().match(/\p{L}+/gu) ?? []));
}

/** Every {vi, en} text of the fixture whose two languages differ. */
function texts(value: unknown, out: { vi: string; en: string }[] = []): { vi: string; en: string }[] {
  if (Array.isArray(value)) for (const v of value) texts(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.vi === 'string' && typeof o.en === 'string' && Object.keys(o).length === 2) {
      if (o.vi !== o.en) out.push({ vi: o.vi, en: o.en });
    } else for (const v of Object.values(o)) texts(v, out);
  }
  return out;
}

describe('the report as a Word document', () => {
  const report = campaignReport();
  const [sipas, par] = report.questionnaires as [QuestionnaireScores, QuestionnaireScores];
  let viBytes: Buffer;
  let vi: Docx;
  let en: Docx;

  beforeAll(async () => {
    viBytes = await reportDocx(report, 'vi');
    vi = read(viBytes);
    en = read(await reportDocx(report, 'en'));
  });

  it('is a Word document in Times New Roman, in Vietnamese, with heading styles and header rows repeated on every page', () => {
    expect(viBytes.subarray(0, 2).toString()).toBe('PK');
    expect(vi.styles).toContain('w:ascii="Times New Roman"');
    expect(vi.styles).toContain('w:val="vi-VN"');
    expect(en.styles).toContain('w:val="en-GB"');
    for (const level of ['Title', 'Heading1', 'Heading2', 'Heading3']) expect(vi.xml).toContain(`<w:pStyle w:val="${level}"/>`);
    // Headings carry outline levels, so Word's navigation pane and LibreOffice's navigator list them.
    expect(vi.styles).toMatch(/w:styleId="Heading1"[\s\S]*?<w:outlineLvl w:val="0"\/>/);
    const headerRows = vi.xml.match(/<w:tblHeader\/>/g)?.length ?? 0;
    expect(headerRows).toBeGreaterThanOrEqual(vi.tables.length);
    // Every questionnaire and section is a heading, in order.
    const headings = [...vi.xml.matchAll(/<w:pStyle w:val="Heading1"\/>[\s\S]*?<\/w:p>/g)].map((m) => textOf(m[0]).trim());
    expect(headings).toEqual([VI.targetsHeading, sipas.title.vi, par.title.vi]);
  });

  it('opens with the campaign, its dates and organiser, the minimum cell size and how to read intervals and withheld figures', () => {
    const start = vi.text.slice(0, vi.text.indexOf(VI.targetsHeading));
    expect(start).toContain(report.campaign.title.vi);
    expect(start).toContain('Thời gian khảo sát: 01/09/2025 – 30/11/2025');
    expect(start).toContain('Cơ quan thực hiện: Sở Nội vụ tỉnh Bình Thuận');
    // 02:30 UTC is 09:30 in Vietnam.
    expect(start).toContain('Ngày lập báo cáo: 05/12/2025 09:30');
    expect(start).toContain('Cỡ ô tối thiểu: 5 người trả lời');
    expect(start).toContain('khoảng tin cậy 95 %');
    expect(start).toContain('dưới 5 người không được công bố và được ghi (ẩn)*');
  });

  it('sums up the targets with their figures, intervals and status in words and symbols', () => {
    const targets = vi.tables[0]!;
    expect(targets[0]).toEqual([VI.target, VI.figure, VI.status]);
    const [met, notMet, undecided] = targets.slice(1);
    const o = sipas.overall;
    expect(met![0]).toContain(report.targets[0]!.label.vi);
    expect(met![0]).toContain('Nguồn: Kế hoạch cải cách hành chính năm 2025 của UBND tỉnh');
    expect(met![1]).toBe(`${viPercent(o.score!)} (${o.interval!.low.toFixed(1).replace('.', ',')}–${o.interval!.high.toFixed(1).replace('.', ',')} %)\nn = 108`);
    expect(met![2]).toBe('✓ Đạt');
    expect(notMet![1]).toMatch(/^74,1 % \(\d+,\d–\d+,\d %\)\nn = 108$/);
    expect(notMet![2]).toBe('✗ Chưa đạt');
    expect(undecided![1]).toBe(`${viPoints(par.overall.score!)}/30 (${viPoints(par.overall.interval!.low)}–${viPoints(par.overall.interval!.high)})\nn = 27`);
    expect(undecided![2]).toBe('? Chưa kết luận được');
  });

  it('gives each questionnaire its method note and example, the versions pooled and those left out', () => {
    expect(vi.text).toContain(`${VI.methodLead}${sipas.methodNote.text.vi}`);
    // The worked example says "Ví dụ" itself: on a line of its own, not said twice.
    expect(vi.text.split('\n')).toContain(sipas.methodNote.example.vi);
    expect(sipas.methodNote.example.vi).toMatch(/^Ví dụ/);
    expect(vi.text).not.toContain('Ví dụ: Ví dụ');
    expect(vi.text).toContain(`${VI.methodLead}${par.methodNote.text.vi}`);
    expect(vi.xml).toMatch(/<w:pStyle w:val="Note"\/>/);
    expect(vi.text).toContain('Gộp kết quả các phiên bản 2 và 3 của phiếu (cùng cách tính điểm).');
    expect(vi.text).toContain('Không tính 12 phiếu của phiên bản 1 vì cách tính điểm khác.');
    expect(vi.text).toContain('Kết quả của phiên bản 2 của phiếu.');
  });

  it('shows the overall result and every component with its interval and n, Vietnamese diacritics intact', () => {
    const [overall] = rowsNamed(vi, VI.overallShare);
    const o = sipas.overall;
    expect(overall).toEqual([VI.overallShare, viPercent(o.score!), `${o.interval!.low.toFixed(1).replace('.', ',')}–${o.interval!.high.toFixed(1).replace('.', ',')} %`, '108', '112']);
    const [parOverall] = rowsNamed(vi, VI.overallPoints);
    expect(parOverall!.slice(1, 4)).toEqual([`${viPoints(par.overall.score!)}/30`, `${viPoints(par.overall.interval!.low)}–${viPoints(par.overall.interval!.high)}`, '27']);
    for (const q of [sipas, par])
      q.components.forEach((c, i) => {
        const rows = vi.tables.flat().filter((r) => r[0] === String(i + 1) && r[1] === c.label.vi);
        expect(rows, c.label.vi).toHaveLength(1);
        const score = q.overall.components[i]!;
        expect(rows[0]![2]).toBe(q.method === 'share' ? viPercent(score.score!) : `${viPoints(score.score!)}/${String(c.max).replace('.', ',')}`);
        expect(rows[0]![4]).toBe(String(score.n));
      });
    expect(vi.text).toContain('Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị');
    expect(vi.text).toContain('Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội');
  });

  it('draws each component as a bar of shaded cells as long as its share of the maximum', () => {
    for (const q of [sipas, par])
      q.components.forEach((c, i) => {
        const score = q.overall.components[i]!;
        const filled = Math.round((score.score! / c.max) * 40);
        const label = `${i + 1}. ${c.label.vi}`;
        const row = [...vi.xml.matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]!).find((r) => textOf(r).startsWith(label));
        expect(row, label).toBeDefined();
        const spans = [...row!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].slice(1, -1).map((m) => ({
          span: Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(m[1]!)?.[1] ?? 1),
          fill: /w:fill="([0-9A-F]{6})"/.exec(m[1]!)?.[1],
        }));
        expect(spans).toEqual([
          { span: filled, fill: '2E75B6' },
          { span: 40 - filled, fill: 'E7E6E6' },
        ]);
      });
  });

  it('shows groups and strata with the components as columns, each withheld figure as its mark and never as a number', () => {
    for (const q of [sipas, par]) {
      const fmt = (f: { score: number | null; suppressed?: 'primary' | 'complementary' | undefined }) =>
        f.suppressed === 'primary' ? VI.markPrimary : f.suppressed === 'complementary' ? VI.markComplementary : f.score === null ? '—' : q.method === 'share' ? viBare(f.score) : viPoints(f.score);
      const expected = (label: string, r: Report) => [label, String(r.n), fmt(r), ...r.components.map(fmt)];
      for (const g of q.groups) {
        expect(rowsNamed(vi, g.label.vi)).toContainEqual(expected(g.label.vi, g.report));
        for (const s of g.strata) expect(rowsNamed(vi, s.label.vi)).toEqual([expected(s.label.vi, s.report)]);
      }
    }
    expect(vi.tables.find((t) => t[0]![0] === VI.scope && t[0]![2] === VI.overallColumnShare)).toBeDefined();
    expect(vi.text).toContain('Kết quả tính bằng %.');
    // The commune of three respondents: nothing but marks after its n.
    expect(rowsNamed(vi, 'Xã Hàm Mỹ')[0]!.slice(2)).toEqual(Array(6).fill('(ẩn)*'));
    // Each kind of mark is shown exactly as often as the report withholds a figure of that kind.
    const cells = vi.tables.flat(2);
    expect(cells.filter((c) => c === VI.markPrimary)).toHaveLength(withheldShown(report, 'primary'));
    expect(cells.filter((c) => c === VI.markComplementary)).toHaveLength(withheldShown(report, 'complementary'));
    expect(withheldShown(report, 'primary')).toBeGreaterThan(20);
    // Beneath the tables, the reasons.
    expect(vi.text).toContain('(ẩn)* Không công bố: dựa trên dưới 5 người trả lời.');
    expect(vi.text).toContain('(ẩn)** Không công bố để không thể suy ra kết quả đã ẩn từ tổng và các kết quả còn lại.');
    expect(vi.text).toContain('— Không có dữ liệu.');
  });

  it('puts the tables of a questionnaire with many components on landscape pages, the rest portrait', () => {
    // A section's properties close it: the text before each <w:sectPr> is that section's.
    const sectPrs = [...vi.xml.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)];
    const pages = sectPrs.map((m) => /<w:pgSz ([^>]*)\/>/.exec(m[0])![1]!);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('w:w="11906"');
    expect(pages[0]).not.toContain('landscape');
    expect(pages[1]).toMatch(/w:w="16838"[\s\S]*w:orient="landscape"|w:orient="landscape"[\s\S]*w:w="16838"/);
    const portrait = textOf(vi.xml.slice(0, sectPrs[0]!.index));
    const landscape = textOf(vi.xml.slice(sectPrs[0]!.index, sectPrs[1]!.index));
    // SIPAS (5 components) is portrait throughout; PAR (8) has its groups and comparison landscape, its components portrait.
    expect(portrait.split(VI.groupsHeading)).toHaveLength(2);
    expect(portrait).toContain(par.components[7]!.label.vi);
    expect(landscape).toContain(VI.groupsHeading);
    expect(landscape).toContain('Sở Nội vụ');
    expect(landscape).toContain(VI.differentScoring);
  });

  it('breaks the results down by sex and by age band, one table each', () => {
    expect(vi.text).toContain(VI.breakdownsHeading);
    const sex = vi.tables.find((t) => t[0]![0] === 'Giới tính')!;
    expect(sex.slice(1).map((r) => r[0])).toEqual(['Nam', 'Nữ']);
    expect(sex[1]!.slice(1, 3)).toEqual(['60', viBare(sipas.breakdowns[0]!.cells[0]!.report.score!)]);
    const age = vi.tables.find((t) => t[0]![0] === 'Nhóm tuổi')!;
    expect(age.slice(1).map((r) => r[0])).toEqual(['18–29 tuổi', '30–44 tuổi', '45–59 tuổi', 'Từ 60 tuổi trở lên', 'Không trả lời']);
    expect(age[5]!.slice(2)).toEqual(Array(6).fill('(ẩn)*'));
    // PAR has no breakdowns: no section for it.
    expect(vi.text.split(VI.breakdownsHeading)).toHaveLength(2);
  });

  it('compares with the earlier campaign: before, after, the change with its interval, and whether it exceeds the noise', () => {
    expect(vi.text).toContain('So với đợt “Khảo sát sự hài lòng và Chỉ số cải cách hành chính năm 2024” (01/09/2024 – 30/11/2024).');
    const rows = vi.tables.flat().filter((r) => r[0] === 'Tất cả người trả lời' && r.length === 7);
    expect(rows).toContainEqual(['Tất cả người trả lời', 'Thủ tục hành chính', '64,6 %', '74,1 %', '+9,5', 'từ +0,8 đến +18,2', 'vượt mức nhiễu']);
    expect(rows).toContainEqual(['Tất cả người trả lời', 'Chỉ số hài lòng chung', '74,2 %', viPercent(sipas.overall.score!), '+4,2', 'từ -1,9 đến +10,3', 'trong mức nhiễu']);
    expect(rows).toContainEqual(['Tất cả người trả lời', 'Cải cách thủ tục hành chính', '4,35', '3,72', '-0,63', 'từ -1,05 đến -0,21', 'vượt mức nhiễu']);
    expect(vi.tables.flat()).toContainEqual(['Tổ chức, doanh nghiệp', 'Chỉ số hài lòng chung', '(ẩn)*', viPercent(sipas.groups[1]!.report.score!), '—', '—', '—']);
    expect(vi.text).toContain('Thay đổi: đợt này trừ đợt trước, tính bằng điểm phần trăm.');
    expect(vi.text).toContain('Thay đổi: đợt này trừ đợt trước, tính bằng điểm.');
    // Only PAR's scoring differs: said once, in its section.
    const parSection = vi.text.slice(vi.text.lastIndexOf(par.title.vi));
    expect(vi.text.split(VI.differentScoring)).toHaveLength(2);
    expect(parSection).toContain(VI.differentScoring);
  });

  it('has no English word of its own nor any English label of the report in the Vietnamese document', () => {
    // The two dictionaries share no word of three letters or more ("n" and "so" are both languages').
    const english = [...dictionaryWords(EN)].filter((w) => w.length >= 3);
    expect(english.filter((w) => dictionaryWords(VI).has(w))).toEqual([]);
    const docWords = new Set(vi.text.toLowerCase().match(/\p{L}+/gu));
    expect(english.filter((w) => docWords.has(w))).toEqual([]);
    expect(english.length).toBeGreaterThan(100);
    for (const t of texts(report)) if (!t.vi.includes(t.en)) expect(vi.text, t.en).not.toContain(t.en);
    // Decimal commas only (a point after a digit is a thousands separator: three digits follow it).
    expect(vi.text).not.toMatch(/\d\.\d{1,2}(?!\d)/);
  });

  it('writes the English document in English: labels, status words, numbers as "78.4%"', () => {
    for (const q of [sipas, par]) for (const c of q.components) expect(en.text).toContain(c.label.en);
    const targets = en.tables[0]!;
    expect(targets.slice(1).map((r) => r[2])).toEqual(['✓ Met', '✗ Not met', '? Not yet decidable']);
    expect(en.text).toContain(enPercent(sipas.overall.score!));
    expect(en.text).toContain(`${par.overall.score!.toFixed(2)}/30`);
    expect(en.text).toContain('beyond noise');
    expect(en.text).toContain('within noise');
    expect(en.tables.flat(2)).toContain(EN.markPrimary);
    expect(en.text).toContain('Survey period: 01/09/2025 – 30/11/2025');
    // No Vietnamese of the report's own, nor any Vietnamese label of the report.
    for (const s of Object.values(VI))
      for (const piece of s.split(/\{\w+\}/))
        if (piece.trim().length >= 4 && /[^\x20-\x7e–—]/.test(piece)) expect(en.text, piece).not.toContain(piece.trim());
    for (const t of texts(report)) if (!t.en.includes(t.vi)) expect(en.text, t.vi).not.toContain(t.vi);
  });

  it('lists the sub-dimensions of a PAPI-like questionnaire under their dimension, a withheld one marked', async () => {
    const papi = papiQuestionnaire();
    const doc = read(await reportDocx({ ...report, questionnaires: [papi], targets: [], comparison: null }, 'vi'));
    const rows = doc.tables.flat();
    expect(rows).toContainEqual(['1', 'Tham gia của người dân ở cấp cơ sở', '5,68', '5,21–6,15', '40']);
    expect(rows).toContainEqual(['', '– Tri thức công dân', '0,47', '', '40']);
    expect(rows).toContainEqual(['', '– Sử dụng thông tin và dịch vụ công trực tuyến', '(ẩn)*', '', '3']);
    expect(rows).toContainEqual([VI.overallPoints, '9,32/20', '8,71–9,93', '40', '40']);
    expect(doc.text).toContain(VI.componentsHeadingPapi);
    expect(doc.text).toContain(VI.partsNote);
    expect(doc.text).toContain(VI.targetsNone);
    expect(doc.text).not.toContain(VI.comparisonHeading);
  });

  it(`is opened by LibreOffice: converted to PDF and to text, Vietnamese intact${SOFFICE_NOTE}`, { skip: !SOFFICE, timeout: WITH_SOFFICE }, () => {
    const pdf = libreOffice(viBytes, 'pdf', 'pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
    const text = libreOffice(viBytes, 'txt:Text (encoded):UTF8', 'txt').toString('utf8');
    for (const s of [
      report.campaign.title.vi,
      VI.targetsHeading,
      'Chưa kết luận được',
      'Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị',
      'Công tác chỉ đạo, điều hành cải cách hành chính',
      viPercent(sipas.overall.score!),
      '(ẩn)*',
      'vượt mức nhiễu',
    ])
      expect(text, s).toContain(s);
  });
});
