// SCIM tokens: the bearer secrets an identity provider (Okta, Entra) or HR system uses on /scim/v2.
// The secret is shown once, on creation; only its SHA-256 is stored. A fast unsalted hash is right here
// (a password needs a slow one): the secret is 256 random bits, so no dictionary or brute force applies,
// and an indexed lookup by hash keeps every SCIM request at one cheap query. Every request reads the row
// (no cache), so a revocation holds at once for every process. docs/design.md "SCIM tokens and the deprovisioning guard".
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { PrismaClient, ScimToken } from '../generated/prisma/client.ts';
import { EmployeeRole } from '../generated/prisma/enums.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import { GRANT_ANY_ROLE_PERMISSION, GRANT_JUNIOR_ROLES_PERMISSION, withinCeiling } from './employee-reach.ts';
import { auth0RoleName } from './employee-input.ts';
import { DomainError } from './errors.ts';
import { isUuid } from './uuid.ts';

export interface ScimCaller {
  tokenId: string;
  name: string;
  maxRole: EmployeeRole;
}

export type ScimTokenRow = Pick<ScimToken, 'id' | 'name' | 'maxRole' | 'createdAt' | 'createdBy' | 'lastUsedAt' | 'revokedAt'>;

export interface ScimTokenService {
  /** The token's caller, or null when unknown or revoked (revocation is seen at once by every process). */
  authenticate(bearerToken: string): Promise<ScimCaller | null>;
  create(actor: Actor, input: { name: string; maxRole?: EmployeeRole }): Promise<{ token: string; scimToken: ScimTokenRow } | ScimTokenNameTakenError>;
  revoke(actor: Actor, id: string): Promise<ScimTokenRow | ScimTokenNotFoundError>;
  list(actor: Actor): Promise<ScimTokenRow[]>;
}

export class ScimTokenNameTakenError extends DomainError {
  readonly code = 'SCIM_TOKEN_NAME_TAKEN';
  constructor(readonly tokenName: string) {
    super(`A SCIM token named ${tokenName} already exists (revoked ones too: audit rows name the token); choose another name`);
    this.name = 'ScimTokenNameTakenError';
  }
}

export class ScimTokenNotFoundError extends DomainError {
  readonly code = 'SCIM_TOKEN_NOT_FOUND';
  constructor(readonly tokenId: string) {
    super('No SCIM token has this id');
    this.name = 'ScimTokenNotFoundError';
  }
}

/** Token names go into audit actors (`scim:<name>`) and logs: plain, short, no spaces at either end. */
export const scimTokenNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}$/, 'Name must be 1-64 characters: letters, digits, space, . _ @ -, starting with a letter or digit');

export const DEFAULT_SCIM_MAX_ROLE: EmployeeRole = EmployeeRole.TEAM_LEAD;

/** The prefix tells a SCIM token apart in a secret scanner and lets a malformed bearer skip the query. */
const TOKEN_PREFIX = 'scim_';
const TOKEN_FORMAT = /^scim_[A-Za-z0-9_-]{43}$/;
/** lastUsedAt is for people ("is Okta still syncing?"): written at most once a minute per token, not per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

const ROW_SELECT = { id: true, name: true, maxRole: true, createdAt: true, createdBy: true, lastUsedAt: true, revokedAt: true } as const;

export function hashScimToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface ScimTokenDeps {
  prisma: PrismaClient;
  audit: () => Promise<AuditTrail>;
}

export function createScimTokenService(deps: ScimTokenDeps): ScimTokenService {
  const { prisma } = deps;
  return {
    async authenticate(bearerToken) {
      if (!TOKEN_FORMAT.test(bearerToken)) return null;
      const row = await prisma.scimToken.findUnique({
        where: { secretHash: hashScimToken(bearerToken) },
        select: { id: true, name: true, maxRole: true, lastUsedAt: true, revokedAt: true },
      });
      if (!row || row.revokedAt !== null) return null;
      if (row.lastUsedAt === null || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
        await prisma.scimToken.updateMany({ where: { id: row.id, revokedAt: null }, data: { lastUsedAt: new Date() } });
      }
      return { tokenId: row.id, name: row.name, maxRole: row.maxRole };
    },

    async create(actor, input) {
      const name = scimTokenNameSchema.parse(input.name);
      const maxRole = input.maxRole ?? DEFAULT_SCIM_MAX_ROLE;
      const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
      const audit = await deps.audit();
      try {
        const scimToken = await prisma.$transaction(async (tx) => {
          const row = await tx.scimToken.create({
            data: { name, maxRole, secretHash: hashScimToken(token), createdBy: actor.id },
            select: ROW_SELECT,
          });
          await audit.scimTokenChanged(tx, actor, `created SCIM token ${name} (id ${row.id}, maxRole ${auth0RoleName(maxRole)})`);
          return row;
        });
        return { token, scimToken };
      } catch (error) {
        if (isUniqueViolation(error)) return new ScimTokenNameTakenError(name);
        throw error;
      }
    },

    async revoke(actor, id) {
      if (!isUuid(id)) return new ScimTokenNotFoundError(id);
      const audit = await deps.audit();
      return prisma.$transaction(async (tx) => {
        const revoked = await tx.scimToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date(), revokedBy: actor.id } });
        const row = await tx.scimToken.findUnique({ where: { id }, select: ROW_SELECT });
        if (!row) return new ScimTokenNotFoundError(id);
        if (revoked.count > 0) await audit.scimTokenChanged(tx, actor, `revoked SCIM token ${row.name} (id ${row.id})`);
        return row;
      });
    },

    async list() {
      return prisma.scimToken.findMany({ select: ROW_SELECT, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    },
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/** The permissions a SCIM client needs: read, create, update, deactivate employees and set their roles. */
const SCIM_PERMISSIONS = ['read:employees', 'create:employees', 'update:employees', 'deactivate:employees', GRANT_JUNIOR_ROLES_PERMISSION];

/**
 * The Actor the services see for a SCIM request: id `scim:<name>`, the permissions a SCIM client needs,
 * and a ceiling: it may grant and reach roles up to maxRole and no further. Only a token whose maxRole is
 * above team_lead carries the admin grant permission (the rules grant manager and admin with nothing else);
 * with it, as for an admin, the email of an account in use may be changed.
 */
export function scimActor(caller: ScimCaller, correlationId: string | null): Actor {
  const seniorGrants = !withinCeiling(caller.maxRole, EmployeeRole.TEAM_LEAD);
  return {
    id: `scim:${caller.name}`,
    correlationId,
    permissions: new Set([...SCIM_PERMISSIONS, ...(seniorGrants ? [GRANT_ANY_ROLE_PERMISSION] : [])]),
    roleCeiling: caller.maxRole,
  };
}

