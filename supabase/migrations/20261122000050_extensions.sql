-- Extensions the schema uses that Supabase's image does not pre-create (it has uuid-ossp,
-- pgcrypto, pgjwt, pg_stat_statements, pgsodium, pg_graphql, supabase_vault): pgvector for the
-- matching vectors, pg_trgm for typo-tolerant search. In the extensions schema, as Supabase does.
-- Versioned before the migrations that use them, so `supabase db reset` and `db push` on a new
-- project create them first.
create extension if not exists vector with schema extensions;
create extension if not exists pg_trgm with schema extensions;
