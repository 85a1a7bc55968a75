import { describe, expect, it } from 'vitest';
import { toIdentityError } from '../../src/auth0/auth0-identity-provider.ts';

describe('toIdentityError for network failures', () => {
  it('keeps the system error code and nothing else of the message', () => {
    const refused = toIdentityError(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
    expect(refused).toMatchObject({ kind: 'transient', message: 'Auth0 unreachable (ECONNREFUSED)', httpStatus: null });
    const chatty = toIdentityError(new Error('request to https://x/oauth/token with client_secret=s3cr3t failed'));
    expect(chatty).toMatchObject({ kind: 'transient', message: 'Auth0 unreachable' });
  });
});
