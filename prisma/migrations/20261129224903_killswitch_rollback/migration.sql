-- CreateEnum
CREATE TYPE "RollbackMode" AS ENUM ('BLOCK', 'DELETE');

-- CreateEnum
CREATE TYPE "RollbackUserState" AS ENUM ('PENDING', 'IN_PROGRESS', 'DONE', 'FAILED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditAction" ADD VALUE 'PROVISIONING_SWITCHED';
ALTER TYPE "AuditAction" ADD VALUE 'AUTH0_BLOCK_USER';
ALTER TYPE "AuditAction" ADD VALUE 'AUTH0_DELETE_USER';
ALTER TYPE "AuditAction" ADD VALUE 'EMPLOYEE_UNLINKED';
ALTER TYPE "AuditAction" ADD VALUE 'ROLLBACK_RUN';

-- CreateTable
CREATE TABLE "ProvisioningSwitch" (
    "scope" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changedBy" TEXT NOT NULL,

    CONSTRAINT "ProvisioningSwitch_pkey" PRIMARY KEY ("scope")
);

-- CreateTable
CREATE TABLE "RollbackRun" (
    "id" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "actor" TEXT NOT NULL,
    "mode" "RollbackMode" NOT NULL,
    "createdAfter" TIMESTAMPTZ(3),
    "department" TEXT,

    CONSTRAINT "RollbackRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RollbackUser" (
    "runId" UUID NOT NULL,
    "auth0UserId" TEXT NOT NULL,
    "employeeId" UUID,
    "email" TEXT NOT NULL,
    "blockedWhenPlanned" BOOLEAN NOT NULL DEFAULT false,
    "state" "RollbackUserState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "detail" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RollbackUser_pkey" PRIMARY KEY ("runId","auth0UserId")
);

-- CreateIndex
CREATE INDEX "RollbackRun_finishedAt_idx" ON "RollbackRun"("finishedAt");

-- CreateIndex
CREATE INDEX "RollbackUser_runId_state_idx" ON "RollbackUser"("runId", "state");

-- AddForeignKey
ALTER TABLE "RollbackUser" ADD CONSTRAINT "RollbackUser_runId_fkey" FOREIGN KEY ("runId") REFERENCES "RollbackRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
