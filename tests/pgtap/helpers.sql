-- pgTAP helpers for acting as Supabase users, in the spirit of usebasejump/supabase-test-helpers.
-- Installed by tests/pgtap/run.ts into the test database only: never part of a migration, never on
-- a deployed database. Everything lives in the `tests` schema.

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

-- Tests switch roles mid-file, so every helper must stay callable as anon, authenticated and
-- service_role; nothing here is reachable outside a test run.
alter default privileges in schema tests grant execute on functions to anon, authenticated, service_role;

/*
 * tests.create_supabase_user(identifier text, email text default null, metadata jsonb default null)
 *   returns uuid
 * Signs a user up as Supabase Auth would (a row in auth.users, inserted by the table owner), so the
 * sign-up triggers run. `identifier` is a memorable handle ('alice') kept in the user metadata as
 * `test_identifier`; `metadata` is merged into the user metadata (display_name, is_client, ...).
 */
create or replace function tests.create_supabase_user(
  identifier text, email text default null, metadata jsonb default null
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  user_id uuid := gen_random_uuid();
begin
  insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data,
                          raw_user_meta_data, created_at, updated_at)
  values (
    user_id, 'authenticated', 'authenticated',
    coalesce(create_supabase_user.email, identifier || '@example.test'), now(),
    jsonb_build_object('provider', 'email', 'providers', jsonb_build_array('email')),
    jsonb_build_object('test_identifier', identifier) || coalesce(metadata, '{}'::jsonb),
    now(), now());
  return user_id;
end $$;

/*
 * tests.get_supabase_user(identifier text) returns jsonb
 * The user created as `identifier`: id, email and both metadata objects. Raises when unknown, so a
 * typo in a test fails loudly instead of authenticating as nobody.
 */
create or replace function tests.get_supabase_user(identifier text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  found jsonb;
begin
  select jsonb_build_object('id', u.id, 'email', u.email,
                            'user_metadata', coalesce(u.raw_user_meta_data, '{}'::jsonb),
                            'app_metadata', coalesce(u.raw_app_meta_data, '{}'::jsonb))
    into found
    from auth.users u
   where u.raw_user_meta_data ->> 'test_identifier' = identifier
   limit 1;
  if found is null then
    raise exception 'No test user with identifier "%": create it with tests.create_supabase_user',
      identifier;
  end if;
  return found;
end $$;

/*
 * tests.get_supabase_uid(identifier text) returns uuid
 * The id of the user created as `identifier`.
 */
create or replace function tests.get_supabase_uid(identifier text) returns uuid
language sql stable security definer set search_path = '' as $$
  select (tests.get_supabase_user(identifier) ->> 'id')::uuid
$$;

/*
 * tests.authenticate_as(identifier text) returns void
 * Acts as that user for the rest of the transaction, exactly as PostgREST does: role
 * `authenticated` and Supabase-shaped `request.jwt.claims`. Not security definer: Postgres forbids
 * setting the role inside one, and the role must outlive the call.
 */
create or replace function tests.authenticate_as(identifier text) returns void
language plpgsql set search_path = '' as $$
declare
  u jsonb := tests.get_supabase_user(identifier);
begin
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims', jsonb_build_object(
    'sub', u ->> 'id',
    'role', 'authenticated',
    'aud', 'authenticated',
    'email', u ->> 'email',
    'exp', extract(epoch from now() + interval '1 hour')::bigint,
    'app_metadata', u -> 'app_metadata',
    'user_metadata', u -> 'user_metadata')::text, true);
end $$;

/*
 * tests.authenticate_as_service_role() returns void
 * Acts as the server (service_role, which bypasses RLS) for the rest of the transaction.
 */
create or replace function tests.authenticate_as_service_role() returns void
language plpgsql set search_path = '' as $$
begin
  perform set_config('role', 'service_role', true);
  perform set_config('request.jwt.claims', '{"role": "service_role"}', true);
end $$;

/*
 * tests.clear_authentication() returns void
 * Acts as a visitor who is not signed in: role anon, no claims.
 */
create or replace function tests.clear_authentication() returns void
language plpgsql set search_path = '' as $$
begin
  perform set_config('role', 'anon', true);
  perform set_config('request.jwt.claims', null, true);
end $$;

-- The two assertions below pin search_path to `extensions`, not '': pgTAP's own functions call
-- each other unqualified.

/*
 * tests.rls_enabled(testing_schema text) returns text (one pgTAP assertion)
 * Passes when every table in the schema (plain and partitioned) has row level security enabled;
 * the failure lists the tables without it.
 */
create or replace function tests.rls_enabled(testing_schema text) returns text
language sql stable set search_path = extensions as $$
  select extensions.is(
    (select coalesce(array_agg(c.relname::text order by c.relname), '{}')
       from pg_catalog.pg_class c
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = testing_schema and c.relkind in ('r', 'p') and not c.relrowsecurity),
    '{}'::text[],
    format('Every table in schema %s has row level security enabled', testing_schema))
$$;

/*
 * tests.rls_enabled(testing_schema text, testing_table text) returns text (one pgTAP assertion)
 * Passes when that table exists and has row level security enabled.
 */
create or replace function tests.rls_enabled(testing_schema text, testing_table text) returns text
language sql stable set search_path = extensions as $$
  select extensions.ok(
    coalesce((select c.relrowsecurity
                from pg_catalog.pg_class c
                join pg_catalog.pg_namespace n on n.oid = c.relnamespace
               where n.nspname = testing_schema and c.relname = testing_table), false),
    format('Table %s.%s has row level security enabled', testing_schema, testing_table))
$$;

/*
 * tests.create_booking_cast() returns void
 * The people of the booking and payment tests: `venue` (a client), `maya` (a published
 * musician, "Maya Ortiz"), `mallory` (a stranger to every booking) and `judge` (an admin).
 */
create or replace function tests.create_booking_cast() returns void
language plpgsql set search_path = '' as $$
declare
  v_maya uuid;
  v_judge uuid;
begin
  perform tests.create_supabase_user('venue', null, '{"is_client": true, "is_musician": false}');
  v_maya := tests.create_supabase_user('maya');
  perform tests.create_supabase_user('mallory');
  -- The ids as returned: the stable lookups see this function's writes only after it returns.
  v_judge := tests.create_supabase_user('judge');
  update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role": "admin"}'
   where id = v_judge;
  insert into public.musician_profiles (id, stage_name, published)
  values (v_maya, 'Maya Ortiz', true);
end $$;

/*
 * tests.create_booking(p_title text, p_days integer, p_fee_minor integer) returns uuid
 * A confirmed booking of maya's for the venue (tests.create_booking_cast()): a published gig in
 * Lisbon `p_days` ahead, her application at `p_fee_minor`, the venue's accept, each made by its
 * own user. Leaves the transaction acting as the venue.
 */
create or replace function tests.create_booking(
  p_title text, p_days integer, p_fee_minor integer default 50000
) returns uuid
language plpgsql set search_path = '' as $$
declare
  v_gig uuid := gen_random_uuid();
  v_application uuid;
begin
  perform tests.authenticate_as_service_role();
  insert into public.gigs (id, client_id, title, description, genres, starts_at, duration_minutes,
                           city, budget_max_minor, status, published_at, apply_by)
  values (v_gig, tests.get_supabase_uid('venue'), p_title,
          'Two sets of jazz standards in a listening room.', '{jazz}',
          now() + make_interval(days => p_days), 120, 'Lisbon', 60000, 'published', now(),
          now() + make_interval(days => p_days - 1));
  perform tests.authenticate_as('maya');
  select id into v_application
    from public.apply_to_gig(v_gig, 'Maya for your night, trio or solo.', p_fee_minor);
  perform tests.authenticate_as('venue');
  return (select id from public.accept_application(v_application));
end $$;
