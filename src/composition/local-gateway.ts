// The no-setup gateway of a checkout (`npm start` with no DATABASE_URL or no Auth0) leaves a note beside
// its embedded database, .data/gateway.json (git-ignored): its PID, port, database URL and emulator URL.
// `npm run worker`, `npm run token` and the CLIs read it to find that database and emulator by
// themselves, and a second `npm start` in the same checkout to say that a gateway already runs there.
// The note is removed at shutdown; one left by a killed process names a dead PID and is ignored.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Env } from '../env.ts';

export interface LocalGateway {
  pid: number;
  /** The API port, and the address to reach it. */
  port: number;
  url: string;
  /** Only when it runs the embedded (or the machine's fallback) database: DATABASE_URL was unset. */
  databaseUrl?: string;
  /** Only when its Auth0 is an emulator. */
  emulatorUrl?: string;
  startedAt: string;
}

/** Beside the embedded database's folder: `.data/gateway.json` by default. */
export function localGatewayFile(env: Env): string {
  return path.join(path.dirname(path.resolve(env.database.embedded.dataDir)), 'gateway.json');
}

export async function writeLocalGateway(env: Env, note: Omit<LocalGateway, 'pid' | 'startedAt'>): Promise<() => Promise<void>> {
  const file = localGatewayFile(env);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ pid: process.pid, ...note, startedAt: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600 });
  return async () => {
    // Only our own note: a later gateway may have written its own meanwhile.
    if ((await readNote(file))?.pid === process.pid) await rm(file, { force: true });
  };
}

/** The gateway running in this checkout, if any (its process is alive and it is not this one). */
export async function runningLocalGateway(env: Env): Promise<LocalGateway | undefined> {
  const note = await readNote(localGatewayFile(env));
  if (!note || note.pid === process.pid || !alive(note.pid)) return undefined;
  return note;
}

async function readNote(file: string): Promise<LocalGateway | undefined> {
  try {
    const note = JSON.parse(await readFile(file, 'utf8')) as Partial<LocalGateway>;
    return typeof note.pid === 'number' && typeof note.port === 'number' ? (note as LocalGateway) : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
