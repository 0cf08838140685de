-- AlterTable
ALTER TABLE "User" ADD COLUMN     "authSource" TEXT NOT NULL DEFAULT 'local',
ADD COLUMN     "externalId" TEXT;

-- CreateTable
CREATE TABLE "DirectoryRoleRule" (
    "id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "groupName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DirectoryRoleRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DirectoryRoleRule_position_idx" ON "DirectoryRoleRule"("position");

-- CreateIndex
CREATE UNIQUE INDEX "User_authSource_externalId_key" ON "User"("authSource", "externalId");

