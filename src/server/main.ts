/**
 * Starts the collection server: loads the questionnaires (refusing to start if one is broken),
 * opens and migrates the database, serves the app and the API, and says where to find them.
 */
import type { FastifyInstance } from 'fastify';
import { CampaignLoadError } from '../survey/campaign';
import { DefinitionLoadError } from '../survey/load';
import { createServer } from './app';
import { AccountError, ensureFirstCoordinator } from './coordinators/accounts';
import type { FirstCoordinator } from './coordinators/accounts';
import { ConfigError, readConfig } from './config';
import type { ServerConfig } from './config';
import { openDatabase } from './db/open';
import type { ServerDatabase } from './db/open';
import { loadCatalog } from './definitions/catalog';
import type { Catalog } from './definitions/catalog';
import { hasBuiltApp } from './routes/app-files';
import { serverUrls } from './urls';

function fail(message: string): never {
  console.error(`\n✗ ${message}\n`);
  process.exit(1);
}

function banner(config: ServerConfig, port: number, database: ServerDatabase, catalog: Catalog): string {
  const { local, lan } = serverUrls(config.host, port);
  const app = hasBuiltApp(config.appDir)
    ? [`  App:        ${local}/`, ...lan.map((u) => `              ${u}/   (tablets on the same network)`)]
    : [`  App:        not built (${config.appDir} has no index.html): run npm run build, or use npm start`];
  const surveys = catalog.list().map((e) => `${e.definition.id}@${e.definition.version}`);
  const campaigns = catalog.campaigns.list().map(({ campaign: c }) => `${c.id} (${c.start} – ${c.end})`);
  return [
    '',
    'Survey server is running.',
    ...app,
    `  API:        ${local}/api/   (health: ${local}/api/health)`,
    `  Database:   ${database.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${database.location}`,
    `  Surveys:    ${surveys.length > 0 ? surveys.join(', ') : 'none (add files to ' + config.definitionsDir + ')'}`,
    `  Campaigns:  ${campaigns.length > 0 ? campaigns.join(', ') : 'none (quotas need a file in ' + config.definitionsDir + '/campaigns)'}`,
    '',
    'Enrol a device (prints a one-time code to type on the tablet):',
    '  npm run enrol -- --name "Nguyễn Văn A"',
    `Coordinators log in at ${local}/coordinator (add or reset an account: npm run coordinator -- --username <name>).`,
    'Stop the server with Ctrl+C.',
    '',
  ].join('\n');
}

/** Said once, when the first start created the coordinator account. */
function firstCoordinatorNotice(first: FirstCoordinator, local: string): string {
  const password = first.generatedPassword
    ? [`    password: ${first.generatedPassword}`, '', 'This password is shown only now: note it, or set another one with', `  npm run coordinator -- --username ${first.username} --password '<new password>'`]
    : ['    password: the one in COORDINATOR_PASSWORD'];
  return [
    '',
    `A coordinator account was created. Log in at ${local}/coordinator with`,
    `    username: ${first.username}`,
    ...password,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = readConfig();
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }

  let catalog: Catalog;
  try {
    catalog = loadCatalog(config.definitionsDir);
  } catch (e) {
    if (e instanceof DefinitionLoadError)
      fail(`${e.message}\n\nFix the ${e instanceof CampaignLoadError ? 'campaign' : 'questionnaire'} file(s) above, then start the server again.`);
    fail(`Cannot read the questionnaires in ${config.definitionsDir}: ${(e as Error).message}`);
  }

  let database: ServerDatabase;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (e) {
    fail(`Cannot open the database (${config.databaseUrl ? 'DATABASE_URL' : config.dataDir}): ${(e as Error).message}`);
  }

  let first: FirstCoordinator | undefined;
  try {
    first = await ensureFirstCoordinator(database.db, { username: config.coordinatorUsername, password: config.coordinatorPassword });
  } catch (e) {
    await database.close();
    if (e instanceof AccountError) fail(`Cannot create the first coordinator from COORDINATOR_USERNAME / COORDINATOR_PASSWORD: ${e.message}`);
    throw e;
  }

  const app: FastifyInstance = await createServer({
    database,
    catalog,
    appDir: config.appDir,
    logger: { level: config.logLevel },
    closeDatabase: true,
    linkRateLimit: config.linkRateLimit,
    trustProxy: config.trustProxy,
    maxEventLoopDelayMs: config.maxEventLoopDelayMs,
  });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (e) {
    await database.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`Port ${config.port} is already in use. Stop the other program or choose another port: PORT=8081 npm start`);
    fail(`Cannot listen on ${config.host}:${config.port}: ${(e as Error).message}`);
  }
  const address = app.server.address();
  const port = address !== null && typeof address === 'object' ? address.port : config.port;
  console.log(banner(config, port, database, catalog));
  if (first) console.log(firstCoordinatorNotice(first, serverUrls(config.host, port).local));
  // Another process starting at the same time may have created it: only that one shows the password.
  else console.log('A coordinator account exists already: log in with it, or add one with npm run coordinator.\n');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: finishing requests in progress, then stopping…`);
    app.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
