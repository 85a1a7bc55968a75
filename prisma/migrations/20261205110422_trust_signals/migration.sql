-- CreateEnum
CREATE TYPE "InvitationStatus" AS ENUM ('SCHEDULED', 'SENT', 'FAILED', 'ACCEPTED');

-- CreateEnum
CREATE TYPE "InvitationFailureReason" AS ENUM ('AUTH0_REFUSED', 'AUTH0_UNAVAILABLE', 'CHANGE_PASSWORD_REQUEST_FAILED', 'DELIVERY_FAILED');

-- AlterEnum
ALTER TYPE "AuditAction" ADD VALUE 'INVITATION_FAILED';

-- AlterTable
ALTER TABLE "Employee" ADD COLUMN     "auth0SyncStatusChangedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "invitationFailureReason" "InvitationFailureReason",
ADD COLUMN     "invitationStatus" "InvitationStatus",
ADD COLUMN     "verificationCheckedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Employee_auth0SyncStatus_verificationCheckedAt_idx" ON "Employee"("auth0SyncStatus", "verificationCheckedAt");

-- Existing rows: the last change is the best known time of the status; invitations already sent are SENT
-- (or ACCEPTED once VERIFIED).
UPDATE "Employee" SET "auth0SyncStatusChangedAt" = "updatedAt";
UPDATE "Employee" SET "invitationStatus" = CASE WHEN "auth0SyncStatus" = 'VERIFIED' THEN 'ACCEPTED'::"InvitationStatus" ELSE 'SENT'::"InvitationStatus" END
 WHERE "invitationSentAt" IS NOT NULL;

-- auth0SyncStatusChangedAt follows every change of auth0SyncStatus, whichever statement makes it (the
-- store's raw SQL, Prisma updates, a rollback): one trigger instead of a column set in every writer.
CREATE FUNCTION "Employee_auth0SyncStatusChangedAt"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."auth0SyncStatus" IS DISTINCT FROM OLD."auth0SyncStatus" THEN
    NEW."auth0SyncStatusChangedAt" := now();
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Employee_auth0SyncStatusChangedAt"
  BEFORE UPDATE OF "auth0SyncStatus" ON "Employee"
  FOR EACH ROW EXECUTE FUNCTION "Employee_auth0SyncStatusChangedAt"();
