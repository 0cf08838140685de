-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TrendSample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "resolution" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "scope" TEXT NOT NULL,
    "samples" INTEGER NOT NULL DEFAULT 1,
    "registered" INTEGER NOT NULL,
    "inFallback" INTEGER NOT NULL,
    "unregistered" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "partiallyRegistered" INTEGER NOT NULL,
    "unknown" INTEGER NOT NULL
);
INSERT INTO "new_TrendSample" ("at", "id", "inFallback", "partiallyRegistered", "registered", "rejected", "resolution", "scope", "unknown", "unregistered") SELECT "at", "id", "inFallback", "partiallyRegistered", "registered", "rejected", "resolution", "scope", "unknown", "unregistered" FROM "TrendSample";
DROP TABLE "TrendSample";
ALTER TABLE "new_TrendSample" RENAME TO "TrendSample";
CREATE INDEX "TrendSample_at_idx" ON "TrendSample"("at");
CREATE UNIQUE INDEX "TrendSample_resolution_scope_at_key" ON "TrendSample"("resolution", "scope", "at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

