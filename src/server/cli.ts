/**
 * The coordinator's command line, on the same database as the server (DATA_DIR / DATABASE_URL):
 *   enrol --name "Nguyễn Văn A"   a one-time enrolment code for a device
 *   devices                       the enrolled devices
 *   revoke --device <id>          revoke a device's token
 */
import { parseArgs } from 'node:util';
import { issueEnrolmentCode, listDevices, revokeDevice, ENROLMENT_CODE_DAYS } from './auth/devices';
import { ConfigError, readConfig } from './config';
import { openDatabase } from './db/open';
import type { ServerDatabase } from './db/open';
import { API_PATHS } from '../contract';

const USAGE = `Usage:
  npm run enrol -- --name "Nguyễn Văn A"     issue a one-time enrolment code for a device
  npm run devices                            list enrolled devices
  npm run revoke -- --device <device id>     revoke a device (it can no longer upload)`;

class UsageError extends Error {}

async function enrol(database: ServerDatabase, name: string | undefined): Promise<void> {
  const trimmed = name?.trim();
  if (!trimmed) throw new UsageError('enrol needs --name "…" (who will use the device).');
  if (trimmed.length > 200) throw new UsageError('--name is too long (at most 200 characters).');
  const issued = await issueEnrolmentCode(database.db, trimmed);
  const expires = new Date(issued.expiresAt);
  console.log(`
Enrolment code for ${issued.name}:

    ${issued.code}

On the tablet, open the survey app and enter this code where it asks for an enrolment code.
The code works once, for one device, until ${expires.toLocaleString('en-GB')} (${ENROLMENT_CODE_DAYS} days).
(For scripts: POST ${API_PATHS.enrol} with {"code": "${issued.code}"}.)
`);
}

async function devices(database: ServerDatabase): Promise<void> {
  const list = await listDevices(database.db);
  if (list.length === 0) {
    console.log('No devices enrolled yet. Issue a code with: npm run enrol -- --name "…"');
    return;
  }
  for (const d of list) {
    const state = d.revokedAt ? `REVOKED ${d.revokedAt}` : 'active';
    console.log(`${d.id}  ${d.name}${d.label ? ` (${d.label})` : ''}  ${state}  enrolled ${d.createdAt}  last seen ${d.lastSeenAt ?? '—'}  interviews ${d.submissions}`);
  }
}

async function revoke(database: ServerDatabase, id: string | undefined): Promise<void> {
  if (!id) throw new UsageError('revoke needs --device <id> (see npm run devices).');
  if (!(await revokeDevice(database.db, id))) throw new UsageError(`There is no device ${id} (see npm run devices).`);
  console.log(`Device ${id} is revoked: its uploads are refused from now on. Interviews it already sent are kept.`);
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { name: { type: 'string' }, device: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  // `cli.ts enrol --name X` and `cli.ts --name X` (npm scripts that already name the command).
  const command = positionals[0] ?? (values.name !== undefined ? 'enrol' : values.device !== undefined ? 'revoke' : undefined);
  if (command !== 'enrol' && command !== 'devices' && command !== 'revoke') throw new UsageError(command ? `Unknown command "${command}".` : 'Which command?');
  const config = readConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (command === 'enrol') await enrol(database, values.name);
    else if (command === 'devices') await devices(database);
    else await revoke(database, values.device);
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError || e instanceof ConfigError) {
    console.error(`${e.message}\n\n${USAGE}`);
  } else if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`${e.message}\n\n${USAGE}`);
  } else {
    console.error(e);
  }
  process.exit(1);
});
