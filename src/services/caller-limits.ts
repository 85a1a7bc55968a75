// A fair share per caller: each caller (a token's sub, a SCIM token) may start at most `points`
// Auth0-bound changes (creations, import rows, resends, updates) per window, so one leaked token cannot
// spend the tenant's Management API budget for everyone. The counts live in PostgreSQL (rate-limiter-flexible's
// PostgreSQL store, one atomic upsert per check), so every gateway process shares them. Why these defaults
// and this store: docs/design.md "Fair share per caller".
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { PrismaClient } from '../db/prisma-client.ts';
import { RateLimitedError } from './errors.ts';

export const CALLER_OPERATIONS = ['create', 'import', 'resend', 'update'] as const;
export type CallerOperation = (typeof CALLER_OPERATIONS)[number];

export interface CallerLimitSettings {
  /** Changes one caller may start per window; 0 turns the limit off. */
  points: number;
  windowSeconds: number;
}

export interface CallerLimitObserver {
  refused(operation: CallerOperation): void;
}

/**
 * rate-limiter-flexible's PostgreSQL store speaks node-postgres (`query({ text, values })`); this hands its
 * statements to Prisma's pool instead of opening a second one, and drops the statement names it gives
 * (unnamed statements also work behind a transaction-mode pooler).
 */
function prismaStoreClient(prisma: PrismaClient) {
  return {
    async query({ text, values = [] }: { text: string; values?: unknown[] }) {
      const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values);
      // int8 columns come back as BigInt; the library does arithmetic with numbers (epoch ms fit exactly).
      const plain = rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'bigint' ? Number(value) : value])));
      return { rows: plain, rowCount: plain.length };
    },
  };
}

export class CallerLimits {
  private readonly limiter: RateLimiterPostgres | null;

  constructor(
    prisma: PrismaClient,
    private readonly settings: CallerLimitSettings,
    private readonly observer?: CallerLimitObserver,
  ) {
    this.limiter =
      settings.points > 0
        ? new RateLimiterPostgres({
            storeClient: prismaStoreClient(prisma),
            storeType: 'client',
            // Created by the migration (prisma/schema.prisma CallerRateLimit), never at run time.
            tableName: 'CallerRateLimit',
            tableCreated: true,
            keyPrefix: 'caller',
            points: settings.points,
            duration: settings.windowSeconds,
          })
        : null;
  }

  /**
   * Counts `count` changes against the caller's share, or throws RateLimitedError (with when to retry)
   * and changes nothing. Doors call it after authorization, before the use case.
   */
  async consume(callerKey: string, operation: CallerOperation, count = 1): Promise<void> {
    if (!this.limiter || count <= 0) return;
    try {
      await this.limiter.consume(callerKey, count);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      // The library counts a refused request too; a refusal does nothing, so it costs nothing (a refused
      // 1000-row import must not also lock the caller out of single changes for the rest of the window).
      await this.limiter.reward(callerKey, count).catch(() => undefined);
      this.observer?.refused(operation);
      throw new RateLimitedError(new Date(Date.now() + Math.max(error.msBeforeNext, 1000)));
    }
  }
}
