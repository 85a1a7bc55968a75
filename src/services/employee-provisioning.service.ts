// createEmployee: store the employee, then give them an Auth0 account with the right role.
// The employee row commits first (PENDING), so an Auth0 failure never loses anyone: it leaves a
// FAILED employee with the reason, which a retry can finish.
import { Prisma, type Employee, type PrismaClient } from '../generated/prisma/client.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import { EmailAlreadyUsedError } from './errors.ts';
import { auth0RoleName, DEFAULT_EMPLOYEE_ROLE, type CreateEmployeeInput } from './employee-input.ts';
import { IdentityError, type IdentityProvider, type IdentityUser } from './identity-provider.ts';

export interface ProvisioningDeps {
  prisma: PrismaClient;
  identityProvider: IdentityProvider;
  audit: AuditTrail;
}

export async function createEmployee(
  deps: ProvisioningDeps,
  actor: Actor,
  input: CreateEmployeeInput,
): Promise<Employee | EmailAlreadyUsedError> {
  const stored = await storeNewEmployee(deps, actor, input);
  if (stored instanceof EmailAlreadyUsedError) return stored;
  return provisionAuth0Account(deps, actor, stored);
}

async function storeNewEmployee(
  deps: ProvisioningDeps,
  actor: Actor,
  input: CreateEmployeeInput,
): Promise<Employee | EmailAlreadyUsedError> {
  try {
    return await deps.prisma.$transaction(async (tx) => {
      const employee = await tx.employee.create({
        data: {
          name: input.name,
          email: input.email,
          department: input.department,
          role: input.role ?? DEFAULT_EMPLOYEE_ROLE,
          authMethod: 'AUTH0',
          auth0SyncStatus: 'PENDING',
        },
      });
      await deps.audit.employeeCreated(tx, actor, employee.id);
      return employee;
    });
  } catch (error) {
    // The unique index is the arbiter: a pre-check would race with a concurrent create.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return new EmailAlreadyUsedError(input.email);
    }
    throw error;
  }
}

/** Creates (or recognises) the Auth0 user, assigns the role and records the outcome on the employee. */
export async function provisionAuth0Account(deps: ProvisioningDeps, actor: Actor, employee: Employee): Promise<Employee> {
  try {
    const user = employee.auth0UserId
      ? { userId: employee.auth0UserId, createdAt: employee.auth0AccountCreatedAt ?? new Date() }
      : await linkAccount(deps, employee.id, await createOrRecogniseUser(deps, actor, employee));
    await deps.audit.identityCall(
      actor,
      { action: 'AUTH0_ASSIGN_ROLES', employeeId: employee.id, auth0UserId: user.userId, successStatus: 204 },
      () => deps.identityProvider.assignRoles(user.userId, [auth0RoleName(employee.role)]),
    );
    return await markSynced(deps, actor, employee.id, user);
  } catch (error) {
    if (error instanceof IdentityError || error instanceof AccountOwnedByOtherError) {
      return markFailed(deps, actor, employee.id, error.message);
    }
    throw error;
  }
}

class AccountOwnedByOtherError extends Error {}

async function createOrRecogniseUser(deps: ProvisioningDeps, actor: Actor, employee: Employee): Promise<IdentityUser> {
  try {
    return await deps.audit.identityCall(
      actor,
      { action: 'AUTH0_CREATE_USER', employeeId: employee.id, successStatus: 201 },
      () =>
        deps.identityProvider.createUser({ email: employee.email, name: employee.name, employeeId: employee.id }),
      (user) => user.userId,
    );
  } catch (error) {
    if (!(error instanceof IdentityError) || error.kind !== 'already-exists') throw error;
  }
  // 409 means "maybe mine": the SDK retries POSTs, so a first attempt that committed comes back as a
  // conflict. users-by-email is immediately consistent; app_metadata.employee_id says whose it is.
  const existing = await deps.audit.identityCall(
    actor,
    { action: 'AUTH0_FIND_USERS_BY_EMAIL', employeeId: employee.id, successStatus: 200 },
    () => deps.identityProvider.findUsersByEmail(employee.email),
    (users) => users.find((user) => user.appMetadata.employee_id === employee.id)?.userId ?? null,
  );
  const mine = existing.find((user) => user.appMetadata.employee_id === employee.id);
  if (!mine) {
    throw new AccountOwnedByOtherError(
      `EmailTakenInAuth0: an Auth0 user with ${employee.email} exists and does not belong to this employee`,
    );
  }
  return mine;
}

/** Remembers the account before anything else can fail, so a later retry never looks for it again. */
async function linkAccount(deps: ProvisioningDeps, employeeId: string, user: IdentityUser): Promise<IdentityUser> {
  await deps.prisma.employee.update({
    where: { id: employeeId },
    data: { auth0UserId: user.userId, auth0AccountCreatedAt: user.createdAt },
  });
  return user;
}

async function markSynced(
  deps: ProvisioningDeps,
  actor: Actor,
  employeeId: string,
  user: Pick<IdentityUser, 'userId' | 'createdAt'>,
): Promise<Employee> {
  return deps.prisma.$transaction(async (tx) => {
    const employee = await tx.employee.update({
      where: { id: employeeId },
      data: {
        auth0UserId: user.userId,
        auth0AccountCreatedAt: user.createdAt,
        auth0SyncStatus: 'CREATED',
        auth0SyncError: null,
      },
    });
    await deps.audit.syncStatusChanged(tx, actor, { employeeId, auth0UserId: user.userId, to: 'CREATED' });
    return employee;
  });
}

async function markFailed(deps: ProvisioningDeps, actor: Actor, employeeId: string, reason: string): Promise<Employee> {
  return deps.prisma.$transaction(async (tx) => {
    const employee = await tx.employee.update({
      where: { id: employeeId },
      data: { auth0SyncStatus: 'FAILED', auth0SyncError: reason },
    });
    await deps.audit.syncStatusChanged(tx, actor, {
      employeeId,
      auth0UserId: employee.auth0UserId,
      to: 'FAILED',
      detail: reason,
    });
    return employee;
  });
}
