-- Trigram indexes for the phones list's free-text search (issue #16): every search word is an OR of
-- LIKE / ILIKE '%word%' over these columns (lib/db/phones.ts), which without them is a sequential
-- scan of every device. GIN gin_trgm_ops indexes answer both LIKE and ILIKE on the plain column,
-- and the planner ORs them together (BitmapOr) once the word has three or more characters.
--
-- Written by hand, and PostgreSQL only: Prisma's schema cannot express an extension's operator
-- class, and `node scripts/db-new-migration.mjs` diffs two schema files (not the database), so it
-- never proposes dropping these. SQLite has no counterpart (no migration directory needs one):
-- it answers the search by reading the covering name index (prisma/schema.prisma) in name order.
--
-- pg_trgm ships with PostgreSQL and is a trusted extension since PostgreSQL 13, so a database
-- owner may create it. Where it cannot be had (a managed server that does not offer it, a role
-- without the right), the migration still succeeds without the indexes: search gives the same
-- answers, only by a scan. To add them later, create the extension as a role that may, then run
-- this block again by hand.
DO $$
DECLARE
  trgm_schema name;
  col text;
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%: %): phone search works without its indexes, only slower.',
      SQLSTATE, SQLERRM;
    RETURN;
  END;
  -- The extension may already live in another schema (some managed services keep extensions in
  -- their own): name its operator class with that schema.
  SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
  FOREACH col IN ARRAY ARRAY['name', 'description', 'userName', 'dnIndex', 'ipAddress', 'mac'] LOOP
    EXECUTE format(
      'CREATE INDEX IF NOT EXISTS %I ON "Device" USING gin (%I %I.gin_trgm_ops)',
      'Device_' || col || '_trgm_idx', col, trgm_schema
    );
    -- The list pages in name order: unless the planner sees that a word is rare, it walks the name
    -- index hoping to meet 50 matches early, which for a rare word reads most of the table (q=1001:
    -- 62,000 rows, 0.9 s at 100,000 devices). A histogram of 1,000 values instead of 100 estimates
    -- '%word%' from ten times the sample, so rare words take the trigram indexes (measured: 0.7 ms).
    EXECUTE format('ALTER TABLE "Device" ALTER COLUMN %I SET STATISTICS 1000', col);
  END LOOP;
END
$$;
