// The database the two migration CLIs work on: DATABASE_URL when set, else the embedded default (the one
// `npm start` uses), so `npm run db:migrate` and `db:migration` work on a fresh clone with nothing installed.
// Entry-point helper: it reads process.env, like the CLIs themselves.
import { loadDotEnv } from '../env.ts';
import { DEFAULT_EMBEDDED_POSTGRES_PORT, startEmbeddedPostgres } from './embedded-postgres.ts';

export interface CliDatabase {
  url: string;
  /** Where we are connected, without the password. */
  label: string;
  close: () => Promise<void>;
}

export async function openCliDatabase(): Promise<CliDatabase> {
  loadDotEnv();
  const databaseUrl = nonEmpty(process.env.DATABASE_URL);
  if (databaseUrl !== undefined) {
    return { url: databaseUrl, label: `${redact(databaseUrl)} (DATABASE_URL)`, close: async () => {} };
  }
  const dataDir = nonEmpty(process.env.EMBEDDED_POSTGRES_DIR) ?? '.data/postgres';
  const port = Number(nonEmpty(process.env.EMBEDDED_POSTGRES_PORT) ?? DEFAULT_EMBEDDED_POSTGRES_PORT);
  const embedded = await startEmbeddedPostgres({ dataDir, port });
  const stopOnSignal = (): void => {
    void embedded.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  return {
    url: embedded.url,
    label: `embedded PostgreSQL in ${dataDir} on port ${port} (DATABASE_URL is not set; ${embedded.initialised ? 'initialised now' : 'existing data'})`,
    close: async () => {
      process.off('SIGINT', stopOnSignal);
      process.off('SIGTERM', stopOnSignal);
      await embedded.stop();
    },
  };
}

export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}


