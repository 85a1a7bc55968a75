// `npm run token -- --role <role>`: asks a running emulator for a caller token of the gateway's API and
// prints only the token, so it composes: `curl -H "authorization: Bearer $(npm run -s token -- --role admin)"`.
// The gateway owns the role → permission table, so the token is minted with the role's permissions and
// works against any emulator (also one started without the gateway's roles). Development only.
import { EmulatorControl, EmulatorControlError } from '@employee-gateway/auth0-emulator/control-client';
import { CALLER_ROLES, ROLE_PERMISSIONS, isCallerRole } from '../auth/permissions.ts';
import { runningLocalGateway } from '../composition/local-gateway.ts';
import { loadEnvOrExit, type Env } from '../env.ts';
import { EXIT, parseCommand, usageError } from './command.ts';

const USAGE = `Usage: npm run -s token -- --role <${CALLER_ROLES.join('|')}> [--sub <subject>] [--expires-in <seconds>] [--url <emulator url>]

  --role        caller role; permissions follow ROLE_PERMISSIONS (src/auth/permissions.ts)
  --sub         token subject (default auth0|dev-<role>)
  --expires-in  lifetime in seconds (default 86400)
  --url         emulator base URL (default: the one npm start uses: AUTH0_EMULATOR_URL, else the running
                gateway's in-process emulator as .data/gateway.json notes it, else AUTH0_EMULATOR_PORT,
                4010 unless set; .env is read as by npm start)
`;

function fail(message: string, code: number = EXIT.failed): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const spec = {
  command: 'npm run token --',
  usage: USAGE,
  options: { role: { type: 'string' }, sub: { type: 'string' }, 'expires-in': { type: 'string' }, url: { type: 'string' } },
} as const;

async function main(): Promise<void> {
  const { values } = parseCommand(spec);
  const role = values.role;
  if (!role || !isCallerRole(role)) usageError(spec, `--role must be one of: ${CALLER_ROLES.join(', ')}`);
  const expiresIn = values['expires-in'] === undefined ? undefined : Number(values['expires-in']);
  if (expiresIn !== undefined && (!Number.isInteger(expiresIn) || expiresIn <= 0)) usageError(spec, `--expires-in must be a positive number of seconds, got '${values['expires-in']}'`);
  const url = values.url ?? (await emulatorUrlOf(loadEnvOrExit()));

  try {
    const token = await new EmulatorControl(url).mintToken({
      sub: values.sub ?? `auth0|dev-${role}`,
      permissions: [...ROLE_PERMISSIONS[role]],
      ...(expiresIn !== undefined ? { expiresIn } : {}),
    });
    process.stdout.write(`${token}\n`);
  } catch (error) {
    if (error instanceof EmulatorControlError) fail(error.message);
    fail(
      `No Auth0 emulator answering at ${url} (${error instanceof Error ? error.message : String(error)}): start the gateway (npm start runs one in-process), ` +
        'or pass --url (or set AUTH0_EMULATOR_URL) to the emulator you run',
    );
  }
}

/** Where the gateway configured the same way (src/env.ts, .env) finds its emulator: the running one's first. */
async function emulatorUrlOf(env: Env): Promise<string> {
  const { target } = env.auth0;
  if (target.kind === 'external-emulator') return target.url;
  if (target.kind === 'embedded-emulator') return (await runningLocalGateway(env))?.emulatorUrl ?? `http://127.0.0.1:${target.port}`;
  return fail(`AUTH0_DOMAIN is set (a real tenant issues caller tokens through its own login flows); pass --url for an emulator`, 2);
}

await main();
