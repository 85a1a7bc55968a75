import { ChangePasswordError } from '@auth0/auth0-auth-js';
import { describe, expect, it } from 'vitest';
import { toInvitationError } from '../../src/auth0/invitation-client.ts';

function answered(status: number, headers: Record<string, string> = {}, description = 'Too many requests') {
  const error = new ChangePasswordError(description, { error: 'too_many_requests', error_description: description });
  error.statusCode = status;
  error.headers = new Headers(headers);
  return error;
}

describe('toInvitationError', () => {
  it('makes 429 transient with Auth0\'s wait, 5xx transient, other answers rejected', () => {
    const limited = toInvitationError(answered(429, { 'retry-after': '42' }));
    expect(limited).toMatchObject({ kind: 'transient', httpStatus: 429, errorCode: 'too_many_requests', retryAfterSeconds: 42 });
    const reset = toInvitationError(answered(429, { 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 30) }));
    expect(reset.retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect(toInvitationError(answered(503))).toMatchObject({ kind: 'transient', httpStatus: 503 });
    expect(toInvitationError(answered(400, {}, 'connection not found'))).toMatchObject({
      kind: 'rejected',
      httpStatus: 400,
      message: 'Auth0 answered 400 to change_password: connection not found',
    });
  });

  it('treats a network failure as transient and never carries request data', () => {
    expect(toInvitationError(new ChangePasswordError('Failed to request a password change: a network error occurred.'))).toMatchObject({ kind: 'transient' });
    expect(toInvitationError(new Error('ana@example.com unreachable')).message).not.toContain('ana@example.com');
  });
});
