-- CreateTable
CREATE TABLE "WorkRequest" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "input" TEXT NOT NULL DEFAULT '{}',
    "actor" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "result" TEXT,
    "progress" TEXT,
    "claimedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "WorkRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Worker" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL DEFAULT '',
    "pid" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "beatAt" TIMESTAMP(3) NOT NULL,
    "polling" INTEGER NOT NULL DEFAULT 0,
    "detail" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "Worker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InventorySummary" (
    "key" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InventorySummary_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "WorkRequest_status_createdAt_idx" ON "WorkRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "WorkRequest_kind_createdAt_idx" ON "WorkRequest"("kind", "createdAt");

