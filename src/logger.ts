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
];

/** JSON lines for machines; human-readable lines when a developer watches a terminal and pino-pretty is installed. */
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
