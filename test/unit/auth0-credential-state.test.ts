import { describe, expect, it } from 'vitest';
import { Auth0CredentialState } from '../../src/auth0/auth0-credential-state.ts';
import type { Logger } from '../../src/logger.ts';

function recordingLogger() {
  const lines: Array<[string, unknown, string?]> = [];
  const log = (level: string) => (first: unknown, second?: string) => void lines.push([level, first, second]);
  return { lines, logger: { error: log('error'), warn: log('warn') } as unknown as Logger };
}

describe('Auth0CredentialState', () => {
  it('is unknown, then ok, then rejected until the next accepted call; logs the first rejection of a burst and the recovery', () => {
    let now = 1_000;
    const { lines, logger } = recordingLogger();
    const state = new Auth0CredentialState({ logger, now: () => new Date(now) });
    expect(state.snapshot().status).toBe('unknown');
    state.recordAccepted();
    expect(state.snapshot().status).toBe('ok');

    now += 1;
    state.recordRejected('Auth0 answered 401: Unauthorized');
    now += 1;
    state.recordRejected('Auth0 answered 401: Unauthorized');
    expect(state.snapshot()).toEqual({ status: 'credentials rejected', lastAcceptedAt: new Date(1_000), lastRejectedAt: new Date(1_002) });
    expect(lines.filter(([level]) => level === 'error')).toHaveLength(1);
    expect(lines[0]?.[1]).toEqual({ reason: 'AUTH0_CREDENTIALS_REJECTED', detail: 'Auth0 answered 401: Unauthorized' });

    now += 1;
    state.recordAccepted();
    expect(state.rejected).toBe(false);
    expect(lines.filter(([level]) => level === 'warn')).toHaveLength(1);
    now += 1;
    state.recordRejected('again');
    expect(lines.filter(([level]) => level === 'error')).toHaveLength(2);
  });
});
