-- AlterTable
ALTER TABLE "Auth0RateLimitBucket" ADD COLUMN     "fullStreak" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "inFlight" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "probeUntil" TIMESTAMPTZ(3),
ADD COLUMN     "waitingUntil" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "QueueLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "QueueLease_pkey" PRIMARY KEY ("name")
);
