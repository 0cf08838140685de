-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "axlEnabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "axlPasswordCipher" TEXT,
ADD COLUMN     "axlUsername" TEXT,
ADD COLUMN     "configuredIntervalS" INTEGER;

-- AlterTable
ALTER TABLE "SourceHealth" ADD COLUMN     "configuredCount" INTEGER,
ADD COLUMN     "configuredError" TEXT,
ADD COLUMN     "configuredReadAt" TIMESTAMP(3),
ADD COLUMN     "configuredRequestedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "devicePool" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "location" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "ConfiguredDevice" (
    "id" TEXT NOT NULL,
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
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConfiguredDevice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConfiguredDevice_sourceId_name_key" ON "ConfiguredDevice"("sourceId", "name");

-- AddForeignKey
ALTER TABLE "ConfiguredDevice" ADD CONSTRAINT "ConfiguredDevice_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

