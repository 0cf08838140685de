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

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Source" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "site" TEXT NOT NULL DEFAULT '',
    "urls" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordCipher" TEXT NOT NULL,
    "tlsMode" TEXT NOT NULL DEFAULT 'system',
    "tlsCaPem" TEXT,
    "pollIntervalS" INTEGER NOT NULL,
    "timeoutMs" INTEGER NOT NULL DEFAULT 30000,
    "budgetPerMinute" INTEGER,
    "budgetReserve" INTEGER,
    "replyCap" INTEGER,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "settingsVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "replyCapChecked" BOOLEAN NOT NULL DEFAULT false,
    "budgetRaised" BOOLEAN NOT NULL DEFAULT false,
    "selectItemsPerRequest" INTEGER,
    "axlEnabled" BOOLEAN NOT NULL DEFAULT false,
    "axlUsername" TEXT,
    "axlPasswordCipher" TEXT,
    "configuredIntervalS" INTEGER
);
INSERT INTO "new_Source" ("budgetPerMinute", "budgetRaised", "budgetReserve", "createdAt", "demo", "enabled", "id", "kind", "name", "passwordCipher", "pollIntervalS", "replyCap", "replyCapChecked", "selectItemsPerRequest", "settingsVersion", "site", "timeoutMs", "tlsCaPem", "tlsMode", "updatedAt", "urls", "username") SELECT "budgetPerMinute", "budgetRaised", "budgetReserve", "createdAt", "demo", "enabled", "id", "kind", "name", "passwordCipher", "pollIntervalS", "replyCap", "replyCapChecked", "selectItemsPerRequest", "settingsVersion", "site", "timeoutMs", "tlsCaPem", "tlsMode", "updatedAt", "urls", "username" FROM "Source";
DROP TABLE "Source";
ALTER TABLE "new_Source" RENAME TO "Source";
CREATE UNIQUE INDEX "Source_name_key" ON "Source"("name");
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
    "devicePool" TEXT NOT NULL DEFAULT '',
    "location" TEXT NOT NULL DEFAULT '',
    "effectiveChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leftRegisteredAt" DATETIME,
    CONSTRAINT "Device_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Device" ("description", "detail", "deviceClass", "dnIndex", "effectiveChangedAt", "effectiveStatus", "fallbackSourceId", "fingerprint", "firmware", "firstSeenAt", "id", "identity", "ipAddress", "ipv6Address", "keyPhone", "leftRegisteredAt", "lineCount", "lines", "listing", "mac", "missing", "model", "name", "node", "primaryDn", "protocol", "registrationStatus", "site", "sourceId", "statusChangedAt", "statusReason", "updatedAt", "userName") SELECT "description", "detail", "deviceClass", "dnIndex", "effectiveChangedAt", "effectiveStatus", "fallbackSourceId", "fingerprint", "firmware", "firstSeenAt", "id", "identity", "ipAddress", "ipv6Address", "keyPhone", "leftRegisteredAt", "lineCount", "lines", "listing", "mac", "missing", "model", "name", "node", "primaryDn", "protocol", "registrationStatus", "site", "sourceId", "statusChangedAt", "statusReason", "updatedAt", "userName" FROM "Device";
DROP TABLE "Device";
ALTER TABLE "new_Device" RENAME TO "Device";
CREATE INDEX "Device_registrationStatus_idx" ON "Device"("registrationStatus");
CREATE INDEX "Device_mac_idx" ON "Device"("mac");
CREATE INDEX "Device_name_idx" ON "Device"("name");
CREATE INDEX "Device_ipAddress_idx" ON "Device"("ipAddress");
CREATE INDEX "Device_sourceId_registrationStatus_model_protocol_missing_deviceClass_idx" ON "Device"("sourceId", "registrationStatus", "model", "protocol", "missing", "deviceClass");
CREATE INDEX "Device_name_sourceId_id_listing_effectiveStatus_site_model_protocol_keyPhone_description_userName_dnIndex_ipAddress_mac_deviceClass_idx" ON "Device"("name", "sourceId", "id", "listing", "effectiveStatus", "site", "model", "protocol", "keyPhone", "description", "userName", "dnIndex", "ipAddress", "mac", "deviceClass");
CREATE INDEX "Device_effectiveStatus_name_sourceId_id_listing_deviceClass_idx" ON "Device"("effectiveStatus", "name", "sourceId", "id", "listing", "deviceClass");
CREATE INDEX "Device_effectiveStatus_site_model_protocol_listing_deviceClass_idx" ON "Device"("effectiveStatus", "site", "model", "protocol", "listing", "deviceClass");
CREATE INDEX "Device_statusChangedAt_listing_deviceClass_idx" ON "Device"("statusChangedAt", "listing", "deviceClass");
CREATE INDEX "Device_identity_idx" ON "Device"("identity");
CREATE INDEX "Device_site_listing_leftRegisteredAt_idx" ON "Device"("site", "listing", "leftRegisteredAt");
CREATE INDEX "Device_primaryDn_idx" ON "Device"("primaryDn");
CREATE UNIQUE INDEX "Device_sourceId_name_key" ON "Device"("sourceId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ConfiguredDevice_sourceId_name_key" ON "ConfiguredDevice"("sourceId", "name");

