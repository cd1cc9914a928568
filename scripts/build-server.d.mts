/** scripts/build-server.mjs: the compiled server in dist-server/. */
export const SERVER_OUT: string;
export const SERVER_MAIN: string;
/** Whether dist-server/ is missing or older than the code it is made from. */
export function serverStale(): boolean;
/** Compiles the server and the XLSX export's thread into dist-server/. */
export function buildServer(): Promise<void>;
