-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "outcome" TEXT NOT NULL,
    "requestId" TEXT,
    "ip" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "RisportRequest" (
    "id" SERIAL NOT NULL,
    "clusterId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RisportRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RisportBudget" (
    "clusterId" TEXT NOT NULL,
    "pausedUntil" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RisportBudget_pkey" PRIMARY KEY ("clusterId")
);

-- CreateTable
CREATE TABLE "Source" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceHealth" (
    "sourceId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'unknown',
    "lastAttemptAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextPollAt" TIMESTAMP(3),
    "breakerUntil" TIMESTAMP(3),
    "authFailedVersion" INTEGER,
    "memory" TEXT NOT NULL DEFAULT '{}',
    "leaseHolder" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),

    CONSTRAINT "SourceHealth_pkey" PRIMARY KEY ("sourceId")
);

-- CreateTable
CREATE TABLE "Device" (
    "id" TEXT NOT NULL,
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
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Extension" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "secondaryNumber" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT '',
    "callStatus" TEXT NOT NULL DEFAULT '',
    "lineMode" TEXT NOT NULL DEFAULT '',
    "firstName" TEXT NOT NULL DEFAULT '',
    "lastName" TEXT NOT NULL DEFAULT '',
    "forwardAll" TEXT NOT NULL DEFAULT '',
    "devices" TEXT NOT NULL DEFAULT '[]',
    "detail" TEXT NOT NULL DEFAULT '{}',
    "fingerprint" TEXT NOT NULL,
    "missing" BOOLEAN NOT NULL DEFAULT false,
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Extension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CtiApp" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "node" TEXT NOT NULL DEFAULT '',
    "devices" TEXT NOT NULL DEFAULT '[]',
    "lines" TEXT NOT NULL DEFAULT '[]',
    "detail" TEXT NOT NULL DEFAULT '{}',
    "fingerprint" TEXT NOT NULL,
    "missing" BOOLEAN NOT NULL DEFAULT false,
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CtiApp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "sourceId" TEXT NOT NULL,
    "pollId" TEXT,
    "subjectKind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "reason" TEXT,

    CONSTRAINT "ChangeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RouterEvent" (
    "id" SERIAL NOT NULL,
    "sourceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "routerTime" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT '',
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RouterEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Poll" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "devices" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "registered" INTEGER NOT NULL DEFAULT 0,
    "unregistered" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "partiallyRegistered" INTEGER NOT NULL DEFAULT 0,
    "unknown" INTEGER NOT NULL DEFAULT 0,
    "missing" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Poll_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actor_at_idx" ON "AuditEvent"("actor", "at");

-- CreateIndex
CREATE INDEX "RisportRequest_clusterId_at_idx" ON "RisportRequest"("clusterId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Source_name_key" ON "Source"("name");

-- CreateIndex
CREATE INDEX "Device_registrationStatus_idx" ON "Device"("registrationStatus");

-- CreateIndex
CREATE INDEX "Device_mac_idx" ON "Device"("mac");

-- CreateIndex
CREATE INDEX "Device_name_idx" ON "Device"("name");

-- CreateIndex
CREATE INDEX "Device_ipAddress_idx" ON "Device"("ipAddress");

-- CreateIndex
CREATE INDEX "Device_sourceId_registrationStatus_model_protocol_missing_idx" ON "Device"("sourceId", "registrationStatus", "model", "protocol", "missing");

-- CreateIndex
CREATE INDEX "Device_name_sourceId_id_missing_registrationStatus_model_pr_idx" ON "Device"("name", "sourceId", "id", "missing", "registrationStatus", "model", "protocol", "keyPhone", "description", "userName", "dnIndex", "ipAddress", "mac");

-- CreateIndex
CREATE INDEX "Device_registrationStatus_name_sourceId_id_missing_idx" ON "Device"("registrationStatus", "name", "sourceId", "id", "missing");

-- CreateIndex
CREATE INDEX "Device_statusChangedAt_missing_idx" ON "Device"("statusChangedAt", "missing");

-- CreateIndex
CREATE UNIQUE INDEX "Device_sourceId_name_key" ON "Device"("sourceId", "name");

-- CreateIndex
CREATE INDEX "Extension_number_idx" ON "Extension"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Extension_sourceId_key_key" ON "Extension"("sourceId", "key");

-- CreateIndex
CREATE INDEX "CtiApp_status_idx" ON "CtiApp"("status");

-- CreateIndex
CREATE UNIQUE INDEX "CtiApp_sourceId_appId_key" ON "CtiApp"("sourceId", "appId");

-- CreateIndex
CREATE INDEX "ChangeEvent_sourceId_at_idx" ON "ChangeEvent"("sourceId", "at");

-- CreateIndex
CREATE INDEX "ChangeEvent_subject_at_idx" ON "ChangeEvent"("subject", "at");

-- CreateIndex
CREATE INDEX "ChangeEvent_at_idx" ON "ChangeEvent"("at");

-- CreateIndex
CREATE INDEX "ChangeEvent_subjectKind_change_at_sourceId_subject_idx" ON "ChangeEvent"("subjectKind", "change", "at", "sourceId", "subject");

-- CreateIndex
CREATE INDEX "RouterEvent_sourceId_receivedAt_idx" ON "RouterEvent"("sourceId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RouterEvent_sourceId_kind_eventId_routerTime_key" ON "RouterEvent"("sourceId", "kind", "eventId", "routerTime");

-- CreateIndex
CREATE INDEX "Poll_sourceId_startedAt_idx" ON "Poll"("sourceId", "startedAt");

-- CreateIndex
CREATE INDEX "Poll_startedAt_idx" ON "Poll"("startedAt");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceHealth" ADD CONSTRAINT "SourceHealth_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Extension" ADD CONSTRAINT "Extension_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CtiApp" ADD CONSTRAINT "CtiApp_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeEvent" ADD CONSTRAINT "ChangeEvent_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RouterEvent" ADD CONSTRAINT "RouterEvent_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

