-- AlterTable
ALTER TABLE "Auth0RateLimitBucket" ADD COLUMN     "windowAccepted" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "windowRemaining" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "windowStartedAt" TIMESTAMPTZ(3),
ADD COLUMN     "rateMeasured" BOOLEAN NOT NULL DEFAULT false;
