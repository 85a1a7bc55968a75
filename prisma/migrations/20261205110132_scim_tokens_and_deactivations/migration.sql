-- CreateEnum
CREATE TYPE "ScimDeactivationState" AS ENUM ('APPLIED', 'HELD', 'RELEASED', 'DISCARDED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditAction" ADD VALUE 'SCIM_TOKEN_CHANGED';
ALTER TYPE "AuditAction" ADD VALUE 'DEACTIVATION_HELD';
ALTER TYPE "AuditAction" ADD VALUE 'DEACTIVATION_RELEASED';
ALTER TYPE "AuditAction" ADD VALUE 'DEACTIVATION_DISCARDED';

-- CreateTable
CREATE TABLE "ScimToken" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "maxRole" "EmployeeRole" NOT NULL DEFAULT 'team_lead',
    "secretHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "revokedBy" TEXT,

    CONSTRAINT "ScimToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimDeactivation" (
    "id" UUID NOT NULL,
    "employeeId" UUID NOT NULL,
    "actor" TEXT NOT NULL,
    "reason" TEXT,
    "correlationId" TEXT,
    "state" "ScimDeactivationState" NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedBy" TEXT,

    CONSTRAINT "ScimDeactivation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ScimToken_name_key" ON "ScimToken"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ScimToken_secretHash_key" ON "ScimToken"("secretHash");

-- CreateIndex
CREATE INDEX "ScimDeactivation_state_requestedAt_idx" ON "ScimDeactivation"("state", "requestedAt");

-- CreateIndex
CREATE INDEX "ScimDeactivation_employeeId_state_idx" ON "ScimDeactivation"("employeeId", "state");
