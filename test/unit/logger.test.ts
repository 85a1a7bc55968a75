import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/env.ts';
import { createLogger, logFormat } from '../../src/logger.ts';

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

describe('log format (LOG_FORMAT)', () => {
  const at = (setting: 'auto' | 'json' | 'pretty', nodeEnv: string, stdoutIsTTY: boolean, prettyInstalled = true) =>
    logFormat(setting, { nodeEnv, stdoutIsTTY, prettyInstalled });

  it('auto: readable lines only for a developer at a terminal; JSON in a pipe, a file, tests and production', () => {
    expect(at('auto', 'development', true)).toBe('pretty');
    expect(at('auto', 'development', false)).toBe('json');
    expect(at('auto', 'production', true)).toBe('json');
    expect(at('auto', 'test', true)).toBe('json');
  });

  it('json always wins; pretty is honoured only where pino-pretty (a devDependency) is installed', () => {
    expect(at('json', 'development', true)).toBe('json');
    expect(at('pretty', 'production', false)).toBe('pretty');
    expect(at('pretty', 'development', true, false)).toBe('json');
    expect(at('auto', 'development', true, false)).toBe('json');
  });

  it('LOG_FORMAT is a validated setting', () => {
    expect(loadEnv({ LOG_FORMAT: 'json' }).log.format).toBe('json');
    expect(loadEnv({}).log.format).toBe('auto');
    expect(() => loadEnv({ LOG_FORMAT: 'yaml' })).toThrow(/LOG_FORMAT/);
  });
});
