/**
 * Reads an uploaded questionnaire in a thread of its own, with a bounded heap and time. The
 * spreadsheet reader is a large third-party parser: some damaged files make it loop or grow
 * without end (seen: a zip whose entry was altered in 20 bytes never returned). In the server's
 * own thread that would stop every request; here the thread is stopped and the file refused as
 * unreadable, and a large file's parsing never holds up uploads of interviews meanwhile.
 */
import { Worker } from 'node:worker_threads';
import { Busy, Limiter } from '../concurrency';
import { overloaded } from '../errors';
import type { TableResult, UploadResult } from './read-upload';

/** The thread's entry: compiled, its own file beside the server's; as TypeScript, ./read-boot registers tsx first. */
const ENTRY = new URL(import.meta.url.endsWith('.ts') ? './read-boot.mjs' : './questionnaire-reader.mjs', import.meta.url);

/** A 2,000-question XLSForm reads in about 2 s on a slow machine; ten times that is a broken file. */
export const READ_TIMEOUT_MS = 20_000;
/** Uploads are rare: two at once, a few waiting, the rest told to retry. */
const readers = new Limiter(2, 8);

const unreadable = (why: { vi: string; en: string }): UploadResult => ({
  ok: false,
  format: undefined,
  problems: [
    {
      sheet: '(file)',
      message: {
        vi: `không đọc được tệp: ${why.vi}. Tệp có thể bị hỏng: hãy mở và lưu lại bằng Excel hoặc LibreOffice rồi tải lên lại`,
        en: `the file cannot be read: ${why.en}. It may be damaged: open it and save it again in Excel or LibreOffice, then upload it again`,
      },
    },
  ],
});

export async function readUploadInThread(bytes: Buffer, fileName: string, timeoutMs = READ_TIMEOUT_MS): Promise<UploadResult> {
  try {
    return await readers.run(() => read<UploadResult>(bytes, fileName, 'questionnaire', timeoutMs));
  } catch (e) {
    if (e instanceof Busy) throw overloaded(5);
    throw e;
  }
}

/** The first sheet of a spreadsheet or CSV file (a list of strata), read in the same kind of thread. */
export async function readTableInThread(bytes: Buffer, timeoutMs = READ_TIMEOUT_MS): Promise<TableResult> {
  try {
    const result = await readers.run(() => read<TableResult | UploadResult>(bytes, '', 'table', timeoutMs));
    return 'rows' in result ? result : { ok: false, problems: result.ok ? [] : result.problems };
  } catch (e) {
    if (e instanceof Busy) throw overloaded(5);
    throw e;
  }
}

function read<R extends UploadResult | TableResult>(bytes: Buffer, fileName: string, kind: 'questionnaire' | 'table', timeoutMs: number): Promise<R | UploadResult> {
  return new Promise((resolve) => {
    const worker = new Worker(ENTRY, { workerData: { bytes, fileName, kind }, resourceLimits: { maxOldGenerationSizeMb: 512 } });
    let settled = false;
    const done = (result: R | UploadResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () => done(unreadable({ vi: `đọc quá ${timeoutMs / 1000} giây`, en: `reading it took over ${timeoutMs / 1000} s` })),
      timeoutMs,
    );
    worker.once('message', (result: R) => done(result));
    worker.once('error', (e: Error) =>
      done(
        /ERR_WORKER_OUT_OF_MEMORY|heap/i.test(`${(e as NodeJS.ErrnoException).code ?? ''} ${e.message}`)
          ? unreadable({ vi: 'tệp cần quá nhiều bộ nhớ', en: 'it needs too much memory' })
          : unreadable({ vi: e.message.slice(0, 200), en: e.message.slice(0, 200) }),
      ),
    );
    worker.once('exit', (code) => done(unreadable({ vi: `luồng đọc dừng (mã ${code})`, en: `the reader stopped (code ${code})` })));
  });
}
