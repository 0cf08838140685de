-- AlterTable
ALTER TABLE "Poll" ADD COLUMN "complete" BOOLEAN;
ALTER TABLE "Poll" ADD COLUMN "incompleteReason" TEXT;

-- AlterTable
ALTER TABLE "Source" ADD COLUMN "replyCapChecked" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Source" ADD COLUMN "budgetRaised" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Source" ADD COLUMN "selectItemsPerRequest" INTEGER;

-- CreateTable
CREATE TABLE "UserSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");
