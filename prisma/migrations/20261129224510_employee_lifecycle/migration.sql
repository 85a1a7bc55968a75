-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditAction" ADD VALUE 'EMPLOYEE_UPDATED';
ALTER TYPE "AuditAction" ADD VALUE 'EMPLOYEE_DEACTIVATED';
ALTER TYPE "AuditAction" ADD VALUE 'EMPLOYEE_REACTIVATED';
ALTER TYPE "AuditAction" ADD VALUE 'AUTH0_UPDATE_USER';

-- AlterTable
ALTER TABLE "Employee" ADD COLUMN     "accountRevision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "auth0AccountRevision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "auth0Blocked" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "auth0Profile" JSONB,
ADD COLUMN     "deactivatedAt" TIMESTAMPTZ(3),
ADD COLUMN     "deactivationReason" TEXT,
ADD COLUMN     "previousNames" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "Employee_active_idx" ON "Employee"("active");
