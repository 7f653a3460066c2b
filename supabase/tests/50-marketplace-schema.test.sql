-- Marketplace schema: tables behind RLS, functions granted one by one, definer bodies only in
-- private with a pinned search_path, and the constraints that hold the invariants.
begin;
select plan(24);

select tests.rls_enabled('public');
select has_table('public', t, format('Table public.%s exists', t))
  from unnest(array['musician_profiles', 'client_profiles', 'media', 'gigs', 'gig_invites',
                    'applications', 'bookings', 'reviews']) t;

-- The RPCs: public wrappers run as the caller; the bodies run as definer in private, with ''
-- as search_path.
select is_empty(
  $$ select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.prosecdef
        and p.proname in ('publish_gig', 'close_gig', 'cancel_gig', 'apply_to_gig', 'shortlist_application',
                          'decline_application', 'withdraw_application', 'accept_application',
                          'complete_booking', 'cancel_booking', 'submit_review', 'search_gigs', 'distance_km') $$,
  'No marketplace function in public runs as security definer');
select is_empty(
  $$ select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'private' and p.prosecdef
        and not coalesce(p.proconfig @> array['search_path=""'], false) $$,
  'Every security definer function in private pins search_path to ''''');

select is(
  (select array_agg(f order by f) from unnest(array[
     'public.publish_gig(uuid)', 'public.close_gig(uuid)', 'public.cancel_gig(uuid)',
     'public.apply_to_gig(uuid, text, integer, jsonb, uuid[])', 'public.shortlist_application(uuid)',
     'public.decline_application(uuid)', 'public.withdraw_application(uuid)',
     'public.accept_application(uuid)', 'public.complete_booking(uuid)',
     'public.cancel_booking(uuid, text)', 'public.submit_review(uuid, integer, text)']) f
    where has_function_privilege('authenticated', f, 'execute')),
  array['public.accept_application(uuid)', 'public.apply_to_gig(uuid, text, integer, jsonb, uuid[])',
        'public.cancel_booking(uuid, text)', 'public.cancel_gig(uuid)', 'public.close_gig(uuid)',
        'public.complete_booking(uuid)', 'public.decline_application(uuid)', 'public.publish_gig(uuid)',
        'public.shortlist_application(uuid)', 'public.submit_review(uuid, integer, text)',
        'public.withdraw_application(uuid)'],
  'Signed-in users may call every state-changing function');
select is(
  (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'private') and has_function_privilege('anon', p.oid, 'execute')
      and p.proname in ('publish_gig', 'close_gig', 'cancel_gig', 'apply_to_gig', 'shortlist_application',
                        'decline_application', 'withdraw_application', 'accept_application',
                        'complete_booking', 'cancel_booking', 'submit_review', 'release_due_reviews')),
  0, 'An anonymous visitor may call none of them');
select ok(has_function_privilege('anon',
  'public.search_gigs(text, text[], text[], timestamptz, timestamptz, integer, integer, float8, float8, integer, boolean, text, jsonb, integer)',
  'execute'), 'An anonymous visitor may search gigs');
select ok(has_function_privilege('anon', 'public.distance_km(float8, float8, float8, float8)', 'execute'),
  'and compute distances');
select ok(not has_function_privilege('authenticated', 'private.release_due_reviews()', 'execute')
          and has_function_privilege('service_role', 'private.release_due_reviews()', 'execute'),
  'Only the server releases due reviews');

-- Column grants: what users may write.
select ok(not has_column_privilege('authenticated', 'public.musician_profiles', 'rating_avg', 'UPDATE')
          and not has_column_privilege('authenticated', 'public.musician_profiles', 'rating_count', 'INSERT'),
  'Ratings are not writable by users');
select ok(not has_column_privilege('authenticated', 'public.gigs', 'status', 'UPDATE')
          and not has_column_privilege('authenticated', 'public.gigs', 'published_at', 'INSERT'),
  'A gig''s state is not writable by users');
select ok(not has_table_privilege('authenticated', 'public.applications', 'INSERT')
          and not has_table_privilege('authenticated', 'public.bookings', 'INSERT')
          and not has_table_privilege('authenticated', 'public.reviews', 'INSERT'),
  'Applications, bookings and reviews are written only by functions');
select ok(not has_table_privilege('anon', 'public.applications', 'SELECT')
          and not has_table_privilege('anon', 'public.bookings', 'SELECT')
          and not has_table_privilege('anon', 'public.gig_invites', 'SELECT'),
  'An anonymous visitor cannot even ask for applications, bookings or invites');

-- Invariants held by constraints.
select is((select contype::text from pg_constraint where conname = 'bookings_starts_at_excl'), 'x',
  'An exclusion constraint keeps a musician''s live bookings apart');
select is((select indexdef like '%WHERE (status = ANY (ARRAY[''submitted''::text, ''shortlisted''::text, ''accepted''::text]))'
             from pg_indexes where indexname = 'applications_active_key'), true,
  'A partial unique index allows one active application per musician and gig');
select is((select extnamespace::regnamespace::text from pg_extension where extname = 'btree_gist'),
  'extensions', 'btree_gist is installed in schema extensions');
select is_empty(
  $$ select c.relname from pg_class c join pg_am a on a.oid = c.relam
      where a.amname = 'gin' and c.relnamespace = 'public'::regnamespace
        and c.relname in ('gigs_search_tsv_idx', 'gigs_title_trgm_idx', 'gigs_genres_idx',
                          'gigs_instruments_idx', 'musician_profiles_genres_idx',
                          'musician_profiles_instruments_idx')
        and not coalesce(c.reloptions @> array['fastupdate=off'], false) $$,
  'GIN indexes keep no pending list (nothing vacuums one in PGlite)');

select * from finish();
rollback;
