import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Anything that could carry a credential is redacted by path, as a second line of defence: the code
 * never logs secrets or tokens on purpose.
 */
export const REDACTED_PATHS = [
  'clientSecret',
  '*.clientSecret',
  '*.*.clientSecret',
  'client_secret',
  '*.client_secret',
  'signingKey',
  '*.signingKey',
  '*.*.signingKey',
  'client_assertion',
  '*.client_assertion',
  'password',
  '*.password',
  'access_token',
  '*.access_token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  // A SCIM token's secret (createScimToken's payload field).
  'token',
  '*.token',
  '*.*.token',
];

/**
 * JSON lines, unless a developer watches a terminal: LOG_FORMAT `auto` pretty-prints in development when
 * stdout is a TTY, `json` never does, `pretty` always does. pino-pretty is a devDependency, so a
 * production install without it logs JSON whatever the setting says.
 */
export function logFormat(setting: 'auto' | 'json' | 'pretty', context: { nodeEnv: string; stdoutIsTTY: boolean; prettyInstalled?: boolean }): 'json' | 'pretty' {
  const wanted = setting === 'auto' ? (context.nodeEnv === 'development' && context.stdoutIsTTY ? 'pretty' : 'json') : setting;
  return wanted === 'pretty' && (context.prettyInstalled ?? isInstalled('pino-pretty')) ? 'pretty' : 'json';
}

/** JSON lines for machines; human-readable lines when `pretty` (see logFormat) and pino-pretty is installed. */
export function createLogger(level: string, options: { pretty?: boolean; destination?: DestinationStream } = {}): Logger {
  const base = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (options.pretty && isInstalled('pino-pretty')) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } });
  }
  return options.destination ? pino(base, options.destination) : pino(base);
}

function isInstalled(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}
