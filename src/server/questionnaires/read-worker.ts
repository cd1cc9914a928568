/** The reader's thread (./read-thread): reads one uploaded file (a questionnaire, or a table) and posts the result. */
import { parentPort, workerData } from 'node:worker_threads';
import { readTable, readUpload } from './read-upload';

const { bytes, fileName, kind } = workerData as { bytes: Uint8Array; fileName: string; kind?: 'questionnaire' | 'table' };
const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
parentPort?.postMessage(kind === 'table' ? readTable(buffer) : readUpload(buffer, fileName));
