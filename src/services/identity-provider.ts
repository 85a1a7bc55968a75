// The port through which services reach the identity provider (Auth0). Services depend on this
// interface only; src/auth0/ adapts the official SDK to it and tests may substitute a fake.

export interface IdentityUser {
  userId: string;
  email: string;
  emailVerified: boolean;
  appMetadata: Record<string, unknown>;
  createdAt: Date;
}

export interface CreateIdentityUserInput {
  email: string;
  name: string;
  /** Stored in app_metadata (metadata Option A) so a 409 can be recognised as "ours". */
  employeeId: string;
}

/** What one call to the identity provider cost: fed into the audit trail. */
export interface IdentityCallReport {
  httpStatus: number | null;
  errorCode: string | null;
  durationMs: number;
}

export interface IdentityProvider {
  /** Creates the user with a verification email and an unguessable password. Throws IdentityError. */
  createUser(input: CreateIdentityUserInput): Promise<IdentityUser>;
  /** Immediately consistent lookup (users-by-email); emails are compared lower-cased. */
  findUsersByEmail(email: string): Promise<IdentityUser[]>;
  /** Assigns roles by name (e.g. `production_associate`); unknown names throw IdentityError. */
  assignRoles(userId: string, roleNames: readonly string[]): Promise<void>;
  sendVerificationEmail(userId: string): Promise<void>;
}

export type IdentityErrorKind =
  /** 409 on create: a user with this email exists in the connection (maybe ours, after a retried POST). */
  | 'already-exists'
  /** 429, 5xx, timeouts, dropped connections: worth retrying later. */
  | 'transient'
  /** 404 on a user or role. */
  | 'not-found'
  /** Anything else (400 policy errors, 401/403 misconfiguration): retrying will not help. */
  | 'rejected';

/** A failed identity-provider call, with only what is safe to log and audit (no tokens, no secrets). */
export class IdentityError extends Error {
  constructor(
    readonly kind: IdentityErrorKind,
    message: string,
    readonly httpStatus: number | null = null,
    readonly errorCode: string | null = null,
  ) {
    super(message);
    this.name = 'IdentityError';
  }
}
