-- CreateTable
CREATE TABLE "TrendSample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "resolution" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "scope" TEXT NOT NULL,
    "registered" INTEGER NOT NULL,
    "inFallback" INTEGER NOT NULL,
    "unregistered" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "partiallyRegistered" INTEGER NOT NULL,
    "unknown" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "TrendSample_at_idx" ON "TrendSample"("at");

-- CreateIndex
CREATE UNIQUE INDEX "TrendSample_resolution_scope_at_key" ON "TrendSample"("resolution", "scope", "at");

