-- AlterEnum
ALTER TYPE "AuditAction" ADD VALUE 'AUTH0_USER_ADOPTED';

-- AlterTable
ALTER TABLE "Employee" ADD COLUMN     "externalId" TEXT;

-- AlterTable
ALTER TABLE "ImportBatch" ADD COLUMN     "adopted" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "conflicts" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "Employee_externalId_key" ON "Employee"("externalId");
