-- DropIndex
DROP INDEX "Device_name_sourceId_id_missing_registrationStatus_model_pr_idx";

-- DropIndex
DROP INDEX "Device_registrationStatus_name_sourceId_id_missing_idx";

-- DropIndex
DROP INDEX "Device_statusChangedAt_missing_idx";

-- AlterTable
ALTER TABLE "SourceHealth" ADD COLUMN     "effectiveFresh" BOOLEAN;

-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "effectiveChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "effectiveStatus" TEXT NOT NULL DEFAULT 'unknown',
ADD COLUMN     "fallbackSourceId" TEXT,
ADD COLUMN     "identity" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "leftRegisteredAt" TIMESTAMP(3),
ADD COLUMN     "listing" TEXT NOT NULL DEFAULT 'shadow',
ADD COLUMN     "site" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "SiteRule" (
    "id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "site" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SiteRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SiteEvent" (
    "id" TEXT NOT NULL,
    "site" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "phones" INTEGER NOT NULL,
    "peakOut" INTEGER NOT NULL,
    "out" INTEGER NOT NULL,
    "inFallback" INTEGER NOT NULL DEFAULT 0,
    "peakInFallback" INTEGER NOT NULL DEFAULT 0,
    "fallbackRouters" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SiteEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SiteEvent_site_startedAt_idx" ON "SiteEvent"("site", "startedAt");

-- CreateIndex
CREATE INDEX "SiteEvent_endedAt_startedAt_idx" ON "SiteEvent"("endedAt", "startedAt");

-- CreateIndex
CREATE INDEX "SiteEvent_startedAt_idx" ON "SiteEvent"("startedAt");

-- CreateIndex
CREATE INDEX "Device_name_sourceId_id_listing_effectiveStatus_site_model__idx" ON "Device"("name", "sourceId", "id", "listing", "effectiveStatus", "site", "model", "protocol", "keyPhone", "description", "userName", "dnIndex", "ipAddress", "mac");

-- CreateIndex
CREATE INDEX "Device_effectiveStatus_name_sourceId_id_listing_idx" ON "Device"("effectiveStatus", "name", "sourceId", "id", "listing");

-- CreateIndex
CREATE INDEX "Device_effectiveStatus_site_model_protocol_listing_idx" ON "Device"("effectiveStatus", "site", "model", "protocol", "listing");

-- CreateIndex
CREATE INDEX "Device_statusChangedAt_listing_idx" ON "Device"("statusChangedAt", "listing");

-- CreateIndex
CREATE INDEX "Device_identity_idx" ON "Device"("identity");

-- CreateIndex
CREATE INDEX "Device_site_listing_leftRegisteredAt_idx" ON "Device"("site", "listing", "leftRegisteredAt");


-- Backfill: every stored record gets its identity; the effective states are worked out at the next start.
UPDATE "Device" SET "identity" = CASE WHEN "mac" IS NOT NULL THEN 'mac:' || "mac" ELSE 'name:' || UPPER("name") END;
