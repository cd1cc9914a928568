/**
 * The coordinator's command line, on the same database as the server (readConfig: DATA_DIR, or
 * DATABASE_URL for PostgreSQL), which it names first on stderr:
 *   enrol --name "Nguyễn Văn A"   a one-time enrolment code for a device
 *   devices                       the enrolled devices
 *   revoke --device <id>          revoke a device's token
 *   coordinator --username <name> [--password <pw>]   add a coordinator account or set its password
 *   import-backup <file>          store the interviews of a device's "unsent data" file
 */
import { parseArgs } from 'node:util';
import { deviceSummaries, issueEnrolmentCode, revokeDevice, ENROLMENT_CODE_DAYS } from './auth/devices';
import { ConfigError, readConfig } from './config';
import type { ServerConfig } from './config';
import { describeDatabase, openDatabase } from './db/open';
import type { ServerDatabase } from './db/open';
import { API_PATHS } from '../contract';
import { AccountError, setCoordinator } from './coordinators/accounts';
import { COMMAND_LINE, recordAudit } from './audit';
import { generatePassword } from './coordinators/passwords';
import { loadCatalog } from './definitions/catalog';
import { BackupImportError, describeImport, importBackupFile } from './import-backup';

const USAGE = `Usage:
  npm run enrol -- --name "Nguyễn Văn A"     issue a one-time enrolment code for a device
  npm run devices                            list enrolled devices
  npm run revoke -- --device <device id>     revoke a device (it can no longer upload)
  npm run coordinator -- --username <name> [--password <password>] [--admin]
                                             add a coordinator account, or set a new password (ends its sessions);
                                             without --password one is generated and printed; the first account,
                                             and any with --admin, is an administrator
  npm run import-backup -- <file> [--device <device id>]
                                             store the interviews of a device's "unsent data" file`;

class UsageError extends Error {}

/** A failure said in one sentence, without the usage. */
class CliFailure extends Error {}

/** Opens the server's database, first saying which one (stderr, so stdout stays the command's output). */
async function openServerDatabase(config: ServerConfig): Promise<ServerDatabase> {
  console.error(`Database: ${describeDatabase(config)}`);
  try {
    return await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (e) {
    throw new CliFailure(`Cannot open the database (${config.databaseUrl ? 'DATABASE_URL' : 'DATA_DIR'}): ${(e as Error).message}`);
  }
}

async function enrol(database: ServerDatabase, name: string | undefined): Promise<void> {
  const trimmed = name?.trim();
  if (!trimmed) throw new UsageError('enrol needs --name "…" (who will use the device).');
  if (trimmed.length > 200) throw new UsageError('--name is too long (at most 200 characters).');
  const issued = await issueEnrolmentCode(database.db, trimmed);
  await recordAudit(database.db, { actor: COMMAND_LINE, action: 'device.code_created', target: `enumerator:${issued.name}`, detail: { expiresAt: issued.expiresAt } });
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
  const list = await deviceSummaries(database.db, { uncounted: true });
  if (list.length === 0) {
    console.log('No devices enrolled yet. Issue a code with: npm run enrol -- --name "…"');
    return;
  }
  for (const d of list) {
    const state = d.revokedAt ? `REVOKED ${d.revokedAt}` : 'active';
    console.log(`${d.id}  ${d.name}${d.label ? ` (${d.label})` : ''}  ${state}  enrolled ${d.createdAt}  last seen ${d.lastSeenAt ?? '—'}  interviews ${d.interviews}`);
  }
}

async function revoke(database: ServerDatabase, id: string | undefined): Promise<void> {
  if (!id) throw new UsageError('revoke needs --device <id> (see npm run devices).');
  if (!(await revokeDevice(database.db, id))) throw new UsageError(`There is no device ${id} (see npm run devices).`);
  await recordAudit(database.db, { actor: COMMAND_LINE, action: 'device.revoked', target: `device:${id}` });
  console.log(`Device ${id} is revoked: its uploads are refused from now on. Interviews it already sent are kept.`);
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      name: { type: 'string' },
      device: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      admin: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  // `cli.ts enrol --name X` and `cli.ts --name X` (npm scripts that already name the command).
  const command = positionals[0] ?? (values.name !== undefined ? 'enrol' : values.device !== undefined ? 'revoke' : undefined);
  if (command === 'import-backup') return importBackupCommand(positionals[1], values.device);
  if (command === 'coordinator') return coordinatorCommand(values.username, values.password, values.admin === true);
  if (command !== 'enrol' && command !== 'devices' && command !== 'revoke') throw new UsageError(command ? `Unknown command "${command}".` : 'Which command?');
  const config = readConfig();
  const database = await openServerDatabase(config);
  try {
    if (command === 'enrol') await enrol(database, values.name);
    else if (command === 'devices') await devices(database);
    else await revoke(database, values.device);
  } finally {
    await database.close();
  }
}

async function coordinatorCommand(username: string | undefined, password: string | undefined, admin: boolean): Promise<void> {
  if (!username?.trim()) throw new UsageError('coordinator needs --username <name>.');
  const config = readConfig();
  const database = await openServerDatabase(config);
  try {
    const chosen = password ?? generatePassword();
    const result = await setCoordinator(database.db, username, chosen, new Date(), admin ? 'admin' : undefined).catch((e: unknown) => {
      throw e instanceof AccountError ? new UsageError(e.message) : e;
    });
    await recordAudit(database.db, {
      actor: COMMAND_LINE,
      action: result.created ? 'account.created' : 'account.password_reset',
      target: `account:${result.username}`,
      detail: { role: result.role },
    });
    const what = result.role === 'admin' ? 'administrator' : 'coordinator';
    console.log(
      `${result.created ? `Created the ${what}` : `Set a new password for the ${what}`} "${result.username}"` +
        (result.created ? '.' : ' (its open sessions are ended).') +
        (password === undefined ? `\n\n    password: ${chosen}\n\nShown only now: note it.` : '') +
        '\nLog in on the server\'s /coordinator page.',
    );
  } finally {
    await database.close();
  }
}

async function importBackupCommand(path: string | undefined, device: string | undefined): Promise<void> {
  if (!path) throw new UsageError('import-backup needs the backup file: npm run import-backup -- unsent-….json');
  const config = readConfig();
  const catalog = loadCatalog(config.definitionsDir);
  const database = await openServerDatabase(config);
  try {
    const report = await importBackupFile(database, catalog, path, device);
    console.log(describeImport(path, report));
    if (report.results.some((r) => r.status === 'rejected')) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof BackupImportError || e instanceof CliFailure) {
    console.error(e.message);
  } else if (e instanceof UsageError || e instanceof ConfigError) {
    console.error(`${e.message}\n\n${USAGE}`);
  } else if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`${e.message}\n\n${USAGE}`);
  } else {
    console.error(e);
  }
  process.exit(1);
});
