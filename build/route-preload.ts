/**
 * Vite plugin: a page opened directly on an interview, a start page, a respondent's link or the coordinators'
 * pages (a reload, a resumed tab, a link sent by text message) starts downloading that page's
 * lazily loaded code together with the app's own, instead of after the app's code has run: one
 * round trip less (an interview opened with nothing cached on a 300 ms, 1.6 Mbit/s connection:
 * 2.34 s before, 1.8 s now; `coldSlowOpenMs` in the bench). A small script in the head of
 * index.html adds `<link rel="modulepreload">` for the page's chunks when the address matches.
 * The home screen loads exactly what it did: its first load is unchanged.
 */
import type { Plugin, Rollup } from 'vite';
import { routePattern } from '../src/app/routes';

export interface PreloadRoute {
  /** A regular expression (source) matched against location.pathname. */
  path: string;
  /** The lazily imported module of that page, relative to the project root. */
  module: string;
}

/** The addresses are the router's (src/app/routes.ts). */
export const PRELOAD_ROUTES: readonly PreloadRoute[] = [
  { path: routePattern('interview'), module: 'src/app/pages/InterviewPage.tsx' },
  { path: routePattern('start'), module: 'src/app/pages/StartInterview.tsx' },
  { path: routePattern('respond'), module: 'src/app/respond/RespondApp.tsx' },
  {
    path: routePattern('coordinator', 'coordinatorDevices', 'coordinatorLinks', 'coordinatorQuestionnaires', 'coordinatorCampaigns', 'coordinatorCampaign', 'coordinatorCampaignReport', 'coordinatorAccounts', 'coordinatorAudit'),
    module: 'src/app/coordinator/CoordinatorApp.tsx',
  },
];

/** [path, JS files, CSS files] per route: the page's chunks that the entry does not load already. */
export type PreloadTable = [string, string[], string[]][];

type Chunk = Pick<Rollup.OutputChunk, 'fileName' | 'imports' | 'isEntry' | 'facadeModuleId'> & {
  viteMetadata?: { importedCss: Set<string> } | undefined;
};

export function preloadTable(chunks: readonly Chunk[], routes: readonly PreloadRoute[] = PRELOAD_ROUTES): PreloadTable {
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const closure = (file: string, into = new Set<string>()): Set<string> => {
    if (into.has(file)) return into;
    into.add(file);
    for (const imported of byFile.get(file)?.imports ?? []) closure(imported, into);
    return into;
  };
  const entries = chunks.filter((c) => c.isEntry);
  const loaded = new Set<string>();
  for (const e of entries) closure(e.fileName, loaded);
  return routes.map(({ path, module }) => {
    const chunk = chunks.find((c) => c.facadeModuleId?.replaceAll('\\', '/').endsWith(`/${module}`));
    if (!chunk) throw new Error(`route-preload: no chunk is built from ${module} (was it renamed, or is it no longer loaded lazily?)`);
    const js = [...closure(chunk.fileName)].filter((f) => !loaded.has(f));
    const css = [...new Set(js.flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]))];
    return [path, js, css];
  });
}

/** The inline script: for the route the address matches, preload its chunks (base: the app's base URL). */
export function preloadScript(table: PreloadTable, base = '/'): string {
  return (
    `(()=>{const b=${JSON.stringify(base)},p=location.pathname,h=document.head;` +
    `for(const[r,js,css]of ${JSON.stringify(table)})if(new RegExp(r).test(p)){` +
    `for(const f of js){const l=document.createElement('link');l.rel='modulepreload';l.setAttribute('crossorigin','');l.href=b+f;h.appendChild(l)}` +
    `for(const f of css){const l=document.createElement('link');l.rel='preload';l.setAttribute('as','style');l.href=b+f;h.appendChild(l)}break}})()`
  );
}

export function routePreload(routes: readonly PreloadRoute[] = PRELOAD_ROUTES): Plugin {
  let base = '/';
  return {
    name: 'route-preload',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle) return undefined;
        const chunks = Object.values(ctx.bundle).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
        return [{ tag: 'script', children: preloadScript(preloadTable(chunks, routes), base), injectTo: 'head' }];
      },
    },
  };
}
