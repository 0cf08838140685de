-- AlterTable
ALTER TABLE "SourceHealth" ADD COLUMN "configuredCount" INTEGER;
ALTER TABLE "SourceHealth" ADD COLUMN "configuredError" TEXT;
ALTER TABLE "SourceHealth" ADD COLUMN "configuredReadAt" DATETIME;
ALTER TABLE "SourceHealth" ADD COLUMN "configuredRequestedAt" DATETIME;

-- CreateTable
CREATE TABLE "ConfiguredDevice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "deviceClass" TEXT NOT NULL DEFAULT '',
    "model" TEXT NOT NULL DEFAULT '',
    "protocol" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "devicePool" TEXT NOT NULL DEFAULT '',
    "location" TEXT NOT NULL DEFAULT '',
    "ownerUser" TEXT NOT NULL DEFAULT '',
    "lines" TEXT NOT NULL DEFAULT '[]',
    "fingerprint" TEXT NOT NULL,
    "missing" BOOLEAN NOT NULL DEFAULT false,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ConfiguredDevice_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable
-- Columns are added in place: migrations run in a transaction, where PRAGMA foreign_keys=OFF does
-- nothing, so Prisma's rebuild (DROP TABLE "Source") would cascade to every device, extension,
-- poll and change event.
ALTER TABLE "Source" ADD COLUMN "axlEnabled" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Source" ADD COLUMN "axlUsername" TEXT;
ALTER TABLE "Source" ADD COLUMN "axlPasswordCipher" TEXT;
ALTER TABLE "Source" ADD COLUMN "configuredIntervalS" INTEGER;
ALTER TABLE "Device" ADD COLUMN "devicePool" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Device" ADD COLUMN "location" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE UNIQUE INDEX "ConfiguredDevice_sourceId_name_key" ON "ConfiguredDevice"("sourceId", "name");

