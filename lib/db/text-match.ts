// Case-insensitive substring filters that work on both databases: SQLite's LIKE already ignores
// ASCII case (and Prisma's SQLite client has no `mode`), PostgreSQL needs ILIKE. Prisma sends ILIKE
// on the plain column, which PostgreSQL's trigram indexes answer (migration *_search_trigram);
// lower(column) LIKE would need expression indexes instead.
import { dbProvider } from "./client";

export function containsText(value: string): { contains: string } {
  return (dbProvider() === "postgresql" ? { contains: value, mode: "insensitive" } : { contains: value }) as {
    contains: string;
  };
}
