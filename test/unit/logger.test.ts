import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';

describe('logger', () => {
  it('redacts credentials wherever they sit in a log object', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { destination: { write: (line: string) => void lines.push(line) } });
    logger.info(
      {
        clientSecret: 'top-secret-1',
        auth0: { clientSecret: 'top-secret-2', client_secret: 'top-secret-3' },
        headers: { authorization: 'Bearer top-secret-4' },
        body: { password: 'top-secret-5', access_token: 'top-secret-6' },
      },
      'configuration',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/top-secret/);
    expect(JSON.parse(lines[0]!).auth0.clientSecret).toBe('[redacted]');
  });
});
