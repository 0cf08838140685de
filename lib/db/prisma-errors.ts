// Prisma's error codes that the data layer turns into answers, in one place. The driver adapters
// raise them as PrismaClientKnownRequestError; errors rebuilt from the SQLite thread carry the
// code alone (sqlite-adapter.ts), so both are recognised.
import { Prisma } from "./generated/sqlite/client";

/** A unique constraint refused the write (P2002): the name or key is taken. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError
    ? error.code === "P2002"
    : (error as { code?: string } | null)?.code === "P2002";
}
