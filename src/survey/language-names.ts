/**
 * Names of the languages a questionnaire in Vietnam is likely to carry: each in its own script or
 * as its speakers in Vietnam write it, and in English (for XLSForm's `label::Khmer (km)` columns).
 * A code missing here is shown as the code itself. Not in the enumerator's first load: the pages
 * that offer a questionnaire's languages import it.
 */
const NAMES: Record<string, readonly [own: string, english: string]> = {
  vi: ['Tiếng Việt', 'Vietnamese'],
  en: ['English', 'English'],
  km: ['ភាសាខ្មែរ', 'Khmer'],
  hmn: ['Hmoob', 'Hmong'],
  tyz: ['Tày', 'Tay'],
  blt: ['Thái Đen', 'Tai Dam'],
  twh: ['Thái Trắng', 'Tai Don'],
  nut: ['Nùng', 'Nung'],
  mtq: ['Mường', 'Muong'],
  rad: ['Ê Đê', 'Rade'],
  jra: ['Gia Rai', 'Jarai'],
  bdq: ['Ba Na', 'Bahnar'],
  sed: ['Xơ Đăng', 'Sedang'],
  kpm: ['Cơ Ho', 'Koho'],
  cjm: ['Chăm', 'Eastern Cham'],
  ium: ['Dao (Iu Mien)', 'Iu Mien'],
  zh: ['中文', 'Chinese'],
  lo: ['ພາສາລາວ', 'Lao'],
  th: ['ภาษาไทย', 'Thai'],
  fr: ['Français', 'French'],
  ko: ['한국어', 'Korean'],
  ja: ['日本語', 'Japanese'],
};

/** How a language is offered on the device: "Tiếng Việt", "English", "ភាសាខ្មែរ (km)", or the code. */
export function languageLabel(code: string): string {
  const own = NAMES[code]?.[0];
  if (code === 'vi' || code === 'en') return own!;
  return own === undefined ? code : `${own} (${code})`;
}

/** The language's name in English ("Khmer"), or the code when this table lacks it. */
export const languageEnglishName = (code: string): string => NAMES[code]?.[1] ?? code;

/** The code of a language named in English or in its own name ("Khmer", "ភាសាខ្មែរ", "français"), if known. */
export function languageCodeOfName(name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  for (const [code, [own, english]] of Object.entries(NAMES)) if (own.toLowerCase() === wanted || english.toLowerCase() === wanted) return code;
  return undefined;
}
