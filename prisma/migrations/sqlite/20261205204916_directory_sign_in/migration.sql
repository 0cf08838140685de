-- CreateTable
CREATE TABLE "DirectoryRoleRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "position" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "groupName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- AlterTable: columns added in place. Prisma's generated form rebuilt "User" (create, copy, DROP
-- TABLE); migrations run inside a transaction, where PRAGMA foreign_keys=OFF has no effect, so the
-- drop would have cascaded to every UserSession and cleared ApiToken.createdById.
ALTER TABLE "User" ADD COLUMN "authSource" TEXT NOT NULL DEFAULT 'local';
ALTER TABLE "User" ADD COLUMN "externalId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "User_authSource_externalId_key" ON "User"("authSource", "externalId");

-- CreateIndex
CREATE INDEX "DirectoryRoleRule_position_idx" ON "DirectoryRoleRule"("position");
