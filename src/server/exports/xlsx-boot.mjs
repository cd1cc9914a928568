// The XLSX export's thread starts here (see ./xlsx-thread.ts): the server's code is TypeScript,
// run through tsx, which the thread registers for itself before loading the writer.
import { register } from 'tsx/esm/api';

register();
await import('./xlsx-worker.ts');
