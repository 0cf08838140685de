-- AlterTable
ALTER TABLE "SourceHealth" ADD COLUMN "effectiveFresh" BOOLEAN;

-- CreateTable
CREATE TABLE "SiteRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "site" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SiteEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "site" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "phones" INTEGER NOT NULL,
    "peakOut" INTEGER NOT NULL,
    "out" INTEGER NOT NULL,
    "inFallback" INTEGER NOT NULL DEFAULT 0,
    "peakInFallback" INTEGER NOT NULL DEFAULT 0,
    "fallbackRouters" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Device" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mac" TEXT,
    "deviceClass" TEXT NOT NULL DEFAULT 'Phone',
    "model" TEXT NOT NULL DEFAULT '',
    "protocol" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "userName" TEXT NOT NULL DEFAULT '',
    "registrationStatus" TEXT NOT NULL,
    "statusReason" TEXT NOT NULL DEFAULT '',
    "ipAddress" TEXT NOT NULL DEFAULT '',
    "ipv6Address" TEXT NOT NULL DEFAULT '',
    "firmware" TEXT NOT NULL DEFAULT '',
    "node" TEXT NOT NULL DEFAULT '',
    "keyPhone" BOOLEAN,
    "primaryDn" TEXT NOT NULL DEFAULT '',
    "lineCount" INTEGER NOT NULL DEFAULT 0,
    "dnIndex" TEXT NOT NULL DEFAULT '',
    "lines" TEXT NOT NULL DEFAULT '[]',
    "detail" TEXT NOT NULL DEFAULT '{}',
    "fingerprint" TEXT NOT NULL,
    "missing" BOOLEAN NOT NULL DEFAULT false,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "statusChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "identity" TEXT NOT NULL DEFAULT '',
    "listing" TEXT NOT NULL DEFAULT 'shadow',
    "effectiveStatus" TEXT NOT NULL DEFAULT 'unknown',
    "fallbackSourceId" TEXT,
    "site" TEXT NOT NULL DEFAULT '',
    "effectiveChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leftRegisteredAt" DATETIME,
    CONSTRAINT "Device_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Device" ("description", "detail", "deviceClass", "dnIndex", "fingerprint", "firmware", "firstSeenAt", "id", "ipAddress", "ipv6Address", "keyPhone", "lineCount", "lines", "mac", "missing", "model", "name", "node", "primaryDn", "protocol", "registrationStatus", "sourceId", "statusChangedAt", "statusReason", "updatedAt", "userName") SELECT "description", "detail", "deviceClass", "dnIndex", "fingerprint", "firmware", "firstSeenAt", "id", "ipAddress", "ipv6Address", "keyPhone", "lineCount", "lines", "mac", "missing", "model", "name", "node", "primaryDn", "protocol", "registrationStatus", "sourceId", "statusChangedAt", "statusReason", "updatedAt", "userName" FROM "Device";
DROP TABLE "Device";
ALTER TABLE "new_Device" RENAME TO "Device";
CREATE INDEX "Device_registrationStatus_idx" ON "Device"("registrationStatus");
CREATE INDEX "Device_mac_idx" ON "Device"("mac");
CREATE INDEX "Device_name_idx" ON "Device"("name");
CREATE INDEX "Device_ipAddress_idx" ON "Device"("ipAddress");
CREATE INDEX "Device_sourceId_registrationStatus_model_protocol_missing_idx" ON "Device"("sourceId", "registrationStatus", "model", "protocol", "missing");
CREATE INDEX "Device_name_sourceId_id_listing_effectiveStatus_site_model_protocol_keyPhone_description_userName_dnIndex_ipAddress_mac_idx" ON "Device"("name", "sourceId", "id", "listing", "effectiveStatus", "site", "model", "protocol", "keyPhone", "description", "userName", "dnIndex", "ipAddress", "mac");
CREATE INDEX "Device_effectiveStatus_name_sourceId_id_listing_idx" ON "Device"("effectiveStatus", "name", "sourceId", "id", "listing");
CREATE INDEX "Device_effectiveStatus_site_model_protocol_listing_idx" ON "Device"("effectiveStatus", "site", "model", "protocol", "listing");
CREATE INDEX "Device_statusChangedAt_listing_idx" ON "Device"("statusChangedAt", "listing");
CREATE INDEX "Device_identity_idx" ON "Device"("identity");
CREATE INDEX "Device_site_listing_leftRegisteredAt_idx" ON "Device"("site", "listing", "leftRegisteredAt");
CREATE UNIQUE INDEX "Device_sourceId_name_key" ON "Device"("sourceId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SiteEvent_site_startedAt_idx" ON "SiteEvent"("site", "startedAt");

-- CreateIndex
CREATE INDEX "SiteEvent_endedAt_startedAt_idx" ON "SiteEvent"("endedAt", "startedAt");

-- CreateIndex
CREATE INDEX "SiteEvent_startedAt_idx" ON "SiteEvent"("startedAt");


-- Backfill: every stored record gets its identity; the effective states are worked out at the next start.
UPDATE "Device" SET "identity" = CASE WHEN "mac" IS NOT NULL THEN 'mac:' || "mac" ELSE 'name:' || UPPER("name") END;
