// The emulator's command line: starts it on a fixed port and prints what a client needs to reach it.
// Flags win over env; env wins over defaults. Stops cleanly on SIGINT/SIGTERM. bin.ts runs it as is;
// an application runs it with its own caller-role table (the gateway's `npm run emulator`).
import { parseArgs } from 'node:util';
import type { CallerRoleTable } from './caller-roles.ts';
import type { EmulatorConfigPatch } from './config.ts';
import { ConfigError } from './config.ts';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from './index.ts';
import { removeStateFile } from './state-file.ts';

export interface EmulatorCliOptions {
  /** The arguments after the command (`process.argv.slice(2)`). */
  argv: string[];
  /** Where AUTH0_EMULATOR_* settings are read from (`process.env`). */
  env: Record<string, string | undefined>;
  /** Passed to `startEmulator`: caller role → permissions, for caller tokens minted by role. */
  callerRoles?: CallerRoleTable;
  /** Passed to `startEmulator`: the scopes of the seeded client's Management API grant. */
  managementScopes?: readonly string[];
  /** How the usage text names the command; default `auth0-emulator`. */
  command?: string;
  /** The last line printed once running, e.g. how to get a caller token. */
  hint?: (emulator: RunningEmulator) => string;
  /** The state file when neither --state-file nor AUTH0_EMULATOR_STATE_FILE names one (default: none, in memory). */
  defaultStateFile?: string;
}

const usage = (command: string) => `Usage: ${command} [options]

  --port <n>                 listen port (env AUTH0_EMULATOR_PORT, default 4010; 0 = any free port)
  --host <addr>              listen address (env AUTH0_EMULATOR_HOST, default 127.0.0.1)
  --client-id <id>           seeded M2M client id (env AUTH0_EMULATOR_CLIENT_ID)
  --client-secret <secret>   seeded M2M client secret (env AUTH0_EMULATOR_CLIENT_SECRET)
  --audience <identifier>    the gateway API's identifier (env AUTH0_EMULATOR_API_AUDIENCE)
  --preset <name>            rate limits: off|free|essentials|enterprise (env AUTH0_EMULATOR_PRESET, default off)
  --time-scale <x>           run rate-limit buckets x times faster (env AUTH0_EMULATOR_TIME_SCALE, default 1)
  --search-lag-ms <ms>       search index lag (env AUTH0_EMULATOR_SEARCH_LAG_MS, default 500)
  --token-lifetime-sec <s>   Management API token lifetime (env AUTH0_EMULATOR_TOKEN_LIFETIME_SEC, default 86400)
  --state-file <path>        keep the tenant (users, roles, emails, logs) in this file across restarts
                             (env AUTH0_EMULATOR_STATE_FILE)
  --reset                    start with an empty tenant (empties the state file)
`;

class UsageError extends Error {}

function numberSetting(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new UsageError(`${name} must be a number, got "${raw}"`);
  return value;
}

function readOptions(
  argv: string[],
  env: Record<string, string | undefined>,
  command: string,
  defaultStateFile: string | undefined,
): EmulatorOptions & { reset: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      audience: { type: 'string' },
      preset: { type: 'string' },
      'time-scale': { type: 'string' },
      'search-lag-ms': { type: 'string' },
      'token-lifetime-sec': { type: 'string' },
      'state-file': { type: 'string' },
      reset: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(usage(command));
    process.exit(0);
  }
  const pick = (flag: string | undefined, variable: string) => flag ?? (env[variable] || undefined);
  const config: Record<string, unknown> = {};
  const preset = pick(values.preset, 'AUTH0_EMULATOR_PRESET');
  if (preset !== undefined) config.preset = preset;
  const timeScale = numberSetting('--time-scale', pick(values['time-scale'], 'AUTH0_EMULATOR_TIME_SCALE'));
  if (timeScale !== undefined) config.timeScale = timeScale;
  const lag = numberSetting('--search-lag-ms', pick(values['search-lag-ms'], 'AUTH0_EMULATOR_SEARCH_LAG_MS'));
  if (lag !== undefined) config.searchLagMs = lag;
  const lifetime = numberSetting('--token-lifetime-sec', pick(values['token-lifetime-sec'], 'AUTH0_EMULATOR_TOKEN_LIFETIME_SEC'));
  if (lifetime !== undefined) config.tokenLifetimeSec = lifetime;

  const port = numberSetting('--port', pick(values.port, 'AUTH0_EMULATOR_PORT')) ?? 4010;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, got ${port}`);
  const host = pick(values.host, 'AUTH0_EMULATOR_HOST');
  const clientId = pick(values['client-id'], 'AUTH0_EMULATOR_CLIENT_ID');
  const clientSecret = pick(values['client-secret'], 'AUTH0_EMULATOR_CLIENT_SECRET');
  const apiAudience = pick(values.audience, 'AUTH0_EMULATOR_API_AUDIENCE');
  const stateFile = pick(values['state-file'], 'AUTH0_EMULATOR_STATE_FILE') ?? defaultStateFile;
  return {
    reset: values.reset ?? false,
    ...(stateFile ? { stateFile } : {}),
    port,
    ...(host ? { host } : {}),
    ...(clientId ? { clientId } : {}),
    ...(clientSecret ? { clientSecret } : {}),
    ...(apiAudience ? { apiAudience } : {}),
    config: config as EmulatorConfigPatch,
  };
}

const defaultHint = (emulator: RunningEmulator) =>
  `Caller tokens: POST ${emulator.url}/__emulator/tokens {"sub": "...", "permissions": [...]}` +
  (emulator.callerRoles.length > 0 ? ` or {"sub": "...", "roles": [...]}` : '');

/** Parses the flags and env, starts the emulator and prints its settings; exits on a usage or start error. */
export async function runEmulatorCli(cli: EmulatorCliOptions): Promise<void> {
  const command = cli.command ?? 'auth0-emulator';
  let options: EmulatorOptions & { reset: boolean };
  try {
    options = readOptions(cli.argv, cli.env, command, cli.defaultStateFile);
  } catch (error) {
    // One line naming the problem; the usage is one --help away.
    const { code, message } = error as { code?: string; message?: string };
    const flag = /'([^']+)'/.exec(message ?? '')?.[1];
    const line = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag ? `unknown option '${flag}'` : (message ?? String(error)).split('\n')[0];
    process.stderr.write(`${line}; see ${command} --help\n`);
    process.exit(2);
  }
  let emulator: RunningEmulator;
  const { reset, ...startOptions } = options;
  try {
    if (reset && startOptions.stateFile) await removeStateFile(startOptions.stateFile);
    emulator = await startEmulator({
      ...startOptions,
      ...(cli.callerRoles ? { callerRoles: cli.callerRoles } : {}),
      ...(cli.managementScopes ? { managementScopes: cli.managementScopes } : {}),
    });
  } catch (error) {
    // A bad setting (preset, time scale, ...) is a usage error like a bad flag; a busy port names its setting.
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}; see ${command} --help\n`);
      process.exit(2);
    }
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE') {
      process.stderr.write(
        `Could not start the Auth0 emulator: port ${startOptions.port} is already in use (another npm start or emulator?): stop it, or pick another port with --port or AUTH0_EMULATOR_PORT\n`,
      );
      process.exit(1);
    }
    process.stderr.write(`Could not start the Auth0 emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const lines = [
    'Auth0 emulator running (NOT a real Auth0 tenant; credentials below are dev-only)',
    `  base URL                 ${emulator.url}`,
    `  domain (SDK)             ${emulator.domain}   (the SDK speaks https://; rewrite it to the base URL)`,
    `  client id                ${emulator.clientId}`,
    `  client secret            ${emulator.clientSecret}`,
    `  Management API audience  ${emulator.managementAudience}`,
    `  gateway API audience     ${emulator.apiAudience}`,
    `  issuer                   ${emulator.issuer}`,
    `  JWKS                     ${emulator.url}/.well-known/jwks.json`,
    `  control API              ${emulator.url}/__emulator/`,
    `  state                    ${options.stateFile ? `${options.stateFile}${reset ? ' (emptied by --reset)' : ''}` : 'in memory (gone when it stops)'}`,
    `  caller roles             ${emulator.callerRoles.join(', ') || '(none: tokens by explicit permissions only)'}`,
    '',
    (cli.hint ?? defaultHint)(emulator),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal} received, stopping the emulator\n`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
