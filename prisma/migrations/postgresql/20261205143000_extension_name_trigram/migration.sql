-- Trigram indexes on the names of directory numbers (issue #17): a phones search for a person's
-- name ("Ivan") first finds the numbers whose ephone-dn or SIP dn carries that name, then the
-- phones on those numbers. Without these, that first step is a scan of every extension.
-- Written by hand and PostgreSQL only, like 20261204220500_search_trigram: without pg_trgm the
-- migration still succeeds and the search gives the same answers by a scan.
DO $$
DECLARE
  trgm_schema name;
  col text;
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%: %): name search works without its indexes, only slower.',
      SQLSTATE, SQLERRM;
    RETURN;
  END;
  SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
  FOREACH col IN ARRAY ARRAY['firstName', 'lastName'] LOOP
    EXECUTE format(
      'CREATE INDEX IF NOT EXISTS %I ON "Extension" USING gin (%I %I.gin_trgm_ops)',
      'Extension_' || col || '_trgm_idx', col, trgm_schema
    );
  END LOOP;
END
$$;
