-- AlterTable
ALTER TABLE "TrendSample" ADD COLUMN     "samples" INTEGER NOT NULL DEFAULT 1;

