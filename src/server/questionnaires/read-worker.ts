/** The questionnaire reader's thread (./read-thread): reads one uploaded file and posts the result. */
import { parentPort, workerData } from 'node:worker_threads';
import { readUpload } from './read-upload';

const { bytes, fileName } = workerData as { bytes: Uint8Array; fileName: string };
parentPort?.postMessage(readUpload(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName));
