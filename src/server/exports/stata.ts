/**
 * A Stata do-file (`.do`, Stata 14 or later: UTF-8) that reads the codes CSV of one questionnaire
 * version and labels it, in Vietnamese or English.
 *
 * - `import delimited` reads the CSV with every column's type stated (`stringcols`, `numericcols`:
 *   nothing guessed) and without its header (`varnames(nonames) rowrange(2)`), so the variables are
 *   v1, v2, … and one `rename` gives each its name: the CSV's header when it is a valid name, else a
 *   valid one (at most 32 characters, unique), the renaming stated in a comment at the top.
 * - One `label define` per label set (a scale or list of the questionnaire, the 0/1 of multiple
 *   choices, an interview field), then `label values` for each variable on it.
 * - Stata's value labels need numbers. Text codes ("male", "dong-hoi") become 1, 2, … in the
 *   questionnaire's order: a set `_c_<set>` maps each number to its code as the CSV holds it, and
 *   `encode` reads the codes through it; the set `<set>` gives each number its label with the code
 *   in brackets ("Nam [male]"). A code the questionnaire does not have gets the next number (said
 *   when the file runs; `label list _c_<set>` shows it). The mapping is listed in a comment too.
 * - A variable label has at most 80 characters (the question cut, the matrix row or option kept).
 * - Texts are in compound quotes `"…"'; ` and $ are escaped with \ so Stata expands no macro; the
 *   sequence "' (which would end the quotes) has its apostrophe written ’.
 */
import type { Lang } from '../../survey';
import type { Dictionary, LabelSet } from './dictionary';
import { aboutLines, fitLabel, labelText, renamedLines, truncate, uniqueNames } from './dictionary';

export const STATA_LIMITS = { name: 32, variableLabel: 80, dataLabel: 80, line: 240 } as const;
/** Stata's value labels take integers of this size at most. */
const LARGEST_LABELLED = 2_147_483_620;

export interface StataOptions {
  lang: Lang;
  /** When the file is made (ISO 8601, UTC). */
  madeAt: string;
}

/** A text in compound double quotes, on one line, with nothing Stata would expand. */
export function stataString(text: string): string {
  const safe = text.replace(/[`$]/g, (c) => `\\${c}`).replace(/"'/g, '"’');
  return '`"' + safe + `"'`;
}

/**
 * A comment line, with nothing Stata would read as the start or end of another comment, and ` and
 * $ escaped as in strings (a code such as a$b`c listed in a comment expands no macro).
 */
const comment = (text: string): string =>
  `* ${labelText(text)
    .replace(/\/\*|\*\/|\/\//g, (c) => c.split('').join(' '))
    .replace(/[`$]/g, (c) => `\\${c}`)}`;

/** `items` wrapped into lines joined by ` ///` (Stata's line continuation). */
function continued(head: string, items: readonly string[], tail = ''): string[] {
  const lines: string[] = [];
  let line = head;
  for (const item of items) {
    if (line.length + item.length + 1 > STATA_LIMITS.line) {
      lines.push(`${line} ///`);
      line = `    ${item}`;
    } else line = `${line} ${item}`;
  }
  lines.push(line + tail);
  return lines;
}

/** Column positions as a Stata numlist: runs written a/b. */
export function numlist(positions: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < positions.length; ) {
    let j = i;
    while (j + 1 < positions.length && positions[j + 1] === positions[j]! + 1) j++;
    out.push(j > i ? `${positions[i]}/${positions[j]}` : String(positions[i]));
    i = j + 1;
  }
  return out;
}

/** A set Stata labels as numbers it makes: text codes, or numbers too large for a value label. */
export const mappedInStata = (set: LabelSet): boolean => !set.numeric || set.values.some((x) => typeof x.value !== 'number' || !Number.isInteger(x.value) || Math.abs(x.value) > LARGEST_LABELLED);

/** The `.do` text for the codes CSV described by `dictionary`. */
export function stataDoFile(dictionary: Dictionary, options: StataOptions): string {
  const { lang } = options;
  const { def, variables, labelSets, csv } = dictionary;
  const names = uniqueNames(
    variables.map((v) => v.column),
    STATA_LIMITS.name,
  );
  const mapped = new Set(labelSets.filter(mappedInStata));
  const asString = variables.filter((v) => !v.numeric || (v.labels !== undefined && mapped.has(v.labels)));
  const asNumber = variables.filter((v) => !asString.includes(v));
  const vi = lang === 'vi';

  const lines: string[] = [
    ...aboutLines(dictionary, lang, options.madeAt, 'Stata').map(comment),
    comment(vi ? `Chạy: do "${csv.replace(/\.csv$/, '.do')}" (Stata 14 trở lên, đọc UTF-8).` : `Run: do "${csv.replace(/\.csv$/, '.do')}" (Stata 14 or later, which reads UTF-8).`),
    comment(
      vi
        ? 'Nhãn giá trị của Stata cần số: các mã dạng chữ được đổi thành 1, 2, … theo thứ tự trong bảng hỏi; bộ nhãn _c_<tên> ghi mã gốc của từng số, bộ <tên> ghi nhãn kèm mã trong [ ] (xem danh sách dưới đây).'
        : "Stata's value labels need numbers: text codes become 1, 2, … in the questionnaire's order; the set _c_<name> holds each number's original code, the set <name> its label with the code in [ ] (listed below).",
    ),
    ...renamedLines(dictionary, names, lang, STATA_LIMITS.name).map(comment),
  ];
  for (const set of labelSets.filter((s) => mapped.has(s))) {
    lines.push(comment(vi ? `Bộ nhãn ${set.name} (${set.about.vi}), số = mã:` : `Label set ${set.name} (${set.about.en}), number = code:`));
    lines.push(...set.values.map((x, i) => comment(`  ${i + 1} = ${truncate(labelText(String(x.value)), 120, 'characters')}`)));
  }
  const types = [
    ...(asString.length ? [`stringcols(${numlist(asString.map((v) => v.position)).join(' ')})`] : []),
    ...(asNumber.length ? [`numericcols(${numlist(asNumber.map((v) => v.position)).join(' ')})`] : []),
  ];
  lines.push(
    '',
    'version 14',
    ...continued(`import delimited using "${csv}", clear encoding("utf-8") delimiters(",") varnames(nonames) rowrange(2) bindquote(strict)`, types),
    // One rename of every column at once: v1 v2 … to their names.
    ...continued('rename', [...variables.map((v, i) => `${i === 0 ? '(' : ''}v${v.position}${i === variables.length - 1 ? ')' : ''}`), ...names.map((n, i) => `${i === 0 ? '(' : ''}${n}${i === names.length - 1 ? ')' : ''}`)]),
  );
  lines.push(`label data ${stataString(truncate(labelText(`${def.title[lang]} — ${def.id} v${def.version}`), STATA_LIMITS.dataLabel, 'characters'))}`);

  for (const set of labelSets) {
    const about = vi ? `Bộ nhãn ${set.name}: ${set.about.vi}; ${set.variables.length} biến.` : `Label set ${set.name}: ${set.about.en}; ${set.variables.length} variable(s).`;
    lines.push('', comment(about));
    if (!mapped.has(set)) {
      lines.push(...continued(`label define ${set.name}`, set.values.map((x) => `${x.value} ${stataString(labelText(x.label[lang]))}`), ', replace'));
      continue;
    }
    const codes = set.values.map((x, i) => `${i + 1} ${stataString(String(x.value))}`);
    const labels = set.values.map((x, i) => `${i + 1} ${stataString(`${labelText(x.label[lang])} [${labelText(String(x.value))}]`)}`);
    const setNames = set.variables.map((v) => names[v.position - 1]!);
    lines.push(
      ...continued(`label define _c_${set.name}`, codes, ', replace'),
      ...continued(`label define ${set.name}`, labels, ', replace'),
      ...continued('foreach v in', setNames, ' {'),
      "    encode `v', generate(_svy_n) label(_c_" + set.name + ')',
      "    order _svy_n, after(`v')",
      "    drop `v'",
      "    rename _svy_n `v'",
      '}',
      `quietly label list _c_${set.name}`,
      `if r(max) > ${set.values.length} display as error ${stataString(
        vi
          ? `${set.name}: có giá trị ngoài các mã của bảng hỏi, đánh số từ ${set.values.length + 1}: label list _c_${set.name}`
          : `${set.name}: values outside the questionnaire's codes, numbered from ${set.values.length + 1}: label list _c_${set.name}`,
      )}`,
    );
  }
  lines.push('');
  for (const v of variables) lines.push(`label variable ${names[v.position - 1]} ${stataString(fitLabel(v.label, lang, STATA_LIMITS.variableLabel, 'characters'))}`);
  lines.push('');
  for (const v of variables) if (v.labels) lines.push(`label values ${names[v.position - 1]} ${v.labels.name}`);
  lines.push('', 'compress', comment(vi ? `Muốn lưu thành tệp Stata: save "${csv.replace(/\.csv$/, '.dta')}", replace` : `To keep a Stata data file: save "${csv.replace(/\.csv$/, '.dta')}", replace`), '');
  return lines.join('\r\n');
}
