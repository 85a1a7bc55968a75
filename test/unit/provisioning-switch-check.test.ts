// What /ready and the metrics show of the kill switch: reported, never a reason to leave the load balancer.
import { describe, expect, it } from 'vitest';
import {
  ALWAYS_ENABLED,
  provisioningEnabledGaugeValue,
  provisioningSwitchCheck,
  type ProvisioningSwitchReader,
} from '../../src/services/provisioning/provisioning-switch.ts';

const off: ProvisioningSwitchReader = {
  isEnabled: () => false,
  status: () => ({ enabled: false, reason: 'INC-1', changedAt: new Date('2026-11-29T10:00:00Z'), changedBy: 'auth0|admin' }),
};

describe('kill switch on /ready and /metrics', () => {
  it('is ok either way and says when it is off', async () => {
    expect(await provisioningSwitchCheck(ALWAYS_ENABLED).check()).toEqual({ ok: true, detail: 'on' });
    expect(await provisioningSwitchCheck(off).check()).toEqual({
      ok: true,
      detail: 'switched off since 2026-11-29T10:00:00.000Z by auth0|admin: no Auth0 call starts',
    });
    expect(provisioningSwitchCheck(off).name).toBe('provisioning');
  });

  it('is 1 on the gauge when on, 0 when off', () => {
    expect([provisioningEnabledGaugeValue(ALWAYS_ENABLED), provisioningEnabledGaugeValue(off)]).toEqual([1, 0]);
  });
});
