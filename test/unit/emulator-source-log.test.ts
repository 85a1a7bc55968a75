// Log lines name the setting actually used: a CLI that finds the no-setup gateway's emulator through
// .data/gateway.json says so, instead of naming AUTH0_EMULATOR_URL, which nobody set.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningEmulator } from '@employee-gateway/auth0-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectIdentity } from '../../src/composition/identity.ts';
import { loadEnv } from '../../src/env.ts';
import { createLogger } from '../../src/logger.ts';
import { Auth0CredentialTracker } from '../../src/observability/auth0-http-observer.ts';
import type { GatewayMetrics } from '../../src/observability/metrics.ts';
import { startGatewayEmulator } from '../helpers/emulator.ts';

describe('the emulator a CLI reaches', () => {
  let emulator: RunningEmulator;
  let folder: string;

  beforeAll(async () => {
    emulator = await startGatewayEmulator();
    folder = await mkdtemp(path.join(tmpdir(), 'gateway-note-'));
  });
  afterAll(async () => {
    await emulator?.close();
    await rm(folder, { recursive: true, force: true });
  });

  async function warnings(env: ReturnType<typeof loadEnv>): Promise<string[]> {
    const lines: string[] = [];
    const logger = createLogger('info', { destination: { write: (line: string) => void lines.push(line) } });
    const connected = await connectIdentity(env, logger, {
      embeddedEmulator: 'reuse',
      pacer: async () => undefined,
      auth0Fetch: undefined,
      metrics: () => ({}) as GatewayMetrics,
      credentials: new Auth0CredentialTracker(),
    });
    await connected.close();
    return lines.map((line) => (JSON.parse(line) as { msg: string }).msg).filter((msg) => msg.startsWith('NOT TALKING TO A REAL AUTH0'));
  }

  it('names .data/gateway.json and the running gateway when the URL came from there', async () => {
    const dataDir = path.join(folder, 'postgres');
    // The parent process (vitest's) is alive and not this one: the note reads as a running gateway.
    await writeFile(
      path.join(folder, 'gateway.json'),
      JSON.stringify({ pid: process.ppid, port: 4000, url: 'http://127.0.0.1:4000', emulatorUrl: emulator.url, startedAt: new Date().toISOString() }),
    );
    const [line] = await warnings(loadEnv({ EMBEDDED_POSTGRES_DIR: dataDir }));
    expect(line).toContain(`an already running emulator (the gateway running in this checkout, PID ${process.ppid}, noted in ${path.join(folder, 'gateway.json')}) at ${emulator.url}`);
    expect(line).not.toContain('AUTH0_EMULATOR_URL');
  });

  it('names AUTH0_EMULATOR_URL when that is what was set', async () => {
    const [line] = await warnings(loadEnv({ AUTH0_EMULATOR_URL: emulator.url, EMBEDDED_POSTGRES_DIR: path.join(folder, 'none', 'postgres') }));
    expect(line).toContain(`an already running emulator (AUTH0_EMULATOR_URL) at ${emulator.url}`);
  });
});
