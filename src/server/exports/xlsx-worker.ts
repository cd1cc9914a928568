/**
 * The thread that writes one XLSX export (started by ./xlsx-thread): the workbook is written by
 * ./xlsx from the interviews the server sends, and its bytes go back to the server chunk by chunk,
 * the next chunk only once the last was taken (the response's back-pressure reaches the writer).
 * The thread's heap is bounded (see ./xlsx-thread), so ExcelJS's many short-lived objects are
 * collected early instead of growing the server's memory, and its work is off the server's event loop.
 */
import { PassThrough, Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import type { ExportRow } from './columns';
import { exportColumns } from './columns';
import type { FromXlsxThread, ToXlsxThread, XlsxJob } from './xlsx-protocol';
import { writeXlsx } from './xlsx';

const port = parentPort;
if (!port) throw new Error('xlsx-worker runs as a worker thread');
const { def, matrixRows, ownStrata, labels, scores } = (workerData as { job: XlsxJob }).job;
const send = (m: FromXlsxThread, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);

type BatchReply = Extract<ToXlsxThread, { type: 'batch' | 'passEnd' }>;
let onBatch: ((m: BatchReply) => void) | undefined;
let onAck: (() => void) | undefined;
port.on('message', (m: ToXlsxThread) => {
  if (m.type === 'ack') {
    const ack = onAck;
    onAck = undefined;
    ack?.();
  } else {
    const reply = onBatch;
    onBatch = undefined;
    reply?.(m);
  }
});
const ask = (m: FromXlsxThread): Promise<BatchReply> =>
  new Promise((resolve) => {
    onBatch = resolve;
    send(m);
  });

/** One pass over the interviews, a batch at a time, each asked for when the last is written. */
async function* batches(): AsyncGenerator<ExportRow[]> {
  for (let reply = await ask({ type: 'pass' }); reply.type === 'batch'; reply = await ask({ type: 'next' })) yield reply.rows;
}

/** Each chunk to the server (copied into a buffer of its own, which is moved, not copied again). */
const toServer = new Writable({
  write(chunk: Buffer, _encoding, done) {
    const data = new Uint8Array(chunk);
    onAck = () => done();
    send({ type: 'chunk', data }, [data.buffer]);
  },
});

const out = new PassThrough();
out.pipe(toServer);
const finished = new Promise<void>((resolve, reject) => {
  toServer.once('finish', resolve);
  toServer.once('error', reject);
});
writeXlsx(out, { def, columns: exportColumns(def, matrixRows, ownStrata), batches, labels, scores, signal: new AbortController().signal })
  .then(() => finished)
  .then(
    () => {
      send({ type: 'done' });
      port.close();
    },
    (e: unknown) => {
      send({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
      port.close();
    },
  );
