import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../../src/env.ts';

describe('configuration of reads', () => {
  it('keeps the Auth0 user cache and PodFactory metadata off by default', () => {
    const env = loadEnv({});
    expect(env.auth0.userCacheSeconds).toBe(0);
    expect(env.auth0.podfactoryEmailMetadata).toBe(false);
  });

  it('reads both switches', () => {
    const env = loadEnv({ AUTH0_USER_CACHE_SECONDS: '2.5', PODFACTORY_EMAIL_METADATA: 'true' });
    expect(env.auth0.userCacheSeconds).toBe(2.5);
    expect(env.auth0.podfactoryEmailMetadata).toBe(true);
  });

  it('rejects a negative or hour-long cache and a non-boolean switch', () => {
    expect(() => loadEnv({ AUTH0_USER_CACHE_SECONDS: '-1' })).toThrow(EnvError);
    const error = (() => {
      try {
        loadEnv({ AUTH0_USER_CACHE_SECONDS: '7200', PODFACTORY_EMAIL_METADATA: 'yes' });
        return null;
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(EnvError);
    expect((error as EnvError).problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'AUTH0_USER_CACHE_SECONDS',
      'PODFACTORY_EMAIL_METADATA',
    ]);
  });
});
