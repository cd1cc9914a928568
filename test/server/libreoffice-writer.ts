/**
 * LibreOffice Writer for the tests that open the Word report: its command when installed with
 * Writer (`apt-get install libreoffice-writer-nogui`; Debian's Calc alone cannot open a .docx,
 * Writer's library is libswlo.so), and a conversion with a private profile.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

const LIBREOFFICE_DIR = '/usr/lib/libreoffice/program';
const WRITER = !existsSync(LIBREOFFICE_DIR) || existsSync(join(LIBREOFFICE_DIR, 'libswlo.so'));
export const SOFFICE = WRITER ? ['soffice', 'libreoffice'].find((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0) : undefined;
/** A conversion by LibreOffice: its start-up alone can take seconds on a busy machine. */
export const WITH_SOFFICE = 240_000;
/** Said in the names of the tests that need LibreOffice, so a run without it is not mistaken for a full one. */
export const SOFFICE_NOTE = SOFFICE ? '' : ' (LibreOffice Writer not installed: apt-get install -y --no-install-recommends libreoffice-writer-nogui)';

/** `docx` converted by LibreOffice with `filter` ("pdf", "txt:Text (encoded):UTF8"); the file it wrote, `report.<ext>`. */
export function libreOffice(docx: Buffer, filter: string, ext: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'docx-lo-'));
  try {
    writeFileSync(join(dir, 'report.docx'), docx);
    const run = spawnSync(SOFFICE!, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', filter, '--outdir', dir, join(dir, 'report.docx')], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, `${run.stderr}${run.error ? String(run.error) : ''}`).toBe(0);
    return readFileSync(join(dir, `report.${ext}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
