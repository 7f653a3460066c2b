-- A pgmq-compatible queue API for databases without the pgmq extension (PGlite, plain Postgres).
-- Same schema name, function names, signatures and per-queue tables (pgmq.q_<name>, pgmq.a_<name>)
-- as pgmq 1.x, so lib/ports/queue and migrations call it exactly as they call the extension on Supabase.

create schema if not exists pgmq;

do $$ begin
  if not exists (select from pg_type t join pg_namespace n on n.oid = t.typnamespace
                 where n.nspname = 'pgmq' and t.typname = 'message_record') then
    create type pgmq.message_record as (
      msg_id bigint, read_ct integer, enqueued_at timestamptz, vt timestamptz, message jsonb);
  end if;
  if not exists (select from pg_type t join pg_namespace n on n.oid = t.typnamespace
                 where n.nspname = 'pgmq' and t.typname = 'metrics_result') then
    create type pgmq.metrics_result as (
      queue_name text, queue_length bigint, newest_msg_age_sec integer,
      oldest_msg_age_sec integer, total_messages bigint, scrape_time timestamptz);
  end if;
end $$;

create table if not exists pgmq.meta (
  queue_name varchar unique not null,
  is_partitioned boolean not null default false,
  is_unlogged boolean not null default false,
  created_at timestamptz not null default now()
);

create or replace function pgmq.format_table_name(queue_name text, prefix text) returns text
language plpgsql immutable as $$
begin
  if queue_name !~ '^[a-z0-9_]{1,47}$' then
    raise exception 'queue name "%" must be lower-case letters, digits and underscores', queue_name;
  end if;
  return prefix || '_' || queue_name;
end $$;

create or replace function pgmq.create(queue_name text) returns void language plpgsql as $$
declare qtable text := pgmq.format_table_name(queue_name, 'q');
        atable text := pgmq.format_table_name(queue_name, 'a');
begin
  execute format('create table if not exists pgmq.%I (
      msg_id bigint primary key generated always as identity,
      read_ct integer not null default 0,
      enqueued_at timestamptz not null default now(),
      vt timestamptz not null,
      message jsonb)', qtable);
  execute format('create index if not exists %I on pgmq.%I (vt asc)', qtable || '_vt_idx', qtable);
  execute format('create table if not exists pgmq.%I (
      msg_id bigint primary key,
      read_ct integer not null default 0,
      enqueued_at timestamptz not null default now(),
      archived_at timestamptz not null default now(),
      vt timestamptz not null,
      message jsonb)', atable);
  insert into pgmq.meta (queue_name) values (queue_name) on conflict do nothing;
end $$;

create or replace function pgmq.drop_queue(queue_name text) returns boolean language plpgsql as $$
begin
  execute format('drop table if exists pgmq.%I', pgmq.format_table_name(queue_name, 'q'));
  execute format('drop table if exists pgmq.%I', pgmq.format_table_name(queue_name, 'a'));
  delete from pgmq.meta m where m.queue_name = drop_queue.queue_name;
  return true;
end $$;

create or replace function pgmq.send(queue_name text, msg jsonb, delay integer default 0)
returns setof bigint language plpgsql as $$
declare id bigint;
begin
  -- The platform's busiest queues get static statements, whose plans plpgsql keeps: a dynamic
  -- insert is planned on every call (~0.5 ms in PGlite, paid by every chat message).
  if queue_name = 'notify' then
    insert into pgmq.q_notify (vt, message)
    values (clock_timestamp() + make_interval(secs => delay), msg) returning msg_id into id;
    return next id;
    return;
  elsif queue_name = 'matching' then
    insert into pgmq.q_matching (vt, message)
    values (clock_timestamp() + make_interval(secs => delay), msg) returning msg_id into id;
    return next id;
    return;
  end if;
  return query execute format(
    'insert into pgmq.%I (vt, message) values (clock_timestamp() + make_interval(secs => $2), $1) returning msg_id',
    pgmq.format_table_name(queue_name, 'q')) using msg, delay;
end $$;

create or replace function pgmq.send_batch(queue_name text, msgs jsonb[], delay integer default 0)
returns setof bigint language plpgsql as $$
begin
  return query execute format(
    'insert into pgmq.%I (vt, message) select clock_timestamp() + make_interval(secs => $2), unnest($1) returning msg_id',
    pgmq.format_table_name(queue_name, 'q')) using msgs, delay;
end $$;

create or replace function pgmq.read(queue_name text, vt integer, qty integer)
returns setof pgmq.message_record language plpgsql as $$
declare qtable text := pgmq.format_table_name(queue_name, 'q');
begin
  return query execute format(
    'with picked as (
       select msg_id from pgmq.%I where vt <= clock_timestamp()
       order by msg_id limit $1 for update skip locked)
     update pgmq.%I q set vt = clock_timestamp() + make_interval(secs => $2), read_ct = q.read_ct + 1
     from picked where q.msg_id = picked.msg_id
     returning q.msg_id, q.read_ct, q.enqueued_at, q.vt, q.message', qtable, qtable) using qty, vt;
end $$;

create or replace function pgmq.pop(queue_name text)
returns setof pgmq.message_record language plpgsql as $$
declare qtable text := pgmq.format_table_name(queue_name, 'q');
begin
  return query execute format(
    'with picked as (
       select msg_id from pgmq.%I where vt <= clock_timestamp()
       order by msg_id limit 1 for update skip locked)
     delete from pgmq.%I q using picked where q.msg_id = picked.msg_id
     returning q.msg_id, q.read_ct, q.enqueued_at, q.vt, q.message', qtable, qtable);
end $$;

create or replace function pgmq.delete(queue_name text, msg_id bigint) returns boolean language plpgsql as $$
declare n integer;
begin
  execute format('delete from pgmq.%I where msg_id = $1', pgmq.format_table_name(queue_name, 'q')) using msg_id;
  get diagnostics n = row_count;
  return n > 0;
end $$;

create or replace function pgmq.delete(queue_name text, msg_ids bigint[]) returns setof bigint language plpgsql as $$
begin
  return query execute format('delete from pgmq.%I where msg_id = any($1) returning msg_id',
    pgmq.format_table_name(queue_name, 'q')) using msg_ids;
end $$;

create or replace function pgmq.archive(queue_name text, msg_ids bigint[]) returns setof bigint language plpgsql as $$
begin
  return query execute format(
    'with moved as (delete from pgmq.%I where msg_id = any($1) returning *)
     insert into pgmq.%I (msg_id, read_ct, enqueued_at, vt, message)
     select msg_id, read_ct, enqueued_at, vt, message from moved returning msg_id',
    pgmq.format_table_name(queue_name, 'q'), pgmq.format_table_name(queue_name, 'a')) using msg_ids;
end $$;

create or replace function pgmq.archive(queue_name text, msg_id bigint) returns boolean language plpgsql as $$
begin
  return exists (select from pgmq.archive(queue_name, array[msg_id]));
end $$;

create or replace function pgmq.set_vt(queue_name text, msg_id bigint, vt integer)
returns setof pgmq.message_record language plpgsql as $$
begin
  return query execute format(
    'update pgmq.%I set vt = clock_timestamp() + make_interval(secs => $2) where msg_id = $1
     returning msg_id, read_ct, enqueued_at, vt, message',
    pgmq.format_table_name(queue_name, 'q')) using msg_id, vt;
end $$;

create or replace function pgmq.metrics(queue_name text) returns pgmq.metrics_result language plpgsql as $$
declare result pgmq.metrics_result;
begin
  execute format(
    'select $1, count(*), extract(epoch from clock_timestamp() - max(enqueued_at))::int,
            extract(epoch from clock_timestamp() - min(enqueued_at))::int,
            (select count(*) from pgmq.%I) + count(*), clock_timestamp() from pgmq.%I',
    pgmq.format_table_name(queue_name, 'a'), pgmq.format_table_name(queue_name, 'q'))
    into result using queue_name;
  return result;
end $$;

create or replace function pgmq.metrics_all() returns setof pgmq.metrics_result language plpgsql as $$
declare q record;
begin
  for q in select m.queue_name from pgmq.meta m order by 1 loop
    return next pgmq.metrics(q.queue_name);
  end loop;
end $$;

-- Only the server (service_role) drives queues, as on Supabase where pgmq is not exposed to users.
revoke all on schema pgmq from public;
revoke execute on all functions in schema pgmq from public;
grant usage on schema pgmq to service_role;
grant execute on all functions in schema pgmq to service_role;
grant all on all tables in schema pgmq to service_role;
alter default privileges in schema pgmq grant all on tables to service_role;
