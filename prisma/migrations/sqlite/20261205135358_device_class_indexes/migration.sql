-- DropIndex
DROP INDEX "Device_sourceId_registrationStatus_model_protocol_missing_idx";

-- DropIndex
DROP INDEX "Device_name_sourceId_id_listing_effectiveStatus_site_model_protocol_keyPhone_description_userName_dnIndex_ipAddress_mac_idx";

-- DropIndex
DROP INDEX "Device_effectiveStatus_name_sourceId_id_listing_idx";

-- DropIndex
DROP INDEX "Device_effectiveStatus_site_model_protocol_listing_idx";

-- DropIndex
DROP INDEX "Device_statusChangedAt_listing_idx";

-- CreateIndex
CREATE INDEX "Device_sourceId_registrationStatus_model_protocol_missing_deviceClass_idx" ON "Device"("sourceId", "registrationStatus", "model", "protocol", "missing", "deviceClass");

-- CreateIndex
CREATE INDEX "Device_name_sourceId_id_listing_effectiveStatus_site_model_protocol_keyPhone_description_userName_dnIndex_ipAddress_mac_deviceClass_idx" ON "Device"("name", "sourceId", "id", "listing", "effectiveStatus", "site", "model", "protocol", "keyPhone", "description", "userName", "dnIndex", "ipAddress", "mac", "deviceClass");

-- CreateIndex
CREATE INDEX "Device_effectiveStatus_name_sourceId_id_listing_deviceClass_idx" ON "Device"("effectiveStatus", "name", "sourceId", "id", "listing", "deviceClass");

-- CreateIndex
CREATE INDEX "Device_effectiveStatus_site_model_protocol_listing_deviceClass_idx" ON "Device"("effectiveStatus", "site", "model", "protocol", "listing", "deviceClass");

-- CreateIndex
CREATE INDEX "Device_statusChangedAt_listing_deviceClass_idx" ON "Device"("statusChangedAt", "listing", "deviceClass");

