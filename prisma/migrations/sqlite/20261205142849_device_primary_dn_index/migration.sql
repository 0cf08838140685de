-- CreateIndex
CREATE INDEX "Device_primaryDn_idx" ON "Device"("primaryDn");

