/**
 * Pacing shared by the exports: an export gives the event loop back between chunks of rows, so
 * uploads and health checks are served while it runs (SQLite answers synchronously), waits while its
 * output is full (a slow client), and stops when the client has gone.
 */
import type { Writable } from 'node:stream';

/** Rows handled between two turns of the event loop. */
export const ROWS_PER_TURN = 100;

/** Lets every pending I/O callback (other requests, the socket) run before going on. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Resolves once `stream` emits one of `events`, or at once when `signal` is aborted. */
export function once(stream: NodeJS.EventEmitter, events: readonly string[], signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      for (const e of events) stream.off(e, done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    for (const e of events) stream.on(e, done);
    signal.addEventListener('abort', done);
  });
}

/** Waits while `out` holds more than its high-water mark (until 'drain'), the client gone or the stream closed. */
export async function room(out: Writable, signal: AbortSignal): Promise<void> {
  if (out.writableNeedDrain && !out.destroyed) await once(out, ['drain', 'close', 'error'], signal);
}

/** Writes text chunks to `out` with back-pressure, a turn of the event loop after each; ends it unless the client has gone. */
export async function writeChunks(out: Writable, chunks: AsyncIterable<string>, signal: AbortSignal): Promise<void> {
  for await (const chunk of chunks) {
    if (signal.aborted || out.destroyed) return;
    if (chunk !== '' && !out.write(chunk)) await room(out, signal);
    await nextTurn();
  }
  if (!signal.aborted && !out.destroyed) out.end();
}
