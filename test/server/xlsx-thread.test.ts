// @vitest-environment node
/**
 * The XLSX export's thread (src/server/exports/xlsx-thread.ts): it writes the same workbook as the
 * writer run in the server, fits interviews of any size in its bounded heap (they reach it in
 * slices), and its failures (a read that fails, a heap exhausted) fail that export only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import type { ExportRow } from '../../src/server/exports/columns';
import { exportColumns } from '../../src/server/exports/columns';
import { SLICE_CHARACTERS, sliced, writeXlsxInThread, writeXlsxWhenFree, XLSX_THREAD_LIMITS, XLSX_THREADS, xlsxExportsWaiting } from '../../src/server/exports/xlsx-thread';
import { writeXlsx } from '../../src/server/exports/xlsx';
import type { Definition } from '../../src/survey';

const def = JSON.parse(readFileSync(join(__dirname, '../../survey-definitions/sipas-citizen-v2.json'), 'utf8')) as Definition;
const textIds = def.sections.flatMap((s) => s.questions).filter((q) => q.type === 'text' || q.type === 'longtext').map((q) => q.id);

function row(i: number, answerCharacters: number): ExportRow {
  const each = 'ý kiến '.repeat(Math.ceil(answerCharacters / textIds.length / 7)).slice(0, Math.ceil(answerCharacters / textIds.length));
  return {
    id: `r${String(i).padStart(4, '0')}`,
    deviceId: 'dev-1',
    deviceName: 'Máy 1',
    campaignId: null,
    receivedAt: '2021-11-02T03:00:00.000Z',
    startedAt: '2021-11-02T02:00:00.000Z',
    completedAt: '2021-11-02T02:30:00.000Z',
    group: 'citizen',
    stratum: 'dong-hoi',
    lang: 'vi',
    answers: { ...Object.fromEntries(textIds.map((id) => [id, `${i} ${each}`])), respondentType: 'individual' },
    sectionTimes: {},
    mode: 'interviewer',
    linkId: null,
    clockSuspect: null,
    size: answerCharacters,
  };
}

/** Everything the output gives; rejects when it errs or closes before its end. */
const collect = (out: PassThrough): Promise<Buffer> => buffer(out);

async function sheets(bytes: Buffer): Promise<Map<string, unknown[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return new Map(book.worksheets.map((s) => [s.name, s.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1))]));
}

describe('slices of a batch', () => {
  it('keeps the rows in order, each slice under the bound unless one row is larger', () => {
    const sizes = [10, SLICE_CHARACTERS - 5, 3, SLICE_CHARACTERS * 2, 1, 1];
    const batch = sizes.map((n, i) => ({ ...row(i, 0), size: n }));
    const slices = sliced(batch);
    expect(slices.flat().map((r) => r.id)).toEqual(batch.map((r) => r.id));
    expect(slices.map((s) => s.length)).toEqual([1, 2, 1, 2]);
    for (const s of slices) if (s.length > 1) expect(s.reduce((n, r) => n + r.size!, 0)).toBeLessThanOrEqual(SLICE_CHARACTERS);
  });
});

describe('the XLSX export written in its own thread', () => {
  it('writes the same sheets as the writer run in the server', async () => {
    const rows = Array.from({ length: 600 }, (_, i) => row(i, 200));
    async function* batches() {
      for (let i = 0; i < rows.length; i += 250) yield rows.slice(i, i + 250);
    }
    const signal = new AbortController().signal;
    const inThread = new PassThrough();
    const threadBytes = collect(inThread);
    await writeXlsxInThread(inThread, { def, labels: 'en', scores: undefined, batches, signal });
    const inServer = new PassThrough();
    const serverBytes = collect(inServer);
    await writeXlsx(inServer, { def, columns: exportColumns(def), labels: 'en', scores: undefined, batches, signal });
    const [a, b] = [await sheets(await threadBytes), await sheets(await serverBytes)];
    expect([...a.keys()]).toEqual(['data', 'labels', 'codebook']);
    expect(a.get('data')).toHaveLength(601);
    expect(a).toEqual(b);
  }, 60_000);

  it('fits a batch larger than its heap: the interviews reach it in slices', async () => {
    // 30 interviews of a million characters each (60 MB of text), in one batch, to a thread with a 24 MB heap.
    const rows = Array.from({ length: 30 }, (_, i) => row(i, 1_000_000));
    async function* batches() {
      yield rows;
    }
    const out = new PassThrough();
    const bytes = collect(out);
    await writeXlsxInThread(out, { def, labels: 'vi', scores: undefined, batches, signal: new AbortController().signal }, { ...XLSX_THREAD_LIMITS, maxOldGenerationSizeMb: 24 });
    const data = (await sheets(await bytes)).get('data')!;
    expect(data.slice(1).map((r) => r[0])).toEqual(rows.map((r) => r.id));
  }, 120_000);

  it('fails the export, not the server, when a read fails or the thread runs out of memory', async () => {
    async function* failing(): AsyncGenerator<ExportRow[]> {
      yield [row(1, 10)];
      throw new Error('the database went away');
    }
    const out = new PassThrough();
    const closed = new Promise((resolve) => out.on('close', resolve));
    out.on('error', () => undefined);
    await expect(writeXlsxInThread(out, { def, labels: 'vi', scores: undefined, batches: failing, signal: new AbortController().signal })).rejects.toThrow('the database went away');
    await closed;
    expect(out.destroyed).toBe(true);

    // One interview larger than the thread's whole heap.
    async function* huge() {
      yield [row(1, 40_000_000)];
    }
    const out2 = new PassThrough();
    out2.on('error', () => undefined);
    await expect(
      writeXlsxInThread(out2, { def, labels: 'vi', scores: undefined, batches: huge, signal: new AbortController().signal }, { ...XLSX_THREAD_LIMITS, maxOldGenerationSizeMb: 24 }),
    ).rejects.toThrow(/memory/);
    expect(out2.destroyed).toBe(true);
  }, 60_000);

  it('stops the thread and the reading once the client has gone', async () => {
    let read = 0;
    let returned = false;
    async function* endless(): AsyncGenerator<ExportRow[]> {
      try {
        for (let i = 0; ; i++) {
          read++;
          yield Array.from({ length: 50 }, (_, j) => row(i * 50 + j, 100));
        }
      } finally {
        returned = true;
      }
    }
    const gone = new AbortController();
    const out = new PassThrough();
    out.on('error', () => undefined);
    out.once('data', () => gone.abort());
    await writeXlsxInThread(out, { def, labels: 'vi', scores: undefined, batches: endless, signal: gone.signal });
    expect(out.destroyed).toBe(true);
    const after = read;
    await new Promise((r) => setTimeout(r, 300));
    expect(read).toBe(after);
    expect(returned).toBe(true);
  }, 60_000);

  it('starts no thread and reads nothing for a client already gone', async () => {
    let read = false;
    async function* batches(): AsyncGenerator<ExportRow[]> {
      read = true;
      yield [row(1, 10)];
    }
    const gone = new AbortController();
    gone.abort();
    const out = new PassThrough();
    await writeXlsxWhenFree(out, { def, labels: 'vi', scores: undefined, batches, signal: gone.signal });
    expect(out.destroyed).toBe(true);
    expect(read).toBe(false);
  });

  it('runs at most two exports’ threads at once; the next starts when one ends', async () => {
    expect(XLSX_THREADS).toBe(2);
    const started: string[] = [];
    const gates = new Map<string, () => void>();
    const exportOf = (name: string) => {
      const open = new Promise<void>((resolve) => gates.set(name, resolve));
      async function* batches(): AsyncGenerator<ExportRow[]> {
        if (!started.includes(name)) started.push(name);
        await open;
        yield [row(1, 10)];
      }
      const out = new PassThrough();
      const bytes = collect(out);
      const written = writeXlsxWhenFree(out, { def, labels: 'vi', scores: undefined, batches, signal: new AbortController().signal });
      return { written, bytes };
    };
    const [a, b, c] = ['a', 'b', 'c'].map(exportOf);
    // Two threads read; the third export waits for a place, without a thread.
    await vi.waitFor(() => expect({ started: [...started].sort(), waiting: xlsxExportsWaiting() }).toEqual({ started: ['a', 'b'], waiting: 1 }), { timeout: 30_000, interval: 20 });
    gates.get('a')!();
    await a!.written;
    await vi.waitFor(() => expect(started).toContain('c'), { timeout: 30_000, interval: 20 });
    gates.get('b')!();
    gates.get('c')!();
    await Promise.all([b!.written, c!.written]);
    for (const e of [a, b, c]) expect((await sheets(await e!.bytes)).get('data')).toHaveLength(2);
    expect(xlsxExportsWaiting()).toBe(0);
  }, 60_000);
});
