-- Platform foundation: private schema, job bookkeeping, queues, mail outbox.

-- schemas -------------------------------------------------------------------------------------------
-- Security-definer helpers live here: not exposed through the API (config.toml [api] schemas).
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

-- Functions are not executable by anyone unless granted one by one, with the full signature.
-- (A per-schema rule cannot take back PUBLIC's global default: revoke that globally, then the
-- API roles' per-schema default that Supabase's image grants in public.)
alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from anon, authenticated;

-- queues ---------------------------------------------------------------------------------------------
-- pgmq is the extension on Supabase; the embedded platform provides the same API (lib/db/sql).
do $$
begin
  if exists (select from pg_available_extensions where name = 'pgmq')
     and not exists (select from pg_namespace where nspname = 'pgmq') then
    create extension if not exists pgmq;
  end if;
end $$;

do $$
declare q text;
begin
  foreach q in array array['ai', 'matching', 'generation', 'mastering', 'scoring', 'scouting', 'notify'] loop
    if not exists (select from pgmq.meta m where m.queue_name = q) then
      perform pgmq.create(q);
    end if;
    if not exists (select from pgmq.meta m where m.queue_name = q || '_dlq') then
      perform pgmq.create(q || '_dlq');
    end if;
  end loop;
end $$;

-- tables ---------------------------------------------------------------------------------------------
-- One row per processed idempotency key: a redelivered message whose work already committed is skipped.
create table if not exists private.job_runs (
  idempotency_key text not null,
  queue text not null,
  msg_id bigint,
  finished_at timestamptz not null default now(),
  constraint job_runs_pkey primary key (idempotency_key)
);

-- E-mail and SMS leave through here; the notify queue drains it (embedded: the dev outbox page).
create table if not exists public.outbox (
  id uuid not null default gen_random_uuid(),
  channel text not null,             -- 'email' | 'sms'
  recipient text not null,           -- address or phone number
  subject text,
  body text not null,
  status text not null default 'pending',
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  constraint outbox_pkey primary key (id),
  constraint outbox_channel_check check (channel in ('email', 'sms')),
  constraint outbox_status_check check (status in ('pending', 'sent', 'failed'))
);
create index if not exists outbox_created_at_idx on public.outbox (created_at desc);

-- grants ---------------------------------------------------------------------------------------------
revoke all on public.outbox from anon, authenticated;
grant all on public.outbox to service_role;
grant all on private.job_runs to service_role;

-- RLS ------------------------------------------------------------------------------------------------
-- Outbox rows carry other people's addresses and reset links: no user policy at all.
alter table public.outbox enable row level security;
