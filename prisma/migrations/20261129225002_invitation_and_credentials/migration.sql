-- AlterEnum
ALTER TYPE "AuditAction" ADD VALUE 'AUTH0_SEND_INVITATION_EMAIL';

-- AlterEnum
ALTER TYPE "ProvisioningFailureReason" ADD VALUE 'AUTH0_CREDENTIALS_REJECTED';

-- AlterTable
ALTER TABLE "Employee" ADD COLUMN     "invitationSentAt" TIMESTAMPTZ(3);
