-- CreateEnum
CREATE TYPE "EmployeeRole" AS ENUM ('production_associate', 'team_lead', 'manager', 'admin');

-- CreateEnum
CREATE TYPE "AuthMethod" AS ENUM ('PIN', 'AUTH0');

-- CreateEnum
CREATE TYPE "Auth0SyncStatus" AS ENUM ('PENDING', 'CREATED', 'VERIFIED', 'FAILED', 'DISABLED');

-- CreateEnum
CREATE TYPE "AuditAction" AS ENUM ('EMPLOYEE_CREATED', 'SYNC_STATUS_CHANGED', 'AUTH0_CREATE_USER', 'AUTH0_FIND_USERS_BY_EMAIL', 'AUTH0_ASSIGN_ROLES', 'AUTH0_SEND_VERIFICATION_EMAIL');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('SUCCESS', 'FAILURE');

-- CreateTable
CREATE TABLE "Employee" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "role" "EmployeeRole" NOT NULL DEFAULT 'production_associate',
    "authMethod" "AuthMethod" NOT NULL DEFAULT 'AUTH0',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "auth0UserId" TEXT,
    "auth0AccountCreatedAt" TIMESTAMPTZ(3),
    "auth0SyncStatus" "Auth0SyncStatus" NOT NULL DEFAULT 'PENDING',
    "auth0SyncError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Employee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" UUID NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" "AuditAction" NOT NULL,
    "employeeId" UUID,
    "auth0UserId" TEXT,
    "outcome" "AuditOutcome" NOT NULL,
    "httpStatus" INTEGER,
    "auth0ErrorCode" TEXT,
    "detail" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "durationMs" INTEGER,
    "correlationId" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Employee_email_key" ON "Employee"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Employee_auth0UserId_key" ON "Employee"("auth0UserId");

-- CreateIndex
CREATE INDEX "Employee_auth0SyncStatus_idx" ON "Employee"("auth0SyncStatus");

-- CreateIndex
CREATE INDEX "AuditEvent_employeeId_occurredAt_idx" ON "AuditEvent"("employeeId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_idx" ON "AuditEvent"("occurredAt" DESC);

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE SET NULL ON UPDATE CASCADE;
