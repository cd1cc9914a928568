/** Serves the built app on 127.0.0.1 with Vite's preview server (SPA fallback for /interview/<id>). */
import type { AddressInfo } from 'node:net';
import { preview, type PreviewServer } from 'vite';

export interface Server {
  url: string;
  close(): Promise<void>;
}

export async function startPreview(root: string, outDir: string): Promise<Server> {
  const server: PreviewServer = await preview({
    configFile: false,
    root,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address() as AddressInfo | null;
  if (!address || typeof address !== 'object') {
    await server.close();
    throw new Error('the preview server did not start listening');
  }
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}
