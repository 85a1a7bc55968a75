-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "citext";

-- AlterEnum
ALTER TYPE "AuditAction" ADD VALUE 'SCIM_REQUEST';

-- AlterTable
ALTER TABLE "Employee" ADD COLUMN     "directoryGroups" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "directoryProfile" JSONB,
ADD COLUMN     "directoryRemovedAt" TIMESTAMPTZ(3),
ADD COLUMN     "userName" CITEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Employee_userName_key" ON "Employee"("userName");
