// Leases on deployment-wide duties (the QueueLease table): one process of all the replicas holds a duty at
// a time, until it releases it or its lease runs out (a process that died holding it).
import type { PrismaClient } from '../db/prisma-client.ts';

/** Takes (or extends) the lease when it is free, expired or already ours; true when this holder has it now. */
export async function claimQueueLease(prisma: PrismaClient, name: string, holder: string, seconds: number): Promise<boolean> {
  const rows = await prisma.$queryRaw<unknown[]>`
    INSERT INTO "QueueLease" AS l (name, holder, until) VALUES (${name}, ${holder}, clock_timestamp() + make_interval(secs => ${seconds}::float8))
    ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
      WHERE l.holder = EXCLUDED.holder OR l.until < clock_timestamp()
    RETURNING 1`;
  return rows.length > 0;
}

/** Gives the lease back, if this holder still has it. */
export async function releaseQueueLease(prisma: PrismaClient, name: string, holder: string): Promise<void> {
  await prisma.$executeRaw`DELETE FROM "QueueLease" WHERE name = ${name} AND holder = ${holder}`;
}
