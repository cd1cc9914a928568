// @vitest-environment node
/**
 * Uploaded questionnaires are read in a thread of their own, with a time limit; a zip's entries
 * are unpacked and checked by Node's zlib before the spreadsheet parser sees them. A file on which
 * the parser never returns (files/parser-never-returns.xlsx: an export of sipas-citizen with 20
 * bytes altered; SheetJS loops on it) is refused at once; a reading that takes too long is stopped
 * and refused; a good file reads as it does in the server's thread.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readUploadInThread } from '../../src/server/questionnaires/read-thread';
import { readUpload, writeWorkbook, zipDamage } from '../../src/server/questionnaires/read-upload';
import type { Definition } from '../../src/survey';
import { exportXlsform } from '../../src/survey/xlsform/export';
import { DEFINITIONS_DIR } from './harness';

it('reads a good file in the thread', async () => {
  const { $schema: _s, ...def } = JSON.parse(readFileSync(join(DEFINITIONS_DIR, 'sipas-citizen.json'), 'utf8')) as Definition;
  const read = await readUploadInThread(writeWorkbook(exportXlsform(def)), 'sipas.xlsx');
  expect(read.ok && read.definition).toEqual(def);
});

it('refuses at once a zip whose entries do not unpack to what it declares', () => {
  const bytes = readFileSync(join(import.meta.dirname, 'files/parser-never-returns.xlsx'));
  expect(zipDamage(bytes)).toMatch(/^xl\/.+: (deflate|checksum)$/);
  const read = readUpload(bytes, 'parser-never-returns.xlsx');
  expect(!read.ok && read.problems[0]?.message.en).toMatch(/cannot be read: it is damaged/);
});

it('stops a reading that takes too long and refuses the file', async () => {
  const { $schema: _s, ...def } = JSON.parse(readFileSync(join(DEFINITIONS_DIR, 'sipas-citizen.json'), 'utf8')) as Definition;
  const read = await readUploadInThread(writeWorkbook(exportXlsform(def)), 'sipas.xlsx', 1);
  expect(!read.ok && read.problems[0]?.message.en).toMatch(/cannot be read: reading it took over/);
});
