-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditAction" ADD VALUE 'EMPLOYEE_DEACTIVATION_SCHEDULED';
ALTER TYPE "AuditAction" ADD VALUE 'EMPLOYEE_DEACTIVATION_CANCELLED';

-- AlterTable
ALTER TABLE "Employee" ADD COLUMN     "endDate" DATE,
ADD COLUMN     "invitationScheduledAt" TIMESTAMPTZ(3),
ADD COLUMN     "scheduledDeactivationAt" TIMESTAMPTZ(3),
ADD COLUMN     "scheduledDeactivationBy" TEXT,
ADD COLUMN     "scheduledDeactivationPermissions" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "scheduledDeactivationReason" TEXT,
ADD COLUMN     "startDate" DATE;

-- CreateIndex
CREATE INDEX "Employee_scheduledDeactivationAt_idx" ON "Employee"("scheduledDeactivationAt");
