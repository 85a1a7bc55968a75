// The port through which services reach the identity provider (Auth0). Services depend on this
// interface only; src/auth0/ adapts the official SDK to it and tests may substitute a fake.

export interface IdentityUser {
  userId: string;
  email: string;
  emailVerified: boolean;
  appMetadata: Record<string, unknown>;
  createdAt: Date;
  /** `user_metadata` as Auth0 has it (reads that do not return it leave it undefined). */
  userMetadata?: Record<string, unknown>;
  /** Whether an administrator blocked the user (reads that do not return it leave it undefined). */
  blocked?: boolean;
}

/**
 * What the gateway keeps in an Auth0 user (metadata Option A): the adapter writes it as the profile name,
 * `app_metadata { employee_id, created_by, department, role_code }` and `user_metadata { full_name,
 * department }` (plus Option B's PodFactory email variants when enabled).
 */
export interface IdentityAccountProfile {
  employeeId: string;
  name: string;
  email: string;
  department: string;
  /** The Auth0 role name, e.g. `production_associate`. */
  roleCode: string;
  /**
   * When an account the gateway did not create was linked by hand (ISO time); such an account carries
   * `app_metadata.linked_at` instead of `created_by`, so a rollback never takes it for the gateway's.
   */
  linkedAt?: string | null;
  /** The source system's id (`app_metadata.external_id`); absent or null: not written. */
  externalId?: string | null;
}

/** A PATCH of one user: only the given parts change. */
export interface IdentityUserChange {
  /** Name and metadata; the email too when `changeEmail` (set unverified, no email sent by the PATCH). */
  profile?: IdentityAccountProfile;
  changeEmail?: boolean;
  blocked?: boolean;
}

export interface CreateIdentityUserInput {
  email: string;
  name: string;
  /** Stored in app_metadata (metadata Option A) so a 409 can be recognised as "ours". */
  employeeId: string;
  /** Metadata Option A (`app_metadata.department`, `user_metadata.department`). */
  department?: string;
  /** Metadata Option A (`app_metadata.role_code`), e.g. `production_associate`. */
  roleCode?: string;
  /** The source system's id (`app_metadata.external_id`). */
  externalId?: string | null;
  /**
   * Whether Auth0 sends its verification email on creation (default true). Invite mode passes false and
   * sends the invitation (sendInvitationEmail) once the user exists.
   */
  verifyEmail?: boolean;
}

export interface IdentityProvider {
  /** Creates the user with an unguessable password (and a verification email unless `verifyEmail: false`). Throws IdentityError. */
  createUser(input: CreateIdentityUserInput): Promise<IdentityUser>;
  /** Immediately consistent lookup (users-by-email); emails are compared lower-cased. */
  findUsersByEmail(email: string): Promise<IdentityUser[]>;
  /** Assigns roles by name (e.g. `production_associate`); unknown names throw IdentityError. */
  assignRoles(userId: string, roleNames: readonly string[]): Promise<void>;
  sendVerificationEmail(userId: string): Promise<void>;
  /**
   * The invitation: Auth0 itself emails the user a link to set their password (the Authentication API's
   * change-password request, in the user's database connection); nobody else sees the link. Auth0 allows
   * about one per minute per address: a 429 is `transient` with `retryAfterSeconds`.
   */
  sendInvitationEmail(email: string): Promise<void>;
  /** Immediately consistent read by id; a missing user throws IdentityError `not-found`. */
  getUser(userId: string): Promise<IdentityUser>;
  /** Removes roles by name; roles the user does not hold are ignored by Auth0. */
  removeRoles(userId: string, roleNames: readonly string[]): Promise<void>;
  /** Gives one role to several users in one call (`POST /roles/{id}/users`): role batching. */
  assignRoleToUsers(roleName: string, userIds: readonly string[]): Promise<void>;
  /**
   * `PATCH /users/{id}`: profile, metadata, email, blocked. An email another user of the connection holds
   * throws IdentityError `already-exists`; a missing user `not-found`.
   */
  updateUser(userId: string, change: IdentityUserChange): Promise<IdentityUser>;
}

/** The metadata shape the adapter writes (metadata Option A, and B when enabled); no Auth0 call. */
export interface AccountMetadataShape {
  /** Whether the user already carries every metadata key the gateway writes for this profile, with these values. */
  accountMetadataIsCurrent(user: IdentityUser, profile: IdentityAccountProfile): boolean;
}

/**
 * Taking back what the system created (the rollback CLI): never used by provisioning. Both are one
 * Management API write each; failures are IdentityError.
 */
/** What Auth0 lets the gateway's application do. */
export interface IdentityGrant {
  /**
   * The Management API scopes the application's client grant gives it (read from its access token, so
   * no extra privilege or request is needed); null when the adapter cannot tell.
   */
  grantedScopes(): Promise<readonly string[] | null>;
}

export interface IdentityUserRemoval {
  /** `PATCH /users/{id}` with `blocked: true`: the user can no longer log in; everything else stays. A missing user throws `not-found`. */
  blockUser(userId: string): Promise<void>;
  /** `DELETE /users/{id}`: Auth0 answers 204 whether or not the user existed. */
  deleteUser(userId: string): Promise<void>;
  /**
   * For an account the gateway did not create: removes what the gateway wrote (its app_metadata and
   * user_metadata keys, then its RBAC roles) and leaves the account itself in place. Two writes.
   */
  unlinkUser(userId: string, roleNames: readonly string[]): Promise<void>;
}

/** The live profile reads need (what managers see next to an employee). */
export interface IdentityUserProfile extends IdentityUser {
  name: string | null;
  blocked: boolean;
  lastLogin: Date | null;
  loginsCount: number;
  /** The database (or social) connection of the user's first identity, when the read returned it. */
  connection?: string;
}

export interface IdentityRole {
  id: string;
  name: string;
  description: string | null;
}

/** A creation-time window for listing users; both ends inclusive, either may be open. */
export interface CreatedWindow {
  from?: Date;
  to?: Date;
}

/**
 * The read side of the identity provider, for the read paths (DataLoaders, reports). Kept apart from
 * IdentityProvider so provisioning code and its fakes depend only on what they use. Each method is one
 * Management API request unless it says otherwise; failures are IdentityError.
 */
/** `app_metadata.created_by` on every user the gateway creates: what the rollback and the reports call the system's. */
export const CREATED_BY_SYSTEM = 'productivity_system';

/** Emails per user search (`searchUsersByEmails`): the day-one adoption costs one read per this many rows. */
export const EMAILS_PER_SEARCH = 50;

/** Narrows a user search by ids (`AND email_verified:true`): the answer then holds only the users that match. */
export interface UserSearchFilter {
  emailVerified?: true;
}

export interface IdentityDirectory {
  /**
   * The users among `ids` that the search index knows. User search is eventually consistent: a user
   * written moments ago may be missing or show its previous version. One request per chunk of ids;
   * chunks are bounded by the page size (100) and the URL length.
   */
  searchUsersByIds(ids: readonly string[], filter?: UserSearchFilter): Promise<IdentityUserProfile[]>;
  /**
   * The users whose email is one of `emails` (any connection), from the eventually consistent search:
   * one request per 50 emails.
   */
  searchUsersByEmails(emails: readonly string[]): Promise<IdentityUserProfile[]>;
  /** Immediately consistent read of one user (`GET /users/{id}`); null when it does not exist (404). */
  getUserProfile(userId: string): Promise<IdentityUserProfile | null>;
  /** The roles assigned to one user; null when the user does not exist (404). */
  getUserRoles(userId: string): Promise<IdentityRole[] | null>;
  /** Every role of the tenant (one request per 100 roles). */
  listRoles(): Promise<IdentityRole[]>;
  /** One page (up to 100) of a role's members; `next` is the checkpoint of the following page, null at the end. */
  listRoleMembers(roleId: string, from: string | null): Promise<{ userIds: string[]; next: string | null }>;
  /** One page (0-based, up to 100 users) of every user in the gateway's connection within a creation window, oldest first. */
  /**
   * One page (0-based, up to 100 users) of the users this system created (`app_metadata.created_by`)
   * within a creation window, oldest first, with the search's total (which the search caps at 1000).
   */
  listUsersInConnection(window: CreatedWindow, page: number, perPage: number): Promise<{ users: IdentityUserProfile[]; total: number }>;
  listUsersCreatedBySystem(
    window: CreatedWindow,
    page: number,
    perPage: number,
  ): Promise<{ users: IdentityUserProfile[]; total: number }>;
}

export type IdentityErrorKind =
  /** 409 on create: a user with this email exists in the connection (maybe ours, after a retried POST). */
  | 'already-exists'
  /** 429, 5xx, timeouts, dropped connections: worth retrying later. */
  | 'transient'
  /** 404 on a user or role. */
  | 'not-found'
  /**
   * 401 from Auth0 even with a fresh token: the gateway's own credentials (client secret, grant) are not
   * accepted. Not the employee's fault: the work waits and is retried once the credentials are fixed.
   */
  | 'credentials-rejected'
  /** Anything else (400 policy errors, 403 misconfiguration): retrying will not help. */
  | 'rejected';

/** Worth trying again later: Auth0 was unavailable, or it refused the gateway's own credentials. */
export function isRetryable(error: IdentityError): boolean {
  return error.kind === 'transient' || error.kind === 'credentials-rejected';
}

/** A failed identity-provider call, with only what is safe to log and audit (no tokens, no secrets). */
export class IdentityError extends Error {
  constructor(
    readonly kind: IdentityErrorKind,
    message: string,
    readonly httpStatus: number | null = null,
    readonly errorCode: string | null = null,
    /** When Auth0 said how long to wait (429 with Retry-After or X-RateLimit-Reset). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'IdentityError';
  }
}
