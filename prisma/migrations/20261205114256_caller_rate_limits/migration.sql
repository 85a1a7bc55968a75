-- CreateTable
CREATE TABLE "CallerRateLimit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "CallerRateLimit_pkey" PRIMARY KEY ("key")
);
