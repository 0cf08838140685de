-- AlterTable
ALTER TABLE "Poll" ADD COLUMN     "complete" BOOLEAN,
ADD COLUMN     "incompleteReason" TEXT;

-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "replyCapChecked" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "budgetRaised" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "selectItemsPerRequest" INTEGER;

-- CreateTable
CREATE TABLE "UserSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
