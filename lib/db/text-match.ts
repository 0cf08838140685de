// Case-insensitive substring filters that work on both databases: SQLite's LIKE already ignores
// ASCII case (and Prisma's SQLite client has no `mode`), PostgreSQL needs ILIKE.
import { dbProvider } from "./client";

export function containsText(value: string): { contains: string } {
  return (dbProvider() === "postgresql" ? { contains: value, mode: "insensitive" } : { contains: value }) as {
    contains: string;
  };
}
