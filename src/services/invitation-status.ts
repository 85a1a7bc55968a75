// Where an employee's invitation stands (Employee.invitationStatus): SCHEDULED when one is due, SENT once
// Auth0 accepted the request, FAILED with a reason when it did not reach the employee, ACCEPTED once they
// are VERIFIED. The sender (verification.service.ts) and the log stream report here; the queue's link and
// a deferral (a start date) schedule through the store's scheduleInvitations.
import type { InvitationFailureReason } from '../generated/prisma/enums.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import * as onboarding from '../store/employee-onboarding.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';

export interface InvitationStatusDeps {
  prisma: PrismaClient;
  audit: AuditTrail;
}

/** Log-stream event types that mean an onboarding email did not reach the employee (docs: log event type codes). */
export const INVITATION_FAILURE_EVENTS: Readonly<Record<string, InvitationFailureReason>> = {
  /** Failed Change Password Request: Auth0 did not take the invitation request. */
  fcpr: 'CHANGE_PASSWORD_REQUEST_FAILED',
  /** Failed Sending Notification: the email provider refused or failed to send the email. */
  fn: 'DELIVERY_FAILED',
};

export type InvitationTarget = { employeeId: string } | { auth0UserId: string } | { email: string };

export interface InvitationFailure {
  reason: InvitationFailureReason;
  /** Secret-free: Auth0's status and message, or the log event's type and description. */
  detail: string;
  /** When Auth0 reported it (a log event's date); absent for a failure seen now. */
  reportedAt?: Date;
}

/**
 * FAILED with its reason and an INVITATION_FAILED audit row, in one transaction. A failure Auth0 reported
 * later (`reportedAt`, the log event's date) changes nothing when another email was sent after it, or the
 * employee already used one. Returns how many employees it marked.
 */
export async function markInvitationFailed(
  deps: InvitationStatusDeps,
  actor: Actor,
  target: InvitationTarget,
  failure: InvitationFailure,
): Promise<number> {
  return deps.prisma.$transaction(async (tx) => {
    const changed = await onboarding.invitationFailed(tx, target, failure.reason, failure.reportedAt);
    for (const employeeId of changed) {
      await deps.audit.event(tx, actor, { action: 'INVITATION_FAILED', employeeId, outcome: 'FAILURE', detail: `${failure.reason}: ${failure.detail}`.slice(0, 500) });
    }
    return changed.length;
  });
}
