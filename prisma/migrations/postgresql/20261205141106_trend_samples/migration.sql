-- CreateTable
CREATE TABLE "TrendSample" (
    "id" SERIAL NOT NULL,
    "resolution" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "scope" TEXT NOT NULL,
    "registered" INTEGER NOT NULL,
    "inFallback" INTEGER NOT NULL,
    "unregistered" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "partiallyRegistered" INTEGER NOT NULL,
    "unknown" INTEGER NOT NULL,

    CONSTRAINT "TrendSample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrendSample_at_idx" ON "TrendSample"("at");

-- CreateIndex
CREATE UNIQUE INDEX "TrendSample_resolution_scope_at_key" ON "TrendSample"("resolution", "scope", "at");

