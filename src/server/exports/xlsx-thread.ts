/**
 * Writes an XLSX export in a worker thread of its own (./xlsx-worker): the server reads the
 * interviews when the thread asks for them and passes the workbook's bytes on to the response.
 *
 * Why a thread: ExcelJS makes many short-lived objects per cell; in the server's heap they grew its
 * memory by ~150 MB during an export (collected late, the heap kept), and the writing took turns of
 * the event loop that uploads and health checks wait for. The thread's heap is bounded, so it is
 * collected early whatever the size of the export, and its work runs beside the event loop.
 *
 * The same contract as `writeXlsx`: resolves once written, or once given up because `signal` was
 * aborted (the thread stopped, reading stopped, `out` destroyed); an error destroys `out` and rejects.
 */
import type { PassThrough } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { Limiter } from '../concurrency';
import type { ExportRow } from './columns';
import { room } from './flow';
import type { FromXlsxThread, ToXlsxThread, XlsxJob } from './xlsx-protocol';

/**
 * The thread's heap: ample for one sheet's batch and the writer's state (a 250-interview batch of
 * the largest questionnaire, fully answered, is a few MB), small enough to be collected often.
 */
export const XLSX_THREAD_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 } as const;

/**
 * XLSX threads running at once in a process; later exports wait for a place (their download starts
 * when it is theirs), so several coordinators exporting at once cost at most two threads' memory.
 */
export const XLSX_THREADS = 2;
const threads = new Limiter(XLSX_THREADS, 1_000);

/**
 * The thread's entry. Compiled (npm start runs dist-server/main.mjs), the writer is its own file
 * beside the server's; run as TypeScript (tests, npm run serve), ./xlsx-boot registers tsx first.
 */
const ENTRY = new URL(import.meta.url.endsWith('.ts') ? './xlsx-boot.mjs' : './xlsx-worker.mjs', import.meta.url);

/**
 * What one message to the thread carries at most (characters of stored answers): a batch of the
 * largest interviews the server accepts (726 KB each) would not fit the thread's heap whole.
 */
export const SLICE_CHARACTERS = 1_000_000;

/** Consecutive slices of the batch, each under SLICE_CHARACTERS (or one row). */
export function sliced(batch: ExportRow[]): ExportRow[][] {
  const out: ExportRow[][] = [];
  let current: ExportRow[] = [];
  let size = 0;
  for (const row of batch) {
    const n = row.size ?? 0;
    if (current.length > 0 && size + n > SLICE_CHARACTERS) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(row);
    size += n;
  }
  if (current.length > 0) out.push(current);
  return out;
}

export interface ThreadInput extends XlsxJob {
  /** Reads the interviews in batches; called once per data sheet. */
  batches: () => AsyncGenerator<ExportRow[]>;
  /** Aborted when the client has gone. */
  signal: AbortSignal;
}

/** XLSX exports waiting for a thread. */
export const xlsxExportsWaiting = (): number => threads.queued;

/** `writeXlsxInThread` when one of the XLSX_THREADS places is free. */
export function writeXlsxWhenFree(out: PassThrough, input: ThreadInput): Promise<void> {
  return threads.run(() => writeXlsxInThread(out, input));
}

export function writeXlsxInThread(
  out: PassThrough,
  { def, matrixRows, ownStrata, labels, scores, batches, signal }: ThreadInput,
  limits: { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } = XLSX_THREAD_LIMITS,
): Promise<void> {
  // A client gone before its turn (or at once) starts no thread.
  if (signal.aborted) {
    out.destroy();
    return Promise.resolve();
  }
  const job: XlsxJob = { def, matrixRows, ownStrata, labels, scores };
  const worker = new Worker(ENTRY, { workerData: { job }, resourceLimits: limits });
  const send = (m: ToXlsxThread) => worker.postMessage(m);
  let pass: AsyncGenerator<ExportRow[]> | undefined;
  let settled = false;
  // Stopping a thread that already stopped (out of memory) rejects: nothing is left to stop.
  const stop = () => void worker.terminate().catch(() => undefined);

  return new Promise<void>((resolve, reject) => {
    const end = (error?: Error) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      void pass?.return(undefined).catch(() => undefined);
      if (error) {
        stop();
        out.destroy(error);
        reject(error);
      } else resolve();
    };
    const onAbort = () => {
      stop();
      out.destroy();
      end();
    };
    signal.addEventListener('abort', onAbort);

    // The batch after the one being written is read meanwhile (the two run side by side); each
    // batch goes to the thread in slices of at most SLICE_CHARACTERS of answers.
    let ahead: Promise<IteratorResult<ExportRow[]>> | undefined;
    let slices: ExportRow[][] = [];
    const nextBatch = async (fresh: boolean) => {
      if (fresh) {
        void pass?.return(undefined).catch(() => undefined);
        pass = batches();
        ahead = undefined;
        slices = [];
      }
      const reading = pass!;
      while (slices.length === 0) {
        const r = await (ahead ?? reading.next());
        ahead = r.done ? undefined : reading.next();
        ahead?.catch(() => undefined);
        if (r.done) break;
        slices = sliced(r.value);
      }
      const rows = slices.shift();
      if (!settled) send(rows ? { type: 'batch', rows } : { type: 'passEnd' });
    };
    const onMessage = async (m: FromXlsxThread) => {
      switch (m.type) {
        case 'pass':
        case 'next':
          return nextBatch(m.type === 'pass');
        case 'chunk':
          if (!out.write(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength))) await room(out, signal);
          if (!settled) send({ type: 'ack' });
          return;
        case 'done':
          out.end();
          return end();
        case 'failed':
          return end(new Error(`the XLSX export failed: ${m.message}`));
      }
    };
    worker.on('message', (m: FromXlsxThread) => {
      onMessage(m).catch((e: unknown) => end(e instanceof Error ? e : new Error(String(e))));
    });
    worker.on('error', (e) => end(e));
    worker.on('exit', (code) => {
      if (!settled) end(new Error(`the XLSX export's thread stopped (exit code ${code})`));
    });
  });
}
