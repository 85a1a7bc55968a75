// A benchmark's gateway: a scratch database, an emulator with a rate-limit preset, the gateway's app on a
// real socket with queue workers and pacing, and a manager's token (provisioning and day-one benchmarks).
import type { RequestListener } from 'node:http';
import { startEmulator, type RunningEmulator } from '@employee-gateway/auth0-emulator';
import { EmulatorControl } from '@employee-gateway/auth0-emulator/control-client';
import { ROLE_PERMISSIONS } from '../src/auth/permissions.ts';
import type { Gateway } from '../src/composition.ts';
import { startBenchGateway } from './bench-gateway.ts';
import { LoopbackServers } from './loopback-servers.ts';

/** The gateway's app on a real socket, and a manager's token for it. */
export interface Served {
  gateway: Gateway;
  emulator: RunningEmulator;
  control: EmulatorControl;
  graphql: <T>(query: string, variables: Record<string, unknown>) => Promise<T>;
  close: () => Promise<void>;
}

export async function serveGateway(
  databaseUrl: string,
  config: { preset: 'off' | 'free' | 'essentials' | 'enterprise'; timeScale: number },
  prefix: string,
  concurrency?: number,
): Promise<Served> {
  const emulator = await startEmulator({ port: 0, config });
  const gateway = await startBenchGateway({ databaseUrl, emulator, pacing: true, retryLimit: 10, queuePrefix: prefix, workers: true, ...(concurrency ? { concurrency } : {}) });
  const app = await gateway.app();
  const servers = new LoopbackServers();
  const url = `${await servers.serve(app as unknown as RequestListener)}/graphql`;
  const control = new EmulatorControl(emulator.url);
  const token = await control.mintToken({ sub: 'auth0|bench-manager', permissions: [...ROLE_PERMISSIONS.manager], expiresIn: 3600 });
  await fetch(url.replace('/graphql', '/ready')); // the start-up probe (token, GET /roles) is not the import's
  const graphql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown };
    if (!body.data || body.errors) throw new Error(`GraphQL error: ${JSON.stringify(body)}`);
    return body.data;
  };
  return {
    gateway,
    emulator,
    control,
    graphql,
    close: async () => {
      await servers.close();
      await gateway.close();
      await emulator.close();
    },
  };
}

