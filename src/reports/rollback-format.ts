// Plain-text renderings of a rollback for `npm run rollback` (src/cli/rollback.ts): the dry run's plan,
// the progress lines on stderr, and the summary of a run.
import type { ProvisioningStatus } from '../services/provisioning/provisioning-switch.ts';
import { formatDuration, PLAN_LIMITS, rollbackSecondsOnPlan } from '../services/rollback-estimate.ts';
import type { RollbackRunResult } from '../services/rollback-run.ts';
import { describeSelection, type RollbackPlan, type RollbackRunState, type RollbackSelection } from '../services/rollback.service.ts';

export { formatDuration } from '../services/rollback-estimate.ts';

const SAMPLE_SIZE = 10;

export function formatRollbackPlan(selection: RollbackSelection, plan: RollbackPlan, provisioningEnabled: boolean, missingScopes: readonly string[] = []): string {
  const users = plan.candidates.filter((user) => !user.unlinkOnly);
  const handLinked = plan.candidates.filter((user) => user.unlinkOnly);
  const unlinked = users.filter((user) => user.employeeId === null).length;
  const blocked = users.filter((user) => user.blocked).length;
  const verb = selection.mode === 'BLOCK' ? 'block (PATCH blocked: true)' : 'delete (DELETE /api/v2/users/{id})';
  return [
    'DRY RUN: nothing was changed. Add --execute to do it.',
    ...(missingScopes.length > 0
      ? [`--execute would stop before any change: the application lacks the Auth0 Management API scope${missingScopes.length > 1 ? 's' : ''} ${missingScopes.join(', ')}`]
      : []),
    `Selection: ${describeSelection(selection)}`,
    `Auth0 users created by this system (app_metadata.created_by = productivity_system): ${users.length}`,
    `  linked to an employee: ${plan.linkedEmployees}; linked to no employee: ${unlinked}; already blocked: ${blocked}`,
    `Accounts not created by this system (linked by hand or adopted on day one): ${handLinked.length}; only unlinked (the gateway's metadata and roles removed), never blocked or deleted`,
    `Employees that would be unlinked (auth0UserId cleared, back to PENDING): ${plan.linkedEmployees}`,
    `Left alone: ${plan.linkedNotCreatedBySystem} linked users this system did not create, ${plan.linkedUserMissing} linked users that no longer exist`,
    `Would: switch provisioning off (${provisioningEnabled ? 'it is on now' : 'it is already off'}), then ${verb} ${selection.mode === 'BLOCK' ? users.length - blocked : users.length} users.`,
    'Time at the documented Management API limits (search plus one write per user):',
    ...PLAN_LIMITS.map((limits) => `  ${limits.plan.padEnd(26)} ${formatDuration(rollbackSecondsOnPlan(users.length, selection.mode, limits))}`),
    `Sample (${Math.min(SAMPLE_SIZE, plan.candidates.length)} of ${plan.candidates.length}):`,
    ...plan.candidates
      .slice(0, SAMPLE_SIZE)
      .map(
        (user) =>
          `  ${user.auth0UserId} <${user.email}> created ${user.createdAt.toISOString()}${user.blocked ? ' (blocked)' : ''}${user.unlinkOnly ? ' (not ours: unlink only)' : ''} ${
            user.employeeId ? `employee ${user.employeeId} (${user.department})` : 'no employee'
          }`,
      ),
  ].join('\n');
}

export const formatSwitchedOff = (graceMs: number) =>
  `provisioning switched OFF for every gateway and worker; waiting ${graceMs / 1000} s for calls under way to finish`;

export const formatAlreadyOff = (status: ProvisioningStatus) =>
  `provisioning is already off (since ${status.changedAt.toISOString()}, by ${status.changedBy}: ${status.reason})`;

export function formatRunStarted(selection: RollbackSelection, state: RollbackRunState): string {
  const verb = selection.mode === 'BLOCK' ? 'block' : 'delete';
  return `${state.resumed ? 'resuming' : 'started'} rollback run ${state.id}: ${describeSelection(selection)}; ${state.total} users, ${state.done} done, ${state.pending} to ${verb}`;
}

export function formatRollbackSummary(selection: RollbackSelection, result: RollbackRunResult): string {
  const { state, remaining } = result;
  return [
    [
      `rollback run ${state.id}: ${state.done}/${state.total} users ${selection.mode === 'BLOCK' ? 'blocked' : 'deleted'} (or found so), employees unlinked`,
      `failed ${state.failed}`,
      `elapsed ${formatDuration(result.elapsedSeconds)}`,
      `remaining ${remaining}${remaining > 0 ? ` (≈ ${result.estimate.text})` : ''}`,
    ].join(' | '),
    ...(result.handLinked > 0 ? [`  of which ${result.handLinked} accounts not created by this system (linked by hand or adopted): only unlinked (metadata and roles removed), left in place`] : []),
    ...result.failures.map((user) => `  FAILED ${user.auth0UserId} <${user.email}>: ${user.detail ?? ''}`),
    'Provisioning stays OFF. Switch it on again (setProvisioningEnabled) only when the cause is fixed; the unlinked employees are then provisioned again.',
  ].join('\n');
}
