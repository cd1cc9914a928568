/** scripts/build-server.mjs: the compiled server in dist-server/. */
export const SERVER_OUT: string;
export const SERVER_MAIN: string;
/** The latest modification time of a file, or of any file under a folder (folders in `skip` left out); 0 if missing. */
export function newestMtime(path: string, skip?: ReadonlySet<string>): number;
/** Whether dist-server/ is missing or older than the code it is made from. */
export function serverStale(): boolean;
/** Compiles the server and the XLSX export's thread into dist-server/. */
export function buildServer(): Promise<void>;
