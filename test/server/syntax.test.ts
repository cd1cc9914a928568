// @vitest-environment node
/**
 * The SPSS and Stata syntax generators (src/server/exports/spss.ts, stata.ts, dictionary.ts), on
 * the shipped questionnaires and on one made to be awkward: one label set per scale or list used
 * by every question on it, valid and unique names with the renaming stated, quotes and macro
 * characters escaped, labels cut within each package's limits on whole characters, Vietnamese
 * text intact, text codes kept (SPSS) or numbered with their codes shown (Stata).
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { dictionaryOf, fitLabel, truncate, uniqueNames, validName } from '../../src/server/exports/dictionary';
import { beginsCommand, SPSS_LIMITS, spssString, spssSyntax } from '../../src/server/exports/spss';
import { mappedInStata, numlist, STATA_LIMITS, stataDoFile, stataString } from '../../src/server/exports/stata';
import type { Definition } from '../../src/survey';
import { DEFINITIONS_DIR } from './harness';
import { syntaxEdgeDefinition } from './syntax-fixtures';
import { THREE_LANGUAGES } from '../survey/three-languages';

const catalog = loadCatalog(DEFINITIONS_DIR);
const shipped = (id: string, version = 1): Definition => catalog.get(id, version)!.definition;
const MADE = '2026-12-08T01:02:03.000Z';
const sps = (def: Definition, lang: 'vi' | 'en' = 'vi') => spssSyntax(dictionaryOf(def), { lang, madeAt: MADE, measured: { interviews: 3, bytes: new Map() } });
const stata = (def: Definition, lang: 'vi' | 'en' = 'vi') => stataDoFile(dictionaryOf(def), { lang, madeAt: MADE });

/** The commands of an SPSS file: lines joined until one ends with a period (comments left out). */
function spssCommands(text: string): string[] {
  const commands: string[] = [];
  let current = '';
  for (const line of text.replace(/^\uFEFF/, '').split('\r\n')) {
    if (current === '' && (line.startsWith('*') || line.trim() === '')) continue;
    current += (current ? '\n' : '') + line;
    if (/\.\s*$/.test(line) && !line.startsWith('*')) {
      commands.push(current);
      current = '';
    }
  }
  return commands;
}

/** Reads back SPSS's quoted strings: 'a''b' + 'c' → a'bc. */
const spssText = (quoted: string): string =>
  [...quoted.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'")).join('');

/** Reads back a Stata compound-quoted string: the escapes of ` and $ removed. */
const stataText = (quoted: string): string => quoted.replace(/^`"/, '').replace(/"'$/, '').replace(/\\([`$])/g, '$1');

/** Stata commands, each with its /// continuations joined. */
function stataCommands(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of text.split('\r\n')) {
    if (current === '' && (line.startsWith('*') || line.trim() === '')) continue;
    if (line.endsWith(' ///')) current += line.slice(0, -4) + ' ';
    else {
      out.push((current + line).replace(/\s+/g, ' ').trim());
      current = '';
    }
  }
  return out;
}

describe('label sets', () => {
  it('makes one set per scale, used by every question and matrix row on it, and one per list shared with the stratum', () => {
    const def = shipped('sipas-citizen');
    const dictionary = dictionaryOf(def);
    const sat5 = dictionary.labelSets.find((s) => s.key === 'scale:sat5')!;
    const onSat5 = def.sections.flatMap((s) => s.questions).filter((q) => q.type === 'single' && q.scale === 'sat5').map((q) => q.id);
    expect(onSat5.length).toBeGreaterThan(20);
    expect(sat5.variables.map((v) => v.column)).toEqual(onSat5);
    expect(sat5.values.map((v) => [v.value, v.label.vi])).toEqual([
      [1, 'Rất không hài lòng'],
      [2, 'Không hài lòng'],
      [3, 'Bình thường'],
      [4, 'Hài lòng'],
      [5, 'Rất hài lòng'],
    ]);
    // The districts list: the stratum and the question asking it share one set.
    const districts = dictionary.labelSets.find((s) => s.key === 'list:districts')!;
    expect(districts.variables.map((v) => v.column)).toEqual(['stratum', 'district']);
    expect(districts.numeric).toBe(false);
    // Every multiple choice's 0/1 columns share one set.
    const selected = dictionary.labelSets.find((s) => s.key === 'selected')!;
    expect(selected.variables.every((v) => v.column.startsWith('improvePriorities.'))).toBe(true);
    expect(selected.values.map((v) => [v.value, v.label.vi, v.label.en])).toEqual([
      [1, 'Có chọn', 'Selected'],
      [0, 'Không chọn', 'Not selected'],
    ]);
    // Interview fields have their labels too.
    expect(dictionary.labelSets.map((s) => s.key)).toEqual(expect.arrayContaining(['group', 'lang', 'mode', 'clock_suspect']));
    // No variable is in two sets, no set is empty.
    expect(new Set(dictionary.labelSets.flatMap((s) => s.variables)).size).toBe(dictionary.labelSets.reduce((n, s) => n + s.variables.length, 0));
  });

  it('labels the interview language with every language of the questionnaire', () => {
    const dictionary = dictionaryOf(THREE_LANGUAGES);
    const lang = dictionary.labelSets.find((s) => s.key === 'lang')!;
    expect(lang.values.map((v) => [v.value, v.label.vi, v.label.en])).toEqual([
      ['vi', 'Tiếng Việt', 'Vietnamese'],
      ['en', 'Tiếng Anh', 'English'],
      ['km', 'ភាសាខ្មែរ (km)', 'Khmer (km)'],
    ]);
    expect(sps(THREE_LANGUAGES)).toContain("'km' 'ភាសាខ្មែរ (km)'");
  });

  it('gives matrices on one scale and the questions on it the same set, a matrix row one variable each', () => {
    const dictionary = dictionaryOf(shipped('par-district-leaders'));
    const par4 = dictionary.labelSets.filter((s) => s.key.startsWith('scale:par4'));
    expect(par4).toHaveLength(1);
    const columns = par4[0]!.variables.map((v) => v.column);
    expect(columns.filter((c) => c.startsWith('b1_departments.'))).toHaveLength(20);
    expect(columns.filter((c) => c.startsWith('b3_departments.'))).toHaveLength(20);
    expect(columns).toContain('b2_timely');
    // The multiple choice over the departments list is 0/1, not the list's labels.
    expect(dictionary.variables.find((v) => v.column.startsWith('b3_lateDepartments.'))?.labels?.key).toBe('selected');
  });

  it('writes one VALUE LABELS command per set (SPSS) and one label define per set with label values per variable (Stata)', () => {
    for (const def of [shipped('sipas-citizen'), shipped('par-district-leaders'), shipped('papi-citizen'), syntaxEdgeDefinition()]) {
      const dictionary = dictionaryOf(def);
      const valueLabels = spssCommands(sps(def)).filter((c) => c.startsWith('VALUE LABELS'));
      expect(valueLabels, def.id).toHaveLength(dictionary.labelSets.length);
      const commands = stataCommands(stata(def));
      for (const set of dictionary.labelSets) {
        expect(commands.filter((c) => c.startsWith(`label define ${set.name} `)), `${def.id} ${set.name}`).toHaveLength(1);
        expect(commands.filter((c) => c.endsWith(` ${set.name}`) && c.startsWith('label values ')), `${def.id} ${set.name}`).toHaveLength(set.variables.length);
      }
    }
  });
});

describe('names', () => {
  it('makes names valid: ASCII letters, digits and _, a letter first, not reserved, within the length', () => {
    expect(validName('improvePriorities.no-opinion', 64)).toBe('improvePriorities_no_opinion');
    expect(validName('b3_departments.sở-nội-vụ', 64)).toBe('b3_departments_so_noi_vu');
    expect(validName('q.Đồng', 64)).toBe('q_Dong');
    expect(validName('18-24', 64)).toBe('v18_24');
    expect(validName('in', 32)).toBe('v_in');
    expect(validName('WITH', 64)).toBe('v_WITH');
    expect(validName('str12', 32)).toBe('v_str12');
    expect(validName('q.x-', 64)).toBe('q_x');
    expect(validName('a'.repeat(40), 32)).toBe('a'.repeat(32));
  });

  it('keeps names unique without regard to case, within the length', () => {
    expect(uniqueNames(['q.a-b', 'q.a_b', 'Q_A_B', 'q.a b'], 32)).toEqual(['q_a_b', 'q_a_b_2', 'Q_A_B_3', 'q_a_b_4']);
    const long = uniqueNames(['x'.repeat(40), `${'x'.repeat(40)}y`], 32);
    expect(long).toEqual(['x'.repeat(32), `${'x'.repeat(30)}_2`]);
  });

  it('gives every variable of every questionnaire a valid, unique name, and states each renaming', () => {
    for (const def of [...catalog.list().map((e) => e.definition), syntaxEdgeDefinition()]) {
      for (const [text, max, spss] of [
        [sps(def), SPSS_LIMITS.name, true],
        [stata(def), STATA_LIMITS.name, false],
      ] as const) {
        const names = spss
          ? [...spssCommands(text).find((c) => c.startsWith('GET DATA'))!.split('/VARIABLES=')[1]!.matchAll(/(\S+) (?:A\d+|F\d+\.\d+)/g)].map((m) => m[1]!)
          : /^rename \((.*?)\) \((.*)\)$/.exec(stataCommands(text).find((c) => c.startsWith('rename '))!)![2]!.split(' ');
        const columns = dictionaryOf(def).variables.map((v) => v.column);
        expect(names, def.id).toHaveLength(columns.length);
        for (const name of names) {
          expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
          expect(name.length).toBeLessThanOrEqual(max);
        }
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
        columns.forEach((column, i) => {
          if (column !== names[i]) expect(text, `${def.id}: ${column}`).toContain(`${column} -> ${names[i]}`);
        });
      }
    }
  });

  it('never begins an SPSS line with a name PSPP would take for COMMENT or DOCUMENT', () => {
    // PSPP 1.6 takes COMM and DOC, not COM; COM is avoided all the same.
    expect(['comment', 'COMM', 'com', 'doc', 'document'].map(beginsCommand)).toEqual([true, true, true, true, true]);
    expect(['co', 'comments', 'completed', 'do', 'documents'].map(beginsCommand)).toEqual([false, false, false, false, false]);
    for (const def of catalog.list().map((e) => e.definition)) {
      const text = sps(def);
      expect(text, def.id).toContain(' comment A');
      for (const line of text.split('\r\n')) expect(beginsCommand(/^\s*(\S+)/.exec(line)?.[1] ?? ''), `${def.id}: ${line}`).toBe(false);
    }
  });

  it('renames the awkward questionnaire’s columns as stated', () => {
    const text = sps(syntaxEdgeDefinition());
    expect(text).toContain('* in -> v_in');
    expect(text).toContain('* vanDe.a-b -> vanDe_a_b');
    expect(text).toContain('* vanDe.a_b -> vanDe_a_b_2');
    expect(text).toContain('* danhGia.sở-nội-vụ -> danhGia_so_noi_vu');
    expect(text).toContain('* danhGia.so_noi_vu -> danhGia_so_noi_vu_2');
  });
});

describe('texts', () => {
  it('cuts on whole characters, letters with their marks, and says it was cut', () => {
    const vi = 'Mức độ hài lòng về thời gian giải quyết hồ sơ';
    expect(truncate(vi, 100, 'bytes')).toBe(vi);
    for (let max = 4; max < Buffer.byteLength(vi); max++) {
      const cut = truncate(vi, max, 'bytes');
      expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(max);
      expect(cut.endsWith('…')).toBe(true);
      expect(vi.startsWith(cut.slice(0, -1))).toBe(true);
    }
    // Decomposed: ề is e + two marks; never cut between them.
    const nfd = 'Về đề nghị'.normalize('NFD');
    for (let max = 2; max < Array.from(nfd).length; max++) {
      const cut = truncate(nfd, max, 'characters');
      expect(Array.from(cut).length).toBeLessThanOrEqual(max);
      const kept = cut.slice(0, -1);
      expect(nfd.startsWith(kept)).toBe(true);
      expect(/\p{M}/u.test(nfd[kept.length] ?? '')).toBe(false);
    }
  });

  it('keeps a matrix row or option whole when the question’s text must be cut', () => {
    const parts = { main: { vi: 'Ông/Bà đánh giá thế nào về chất lượng giải quyết thủ tục hành chính của các sở, ban, ngành sau đây', en: 'x' }, tail: { vi: 'Sở Nội vụ', en: 'Home Affairs' } };
    const label = fitLabel(parts, 'vi', 80, 'characters');
    expect(Array.from(label).length).toBeLessThanOrEqual(80);
    expect(label.endsWith('… — Sở Nội vụ')).toBe(true);
    expect(label.startsWith('Ông/Bà đánh giá thế nào')).toBe(true);
  });

  it('escapes SPSS strings (apostrophes doubled) and splits long ones on characters', () => {
    expect(spssString("Ý kiến 'khác' \"của\" họ", '  ')).toBe("'Ý kiến ''khác'' \"của\" họ'");
    const long = 'Đánh giá về sự phục vụ của cơ quan hành chính nhà nước '.repeat(8);
    const split = spssString(long, '    ', 60);
    expect(split.split('\r\n').length).toBeGreaterThan(1);
    expect(spssText(split)).toBe(long);
  });

  it('escapes Stata strings: compound quotes, no macro expanded', () => {
    expect(stataString('Giá $100 `x\' "y"')).toBe('`"Giá \\$100 \\`x\' "y""\'');
    expect(stataText(stataString('a "quoted" b'))).toBe('a "quoted" b');
    // "' would end the compound quotes.
    expect(stataString(`say "hi"'s`)).toBe('`"say "hi"’s"\'');
  });

  it('keeps Vietnamese text intact, starts the SPSS file with a BOM, and keeps its lines short', () => {
    const text = sps(shipped('par-district-leaders'));
    expect(text.startsWith('\uFEFF* Cú pháp SPSS đọc tệp par-district-leaders-v1.csv')).toBe(true);
    expect(text).toContain("'Sở Nội vụ'".slice(1, -1));
    expect(text).not.toContain('\uFFFD');
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
    for (const line of text.replace(/^\uFEFF/, '').split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(SPSS_LIMITS.line);
    // Every comment ends with a period: nothing after it is taken into it.
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    lines.forEach((line, i) => {
      if (line.startsWith('*') && !(lines[i + 1] ?? '').startsWith('*')) expect(line.endsWith('.'), line).toBe(true);
    });
  });

  it('says in each file which CSV it reads, the questionnaire, version and date, in the labels’ language', () => {
    const def = shipped('sipas-citizen', 2);
    for (const [text, lang] of [
      [sps(def), 'vi'],
      [stata(def), 'vi'],
      [sps(def, 'en'), 'en'],
      [stata(def, 'en'), 'en'],
    ] as const) {
      const head = text.replace(/^\uFEFF/, '').split('\r\n').slice(0, 4).join('\n');
      expect(head).toContain('sipas-citizen-v2.csv');
      expect(head).toContain(def.title[lang]);
      expect(head).toContain(lang === 'vi' ? 'phiên bản 2' : 'version 2');
      expect(head).toContain(MADE);
    }
    expect(sps(def, 'en')).toContain("'Very satisfied'");
    expect(stata(def, 'en')).toContain('`"Very satisfied"\'');
  });
});

describe('the awkward questionnaire', () => {
  const def = syntaxEdgeDefinition();
  const dictionary = dictionaryOf(def);

  it('SPSS: text codes as strings with string labels, a guarded code as the CSV holds it, long labels cut to 120 bytes', () => {
    const commands = spssCommands(sps(def));
    const yn = commands.find((c) => c.startsWith('VALUE LABELS') && c.includes('q_a'))!;
    expect(yn).toContain("'yes' 'Có'");
    expect(yn).toContain("'''-dk' 'Không biết \"rõ\"'"); // the CSV holds '-dk
    const dong = commands.find((c) => c.startsWith('VALUE LABELS dong\n'))!;
    expect(dong).toContain("'say \"hi\"'");
    expect(dong).toContain("'it''s'");
    expect(dong).toContain("'a$b`c'");
    // Every value label within 120 bytes.
    for (const c of commands.filter((x) => x.startsWith('VALUE LABELS')))
      for (const line of c.split('\n').slice(1).filter((l) => /^ {2}(?:-?\d|')/.test(l))) {
        const label = /('(?:[^']|'')*')\.?$/.exec(line.trim())?.[1];
        if (label && /^ {2}(?:-?\d+|'(?:[^']|'')*') '/.test(line)) expect(Buffer.byteLength(spssText(label))).toBeLessThanOrEqual(SPSS_LIMITS.valueLabel);
      }
    const get = commands.find((c) => c.startsWith('GET DATA'))!;
    expect(get).toMatch(/\n {4}dong A64\n/);
    expect(get).toMatch(/\n {4}danhGia_so_noi_vu F1\.0\n/);
    expect(get).toMatch(/\n {4}tyLe F16\.1\n/);
    expect(get).toMatch(/\n {4}ghiChu A255\n/); // no answer measured yet: the least width
  });

  it('Stata: text codes numbered in the questionnaire’s order, the code in each label and in a comment, label values only on defined sets', () => {
    const text = stata(def);
    const commands = stataCommands(text);
    const yn = dictionary.labelSets.find((s) => s.key === 'scale:yn')!;
    expect(mappedInStata(yn)).toBe(true);
    expect(commands).toContain(`label define _c_${yn.name} 1 \`"yes"' 2 \`"no"' 3 \`"'-dk"', replace`);
    expect(commands).toContain(`label define ${yn.name} 1 \`"Có [yes]"' 2 \`"Không [no]"' 3 \`"Không biết "rõ" ['-dk]"', replace`);
    expect(text).toContain(`* 3 = '-dk`);
    const dong = dictionary.labelSets.find((s) => s.key === 'options:dong')!;
    expect(commands).toContain(`label define _c_${dong.name} 1 \`"say "hi""' 2 \`"it's"' 3 \`"a\\$b\\\`c"', replace`);
    // Numeric scales stay numbers.
    const agree = dictionary.labelSets.find((s) => s.key === 'scale:agree4')!;
    expect(mappedInStata(agree)).toBe(false);
    expect(commands.find((c) => c.startsWith(`label define ${agree.name} `))).toMatch(/^label define agree4 1 `"Hoàn toàn không đồng ý"' .* 9 `"Không biết"', replace$/);

    // Every label values names a set defined above it; every encode reads a _c_ set defined above it.
    const defined = new Set<string>();
    for (const c of commands) {
      const define = /^label define (\S+) /.exec(c);
      if (define) defined.add(define[1]!);
      const values = /^label values (\S+) (\S+)$/.exec(c);
      if (values) expect(defined.has(values[2]!), c).toBe(true);
      const encode = /label\((\S+)\)$/.exec(c);
      if (encode) expect(defined.has(encode[1]!), c).toBe(true);
    }
    // Every column read with its type stated, once.
    const imported = commands.find((c) => c.startsWith('import delimited'))!;
    const expand = (list: string) => list.split(' ').flatMap((x) => (x.includes('/') ? Array.from({ length: Number(x.split('/')[1]) - Number(x.split('/')[0]) + 1 }, (_, i) => Number(x.split('/')[0]) + i) : [Number(x)]));
    const strings = expand(/stringcols\(([^)]*)\)/.exec(imported)![1]!);
    const numbers = expand(/numericcols\(([^)]*)\)/.exec(imported)![1]!);
    expect([...strings, ...numbers].sort((a, b) => a - b)).toEqual(dictionary.variables.map((v) => v.position));
    expect(imported).toContain('varnames(nonames) rowrange(2)');
    // Variable labels within 80 characters, the matrix row kept.
    for (const c of commands.filter((x) => x.startsWith('label variable ')))
      expect(Array.from(stataText(/^label variable \S+ (.*)$/.exec(c)![1]!)).length, c).toBeLessThanOrEqual(STATA_LIMITS.variableLabel);
    expect(commands.find((c) => c.startsWith('label variable danhGia_so_noi_vu ')), 'matrix row').toMatch(/… — Sở Nội vụ "tỉnh"/);
  });

  it('writes runs of positions as Stata numlists', () => {
    expect(numlist([1, 2, 3, 5, 7, 8])).toEqual(['1/3', '5', '7/8']);
  });
});
