import { pino, type Logger } from 'pino';

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
  'password',
  '*.password',
  'access_token',
  '*.access_token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}
