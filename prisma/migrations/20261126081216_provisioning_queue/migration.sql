-- CreateEnum
CREATE TYPE "ProvisioningFailureReason" AS ENUM ('EMAIL_TAKEN_IN_AUTH0', 'AUTH0_REJECTED', 'RETRIES_EXHAUSTED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditAction" ADD VALUE 'AUTH0_GET_USER';
ALTER TYPE "AuditAction" ADD VALUE 'AUTH0_REMOVE_ROLES';
ALTER TYPE "AuditAction" ADD VALUE 'AUTH0_USER_LINKED';
ALTER TYPE "AuditAction" ADD VALUE 'EMPLOYEE_ROLE_CHANGED';
ALTER TYPE "AuditAction" ADD VALUE 'PROVISIONING_REQUEUED';

-- AlterTable
ALTER TABLE "Employee" ADD COLUMN     "auth0Role" "EmployeeRole",
ADD COLUMN     "auth0SyncFailureReason" "ProvisioningFailureReason",
ADD COLUMN     "idempotencyFingerprint" TEXT,
ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "provisioningLeaseOwner" TEXT,
ADD COLUMN     "provisioningLeaseUntil" TIMESTAMPTZ(3),
ADD COLUMN     "verificationEmailSentAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "Employee_idempotencyKey_key" ON "Employee"("idempotencyKey");
