// The questionnaire reader's thread starts here when the server runs as TypeScript (tests, npm run
// serve): it registers tsx for itself before loading the reader (see ./read-thread.ts).
import { register } from 'tsx/esm/api';

register();
await import('./read-worker.ts');
