// Starts the Auth0 emulator in-process: tests and the gateway's no-setup mode call startEmulator();
// the CLI (cli.ts, bin.ts) is a thin wrapper that adds env, flags and signal handling.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tablePermissions, type CallerRoleTable } from './caller-roles.ts';
import { defaultConfig, mergeConfig, type EmulatorConfig, type EmulatorConfigPatch } from './config.ts';
import { EmulatorApp, knownRouteKeys } from './server.ts';
import { StateFile } from './state-file.ts';
import { TokenIssuer } from './tokens.ts';

export type { CallerRoleTable, EmulatorConfig, EmulatorConfigPatch };
export { ConfigError } from './config.ts';
export {
  EmulatorControl,
  EmulatorControlError,
  type EmulatorUser,
  type EmulatorSeeds,
  type MintTokenRequest,
  type CreateClientRequest,
} from './control-client.ts';

/**
 * Dev-only seeded credentials: printed by `npm run emulator`, never valid anywhere but the emulator. The
 * gateway keeps its own copy (src/auth0/emulator-endpoint.ts, checked equal by a unit test).
 */
export const DEFAULT_CLIENT_ID = 'EmulatorGatewayM2MClient00000001';
export const DEFAULT_CLIENT_SECRET = 'emulator-dev-only-secret-not-valid-on-any-real-tenant';
export const DEFAULT_API_AUDIENCE = 'https://employee-gateway/api';

/**
 * Default scopes of the seeded client's grant on the Management API: every scope a route of the emulator
 * checks (see the per-route scopes in routes/*.ts and the README). An application passes its own
 * least-privilege list as `managementScopes`; the gateway does.
 */
export const GATEWAY_MANAGEMENT_SCOPES = [
  'read:users',
  'create:users',
  'update:users',
  'delete:users',
  'read:roles',
  'create:roles',
  'update:roles',
  'create:role_members',
  'read:role_members',
  'create:user_tickets',
];

export interface EmulatorOptions {
  /** 0 = ephemeral (tests); the CLI defaults to 4010 or AUTH0_EMULATOR_PORT. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** Scopes of the seeded client's grant on the Management API; default GATEWAY_MANAGEMENT_SCOPES. */
  managementScopes?: readonly string[];
  /** The gateway's own API identifier, the audience of caller tokens. */
  apiAudience?: string;
  /**
   * Caller role → permissions on the gateway's API, for caller tokens minted by role
   * (`POST /__emulator/tokens` with `roles`); its permissions are also the API's scopes. Absent: minting
   * by role is refused with a 400, minting with explicit `permissions` still works.
   */
  callerRoles?: CallerRoleTable;
  /** Initial run-time config (same shape as PUT /__emulator/config); `reset()` returns to it. */
  config?: EmulatorConfigPatch;
  /** Where handler crashes are reported; default console.error. */
  log?: (message: string, error?: unknown) => void;
  /**
   * Keep the tenant (users, roles, assignments, jobs, tickets, emails, logs) in this JSON file: loaded at
   * start when it exists, written after each change and on close. Absent: in memory only (tests).
   */
  stateFile?: string;
}

export interface RunningEmulator {
  /** 'http://127.0.0.1:PORT' (no trailing slash). */
  url: string;
  /** '127.0.0.1:PORT': what the gateway passes as the SDK's `domain`. */
  domain: string;
  /** `https://${domain}/api/v2/` (what the SDK requests); `${url}/api/v2/` is accepted too. */
  managementAudience: string;
  /** `${url}/`: iss of every token; JWKS at `${url}/.well-known/jwks.json`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  apiAudience: string;
  /** The roles of the `callerRoles` table (empty without one). */
  callerRoles: string[];
  /** Same as PUT /__emulator/config; throws ConfigError on an invalid patch. */
  configure(patch: EmulatorConfigPatch): void;
  /** Same as POST /__emulator/reset. */
  reset(): void;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEFAULT_CLIENT_SECRET;
  const apiAudience = options.apiAudience ?? DEFAULT_API_AUDIENCE;
  // Validate before opening a socket: a bad initial config is a startup error.
  const initialConfig = mergeConfig(defaultConfig(), options.config ?? {}, knownRouteKeys());

  let app: EmulatorApp | undefined;
  // Headers may be as long as the longest allowed URL (search queries with many ids).
  const server = createServer({ maxHeaderSize: 1_100_000 }, (req, res) => {
    if (!app) {
      res.writeHead(503, { 'Content-Type': 'application/json' }).end('{"statusCode":503,"error":"Service Unavailable","message":"Starting"}');
      return;
    }
    // handle() answers every failure itself; this only guards against a bug in that error path.
    app.handle(req, res).catch((error: unknown) => {
      console.error('[auth0-emulator] unhandled request failure', error);
      res.destroy();
    });
  });
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const reachableHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const domain = `${reachableHost}:${port}`;
  const url = `http://${domain}`;
  const issuer = `${url}/`;
  const managementAudience = `https://${domain}/api/v2/`;
  const managementAudiences = [managementAudience, `${url}/api/v2/`];

  try {
    const tokens = await TokenIssuer.create(issuer);
    app = new EmulatorApp({
      urls: { url, domain, issuer, managementAudience, managementAudiences, apiAudience },
      tokens,
      seed: {
        clientId,
        clientSecret,
        managementAudiences,
        apiAudience,
        managementScopes: [...(options.managementScopes ?? GATEWAY_MANAGEMENT_SCOPES)],
        apiScopes: tablePermissions(options.callerRoles),
        ...(options.callerRoles ? { callerRoles: options.callerRoles } : {}),
      },
      initialConfig,
      ...(options.log ? { log: options.log } : {}),
    });
  } catch (error) {
    await closeServer(server);
    throw error;
  }
  const running = app;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[auth0-emulator] ${message}`, error ?? ''));
  const stateFile = options.stateFile
    ? new StateFile(options.stateFile, running.state, (error) => log(`could not write ${options.stateFile}`, error))
    : undefined;
  try {
    await stateFile?.load();
  } catch (error) {
    await closeServer(server);
    throw error;
  }
  // Every change to the tenant arrives as a request other than a read (the control API's too).
  if (stateFile) server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') res.once('finish', () => stateFile.changed());
  });

  let closing: Promise<void> | undefined;
  return {
    url,
    domain,
    managementAudience,
    issuer,
    clientId,
    clientSecret,
    apiAudience,
    callerRoles: Object.keys(options.callerRoles ?? {}),
    configure: (patch) => void running.configure(patch),
    reset: () => {
      running.reset();
      stateFile?.changed();
    },
    close: () => {
      closing ??= (async () => {
        await closeServer(server);
        await stateFile?.flush();
        await running.logs.close();
      })();
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections (the SDK's pooled sockets) would hold close() open for seconds.
    server.closeAllConnections();
  });
}
