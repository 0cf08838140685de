// Prisma's error codes that the data layer turns into answers, in one place. The driver adapters
// raise them as PrismaClientKnownRequestError; errors rebuilt from the SQLite thread carry the
// code alone (sqlite-adapter.ts), so both are recognised.
import { Prisma } from "./generated/sqlite/client";

function hasCode(error: unknown, code: string): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError
    ? error.code === code
    : (error as { code?: string } | null)?.code === code;
}

/** A unique constraint refused the write (P2002): the name or key is taken. */
export const isUniqueViolation = (error: unknown): boolean => hasCode(error, "P2002");
