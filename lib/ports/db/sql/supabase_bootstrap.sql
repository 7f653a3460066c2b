-- Supabase-compatible bootstrap for the embedded platform (PGlite or a plain Postgres).
-- Provides what Supabase's image provides before migrations run, and nothing the image lacks
-- (extensions the schema needs are created by migrations). Never applied on Supabase.
-- Idempotent: safe to run on every boot.
--
-- Two parts, split at the `@services` line below. The first stands in for Supabase's image (roles,
-- the extensions schema, grants). The second stands in for what Supabase's services create (Auth,
-- Storage, Realtime): the real-Postgres tier (scripts/postgres/) applies Supabase's own image SQL
-- and then only that second part, so it must also bring the image's legacy auth and storage
-- tables up to the shape the services' own migrations give them.

do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then create role anon nologin noinherit; end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then create role authenticated nologin noinherit; end if;
  if not exists (select from pg_roles where rolname = 'service_role') then create role service_role nologin noinherit bypassrls; end if;
  if not exists (select from pg_roles where rolname = 'authenticator') then create role authenticator noinherit login; end if;
  if not exists (select from pg_roles where rolname = 'supabase_admin') then create role supabase_admin superuser createdb createrole replication bypassrls login; end if;
  if not exists (select from pg_roles where rolname = 'supabase_auth_admin') then create role supabase_auth_admin noinherit createrole login; end if;
  if not exists (select from pg_roles where rolname = 'supabase_storage_admin') then create role supabase_storage_admin noinherit createrole login; end if;
end $$;

grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to current_user;

create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role;
create extension if not exists pgcrypto with schema extensions;

grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;

-- @services: Supabase Auth, Storage and Realtime create what follows. ---------------------------------

-- auth ---------------------------------------------------------------------------------------------
create schema if not exists auth authorization supabase_admin;
grant usage on schema auth to anon, authenticated, service_role;
-- Supabase Auth's role owns its tables, so it must reach them (foreign keys to auth.users run
-- their checks as that owner).
grant all on schema auth to supabase_auth_admin;

create table if not exists auth.users (
  instance_id uuid,
  id uuid primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  phone text unique,
  banned_until timestamptz,
  deleted_at timestamptz,
  is_anonymous boolean not null default false
);
-- The image's legacy table (init script 00000000000001) as Supabase Auth's migrations reshape it:
-- confirmed_at became email_confirmed_at, then the columns below were added.
do $$
begin
  if not exists (select from information_schema.columns
                 where table_schema = 'auth' and table_name = 'users'
                   and column_name = 'email_confirmed_at') then
    alter table auth.users rename column confirmed_at to email_confirmed_at;
  end if;
  if exists (select from information_schema.columns
             where table_schema = 'auth' and table_name = 'users'
               and column_name = 'email_change_token') then
    alter table auth.users rename column email_change_token to email_change_token_new;
  end if;
end $$;
alter table auth.users
  add column if not exists confirmation_sent_at timestamptz,
  add column if not exists email_change varchar(255),
  add column if not exists email_change_token_new varchar(255),
  add column if not exists email_change_sent_at timestamptz,
  add column if not exists phone text,
  add column if not exists banned_until timestamptz,
  add column if not exists deleted_at timestamptz,
  add column if not exists is_anonymous boolean not null default false;
alter table auth.users alter column created_at set default now(),
  alter column updated_at set default now();
-- Owned by the role Supabase Auth connects as, as on Supabase.
alter table auth.users owner to supabase_auth_admin;
create unique index if not exists users_email_partial_key on auth.users (lower(email)) where email is not null;
create unique index if not exists users_phone_key on auth.users (phone);

create table if not exists auth.refresh_tokens (
  id bigserial primary key,
  token varchar(255) unique,
  user_id varchar(255),
  revoked boolean default false,
  parent varchar(255),
  session_id uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);
alter table auth.refresh_tokens
  add column if not exists parent varchar(255),
  add column if not exists session_id uuid;
alter table auth.refresh_tokens owner to supabase_auth_admin;

create or replace function auth.uid() returns uuid language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;
create or replace function auth.role() returns text language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;
create or replace function auth.email() returns text language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;
create or replace function auth.jwt() returns jsonb language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;
alter function auth.uid() owner to supabase_auth_admin;
alter function auth.role() owner to supabase_auth_admin;
alter function auth.email() owner to supabase_auth_admin;
alter function auth.jwt() owner to supabase_auth_admin;
grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt() to anon, authenticated, service_role;
grant select on auth.users to service_role;

-- storage ------------------------------------------------------------------------------------------
create schema if not exists storage authorization supabase_admin;
grant usage on schema storage to anon, authenticated, service_role;
grant all on schema storage to supabase_storage_admin;

create table if not exists storage.buckets (
  id text primary key,
  name text not null unique,
  owner uuid,
  owner_id text,
  public boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);
create table if not exists storage.objects (
  id uuid primary key default gen_random_uuid(),
  bucket_id text references storage.buckets (id),
  name text,
  owner uuid,
  owner_id text,
  metadata jsonb,
  user_metadata jsonb,
  version text,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now()
);
-- The image's legacy tables (init script 00000000000002) as Supabase Storage's migrations reshape them.
alter table storage.buckets
  add column if not exists owner_id text,
  add column if not exists public boolean default false,
  add column if not exists file_size_limit bigint,
  add column if not exists allowed_mime_types text[];
alter table storage.objects
  add column if not exists owner_id text,
  add column if not exists user_metadata jsonb,
  add column if not exists version text,
  add column if not exists path_tokens text[] generated always as (string_to_array(name, '/')) stored;
create unique index if not exists bucketid_objname on storage.objects (bucket_id, name);
-- Owned by the role Supabase Storage connects as, as on Supabase.
alter table storage.buckets owner to supabase_storage_admin;
alter table storage.objects owner to supabase_storage_admin;
alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;
grant all on storage.buckets, storage.objects to anon, authenticated, service_role;

create or replace function storage.foldername(name text) returns text[] language plpgsql immutable as $$
declare _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[1:array_length(_parts, 1) - 1];
end $$;
create or replace function storage.filename(name text) returns text language plpgsql immutable as $$
declare _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[array_length(_parts, 1)];
end $$;
create or replace function storage.extension(name text) returns text language plpgsql immutable as $$
declare _parts text[]; _filename text;
begin
  select string_to_array(name, '/') into _parts;
  select _parts[array_length(_parts, 1)] into _filename;
  return reverse(split_part(reverse(_filename), '.', 1));
end $$;
grant execute on function storage.foldername(text), storage.filename(text), storage.extension(text) to anon, authenticated, service_role;

-- realtime -----------------------------------------------------------------------------------------
-- Broadcast from the database as Supabase's realtime.send() does; embedded delivery is NOTIFY.
create schema if not exists realtime authorization supabase_admin;
grant usage on schema realtime to anon, authenticated, service_role;
-- Realtime's own migrations move its tables to this role and make `postgres` a member, which is
-- what lets a project's migrations (run as `postgres`) write policies on realtime.messages.
do $$
begin
  if not exists (select from pg_roles where rolname = 'supabase_realtime_admin') then
    create role supabase_realtime_admin nologin noreplication;
  end if;
  if exists (select from pg_roles where rolname = 'postgres') then
    grant supabase_realtime_admin to postgres;
  end if;
end $$;
grant all on schema realtime to supabase_realtime_admin;
create table if not exists realtime.messages (
  id uuid not null default gen_random_uuid(),
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  inserted_at timestamp not null default now(),
  updated_at timestamp not null default now(),
  constraint messages_pkey primary key (id, inserted_at)
);
alter table realtime.messages owner to supabase_realtime_admin;
alter table realtime.messages enable row level security;
grant select, insert on realtime.messages to authenticated, anon;
grant all on realtime.messages to service_role;

create or replace function realtime.topic() returns text language sql stable as $$
  select nullif(current_setting('realtime.topic', true), '')::text
$$;
alter function realtime.topic() owner to supabase_realtime_admin;
grant execute on function realtime.topic() to anon, authenticated, service_role;

-- NOTIFY payloads must stay under 8000 bytes, and an oversized one would abort the sender's whole
-- transaction. Such a message is stored in realtime.messages (as Supabase's realtime.send stores
-- every message) and only its id is notified; the embedded hub reads the payload back by id.
-- Stored rows older than an hour are pruned here, cheaply, since the hub reads them at once.
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void language plpgsql security definer set search_path = '' as $$
declare
  msg text := jsonb_build_object(
    'topic', send.topic, 'event', send.event, 'payload', send.payload, 'private', send.private)::text;
  stored_id uuid;
begin
  if octet_length(msg) <= 7900 then
    perform pg_notify('realtime', msg);
    return;
  end if;
  delete from realtime.messages m
    where m.extension = 'broadcast' and m.inserted_at < now() - interval '1 hour';
  insert into realtime.messages (topic, extension, payload, event, private)
    values (send.topic, 'broadcast', send.payload, send.event, send.private)
    returning id into stored_id;
  perform pg_notify('realtime', jsonb_build_object(
    'topic', left(send.topic, 255), 'event', left(send.event, 255), 'private', send.private,
    'message_id', stored_id)::text);
end $$;
alter function realtime.send(jsonb, text, text, boolean) owner to supabase_admin;
revoke execute on function realtime.send(jsonb, text, text, boolean) from public;
grant execute on function realtime.send(jsonb, text, text, boolean) to service_role, postgres;
