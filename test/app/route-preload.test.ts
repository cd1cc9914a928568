/**
 * A page opened directly on an interview, a start page, a respondent's link or the coordinators' pages starts
 * downloading its own chunks at once (build/route-preload.ts): the right chunks for the right
 * address, nothing for the home screen, and the addresses agree with the app's router.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PRELOAD_ROUTES, preloadScript, preloadTable } from '../../build/route-preload';
import { parseRoute, paths } from '../../src/app/router';

const chunk = (fileName: string, imports: string[] = [], extra: { isEntry?: boolean; facadeModuleId?: string; css?: string[] } = {}) => ({
  fileName,
  imports,
  isEntry: extra.isEntry ?? false,
  facadeModuleId: extra.facadeModuleId ?? null,
  viteMetadata: { importedCss: new Set(extra.css ?? []) },
});

const ROOT = '/home/app';
const bundle = [
  chunk('assets/index.js', ['assets/react.js', 'assets/store.js'], { isEntry: true, facadeModuleId: `${ROOT}/index.html` }),
  chunk('assets/react.js'),
  chunk('assets/store.js'),
  chunk('assets/InterviewPage.js', ['assets/SurveyForm.js', 'assets/react.js'], { facadeModuleId: `${ROOT}/src/app/pages/InterviewPage.tsx` }),
  chunk('assets/SurveyForm.js', ['assets/store.js']),
  chunk('assets/StartInterview.js', ['assets/store.js'], { facadeModuleId: `${ROOT}/src/app/pages/StartInterview.tsx` }),
  chunk('assets/RespondApp.js', ['assets/SurveyForm.js', 'assets/links.js'], { facadeModuleId: `${ROOT}/src/app/respond/RespondApp.tsx`, css: ['assets/RespondApp.css'] }),
  chunk('assets/links.js'),
  chunk('assets/CoordinatorApp.js', ['assets/http.js'], { facadeModuleId: `${ROOT}/src/app/coordinator/CoordinatorApp.tsx`, css: ['assets/CoordinatorApp.css'] }),
  chunk('assets/http.js'),
];

describe('the route preload table', () => {
  it("lists each page's chunks and what they import, leaving out what the entry loads already", () => {
    expect(preloadTable(bundle)).toEqual([
      ['^/interview/[^/]+$', ['assets/InterviewPage.js', 'assets/SurveyForm.js'], []],
      ['^/start/[^/]+$', ['assets/StartInterview.js'], []],
      ['^/r/[^/]+$', ['assets/RespondApp.js', 'assets/SurveyForm.js', 'assets/links.js'], ['assets/RespondApp.css']],
      [
        '^(?:/coordinator|/coordinator/devices|/coordinator/links|/coordinator/questionnaires|/coordinator/campaigns|/coordinator/campaigns/[^/]+|/coordinator/campaigns/[^/]+/report|/coordinator/accounts|/coordinator/audit)$',
        ['assets/CoordinatorApp.js', 'assets/http.js'],
        ['assets/CoordinatorApp.css'],
      ],
    ]);
  });

  it('stops the build when a page module no longer has its own chunk', () => {
    expect(() => preloadTable(bundle.filter((c) => !c.fileName.startsWith('assets/RespondApp')))).toThrow(
      /no chunk is built from src\/app\/respond\/RespondApp\.tsx/,
    );
  });
});

describe('the script in index.html', () => {
  afterEach(() => {
    document.head.querySelectorAll('link').forEach((l) => l.remove());
    history.replaceState(null, '', '/');
  });

  /** Runs the script as the browser would on `path`; returns the links it added. */
  function runAt(path: string): { rel: string; href: string; as: string | null; crossorigin: string | null }[] {
    history.replaceState(null, '', path);
    // The generated inline script of index.html, run as the page would run it.
    // eslint-disable-next-line no-restricted-syntax
    new Function(preloadScript(preloadTable(bundle)))();
    return [...document.head.querySelectorAll('link')].map((l) => ({ rel: l.rel, href: new URL(l.href).pathname, as: l.getAttribute('as'), crossorigin: l.getAttribute('crossorigin') }));
  }

  it('preloads the interview page on an interview address', () => {
    expect(runAt('/interview/3b1f-77')).toEqual([
      { rel: 'modulepreload', href: '/assets/InterviewPage.js', as: null, crossorigin: '' },
      { rel: 'modulepreload', href: '/assets/SurveyForm.js', as: null, crossorigin: '' },
    ]);
  });

  it('preloads the start page on a start address', () => {
    expect(runAt('/start/sipas-citizen').map((l) => l.href)).toEqual(['/assets/StartInterview.js']);
  });

  it("preloads the respondent's page and its styles on a link", () => {
    expect(runAt('/r/7K2M9Q4T1V8X3C6B0N5D2F7G9H').map((l) => `${l.rel} ${l.href} ${l.as ?? ''}`.trim())).toEqual([
      'modulepreload /assets/RespondApp.js',
      'modulepreload /assets/SurveyForm.js',
      'modulepreload /assets/links.js',
      'preload /assets/RespondApp.css style',
    ]);
  });

  it.each(['/', '/start', '/device', '/interview/a/b', '/coordinatorx'])('preloads nothing on %s', (path) => {
    expect(runAt(path)).toEqual([]);
  });
});

describe('the addresses', () => {
  const pageOf: Record<string, string> = {
    interview: 'src/app/pages/InterviewPage.tsx',
    start: 'src/app/pages/StartInterview.tsx',
    respond: 'src/app/respond/RespondApp.tsx',
    coordinator: 'src/app/coordinator/CoordinatorApp.tsx',
  };
  it.each([paths.interview('3b1f'), paths.respond('7K2M9Q4T'), paths.coordinator(), paths.coordinatorDevices(), paths.coordinatorLinks(), paths.coordinatorQuestionnaires(), paths.coordinatorCampaigns(), paths.coordinatorCampaign('quang-binh-2021'), paths.coordinatorCampaignReport('quang-binh-2021'), paths.coordinatorAccounts(), paths.coordinatorAudit(), paths.home(), '/device', '/start/x'])(
    '%s preloads the page the router shows there',
    (path) => {
      const matched = PRELOAD_ROUTES.filter((r) => new RegExp(r.path).test(path)).map((r) => r.module);
      const page = pageOf[parseRoute(path).name];
      expect(matched).toEqual(page ? [page] : []);
    },
  );
});
