-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditAction" ADD VALUE 'ACCESS_REFUSED';
ALTER TYPE "AuditAction" ADD VALUE 'AUTH0_UNLINK_USER';

-- AlterTable
ALTER TABLE "Employee" ADD COLUMN     "auth0LinkedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "RollbackUser" ADD COLUMN     "unlinkOnly" BOOLEAN NOT NULL DEFAULT false;

-- Accounts linked by hand before this column existed: the operator's AUTH0_USER_LINKED event for the
-- account the employee is linked to now.
UPDATE "Employee" e SET "auth0LinkedAt" = linked.at
  FROM (SELECT "employeeId", "auth0UserId", max("occurredAt") AS at FROM "AuditEvent"
         WHERE action = 'AUTH0_USER_LINKED' AND outcome = 'SUCCESS' AND detail = 'linked by an operator'
         GROUP BY "employeeId", "auth0UserId") AS linked
 WHERE linked."employeeId" = e.id AND linked."auth0UserId" = e."auth0UserId";
