-- pgmq 1.5.1's API for databases without the pgmq extension (PGlite, a plain Postgres).
--
-- Same schema, types, function signatures, per-queue tables (pgmq.q_<name>, pgmq.a_<name>, their
-- msg_id sequence and indexes) and semantics as pgmq-extension/sql/pgmq.sql of pgmq 1.5.1, so
-- lib/ports/queue, the migrations and an operator call it exactly as the extension on Supabase.
-- tests/integration/pgmq_parity_test.ts runs pgmq's own regression file against it.
--
-- Where it differs, on purpose:
-- - `drop_queue` of a missing queue returns false with a notice (pgmq 1.6's behaviour; 1.5.1
--   as an extension fails on `alter extension … drop table`).
-- - No pg_partman here: `create_partitioned` and `convert_archive_partitioned` raise
--   "pg_partman is required for partitioned queues", as pgmq does without it.
-- - `detach_archive` marks the archive (a table comment) instead of leaving the extension: there
--   is no extension to leave; the parity test's `drop extension` stand-in keeps marked archives.
-- - The hot functions run static statements generated per queue (pgmq._compile), not dynamic
--   ones: same statements, planned once per session instead of on every call.
--
-- Applied by lib/ports/db/migrate.ts on every embedded boot: idempotent, and it upgrades what
-- earlier versions of this file left (no `headers`, older signatures).

create schema if not exists pgmq;

-- types and the meta table --------------------------------------------------------------------------
do $$
begin
  if not exists (select from pg_type t join pg_namespace n on n.oid = t.typnamespace
                 where n.nspname = 'pgmq' and t.typname = 'message_record') then
    create type pgmq.message_record as (
      msg_id bigint, read_ct integer, enqueued_at timestamptz, vt timestamptz, message jsonb,
      headers jsonb);
  elsif not exists (select from pg_attribute where attrelid = 'pgmq.message_record'::regclass
                    and attname = 'headers') then
    alter type pgmq.message_record add attribute headers jsonb;
  end if;
  if not exists (select from pg_type t join pg_namespace n on n.oid = t.typnamespace
                 where n.nspname = 'pgmq' and t.typname = 'queue_record') then
    create type pgmq.queue_record as (
      queue_name varchar, is_partitioned boolean, is_unlogged boolean, created_at timestamptz);
  end if;
  if not exists (select from pg_type t join pg_namespace n on n.oid = t.typnamespace
                 where n.nspname = 'pgmq' and t.typname = 'metrics_result') then
    create type pgmq.metrics_result as (
      queue_name text, queue_length bigint, newest_msg_age_sec integer,
      oldest_msg_age_sec integer, total_messages bigint, scrape_time timestamptz,
      queue_visible_length bigint);
  elsif not exists (select from pg_attribute where attrelid = 'pgmq.metrics_result'::regclass
                    and attname = 'queue_visible_length') then
    alter type pgmq.metrics_result add attribute queue_visible_length bigint;
  end if;
end $$;

create table if not exists pgmq.meta (
  queue_name varchar unique not null,
  is_partitioned boolean not null,
  is_unlogged boolean not null,
  created_at timestamptz default now() not null
);
-- Earlier versions of this file gave these two defaults; pgmq has none.
alter table pgmq.meta alter column is_partitioned drop default,
                      alter column is_unlogged drop default;

-- Earlier versions of this file: queues without `headers` or the archive index, and functions
-- whose signatures pgmq 1.5 changed (`create or replace` cannot drop a parameter default).
do $$
declare q record;
begin
  for q in select m.queue_name from pgmq.meta m loop
    execute format('alter table if exists pgmq.%I add column if not exists headers jsonb',
                   lower('q_' || q.queue_name));
    execute format('alter table if exists pgmq.%I add column if not exists headers jsonb',
                   lower('a_' || q.queue_name));
    if to_regclass(format('pgmq.%I', lower('a_' || q.queue_name))) is not null then
      execute format('create index if not exists %I on pgmq.%I (archived_at)',
                     'archived_at_idx_' || q.queue_name, lower('a_' || q.queue_name));
    end if;
  end loop;
  drop function if exists pgmq.read(text, integer, integer);
  if exists (select from pg_proc p where p.oid = to_regprocedure('pgmq.send(text, jsonb, integer)')
             and p.pronargdefaults > 0) then
    drop function pgmq.send(text, jsonb, integer);
  end if;
  if exists (select from pg_proc p
             where p.oid = to_regprocedure('pgmq.send_batch(text, jsonb[], integer)')
             and p.pronargdefaults > 0) then
    drop function pgmq.send_batch(text, jsonb[], integer);
  end if;
end $$;

-- names -----------------------------------------------------------------------------------------------
-- pgmq's rules: any name without $ ; -- or ', lower-cased into the table name, shorter than 48.
create or replace function pgmq._invalid_queue_name()
returns text language plpgsql as $$
begin
  raise exception 'queue name contains invalid characters: $, ;, --, or \''';
end $$;

-- SQL, not plpgsql as in pgmq: the calling statement inlines it (a plpgsql call on every send,
-- read and archive measured ~40 µs in PGlite).
create or replace function pgmq.format_table_name(queue_name text, prefix text)
returns text language sql as $$
  select case when queue_name ~ '\$|;|--|''' then pgmq._invalid_queue_name()
              else lower(prefix || '_' || queue_name) end
$$;

create or replace function pgmq.validate_queue_name(queue_name text)
returns void language plpgsql as $$
begin
  if length(queue_name) >= 48 then
    raise exception 'queue name is too long, maximum length is 48 characters';
  end if;
end $$;

create or replace function pgmq._extension_exists(extension_name text)
returns boolean language sql as $$
  select exists (select 1 from pg_extension where extname = extension_name)
$$;

-- queues ----------------------------------------------------------------------------------------------
create or replace function pgmq._create(queue_name text, unlogged boolean)
returns void language plpgsql as $$
declare
  qtable text := pgmq.format_table_name(queue_name, 'q');
  atable text := pgmq.format_table_name(queue_name, 'a');
begin
  perform pgmq.validate_queue_name(queue_name);
  execute format(
    'create %s table if not exists pgmq.%I (
       msg_id bigint primary key generated always as identity,
       read_ct int default 0 not null,
       enqueued_at timestamptz default now() not null,
       vt timestamptz not null,
       message jsonb,
       headers jsonb)', case when unlogged then 'unlogged' else '' end, qtable);
  execute format(
    'create table if not exists pgmq.%I (
       msg_id bigint primary key,
       read_ct int default 0 not null,
       enqueued_at timestamptz default now() not null,
       archived_at timestamptz default now() not null,
       vt timestamptz not null,
       message jsonb,
       headers jsonb)', atable);
  execute format('create index if not exists %I on pgmq.%I (vt asc)', qtable || '_vt_idx', qtable);
  execute format('create index if not exists %I on pgmq.%I (archived_at)',
                 'archived_at_idx_' || queue_name, atable);
  insert into pgmq.meta (queue_name, is_partitioned, is_unlogged)
  values (queue_name, false, unlogged) on conflict do nothing;
  perform pgmq._compile();
end $$;

create or replace function pgmq.create_non_partitioned(queue_name text)
returns void language plpgsql as $$
begin
  perform pgmq._create(queue_name, false);
end $$;

create or replace function pgmq.create_unlogged(queue_name text)
returns void language plpgsql as $$
begin
  perform pgmq._create(queue_name, true);
end $$;

create or replace function pgmq.create(queue_name text)
returns void language plpgsql as $$
begin
  perform pgmq._create(queue_name, false);
end $$;

create or replace function pgmq.create_partitioned(
  queue_name text, partition_interval text default '10000', retention_interval text default '100000')
returns void language plpgsql as $$
declare qtable text := pgmq.format_table_name(queue_name, 'q');
begin
  perform pgmq.validate_queue_name(queue_name);
  raise exception 'pg_partman is required for partitioned queues';
end $$;

create or replace function pgmq.convert_archive_partitioned(
  table_name text, partition_interval text default '10000',
  retention_interval text default '100000', leading_partition int default 10)
returns void language plpgsql as $$
declare atable text := pgmq.format_table_name(table_name, 'a');
begin
  raise exception 'pg_partman is required for partitioned queues';
end $$;

create or replace function pgmq.drop_queue(queue_name text)
returns boolean language plpgsql as $$
declare
  qtable text := pgmq.format_table_name(queue_name, 'q');
  atable text := pgmq.format_table_name(queue_name, 'a');
begin
  if to_regclass(format('pgmq.%I', qtable)) is null then
    raise notice 'pgmq queue `%` does not exist', queue_name;
    return false;
  end if;
  execute format('drop table if exists pgmq.%I', qtable);
  execute format('drop table if exists pgmq.%I', atable);
  delete from pgmq.meta m where m.queue_name = drop_queue.queue_name;
  perform pgmq._compile();
  return true;
end $$;

create or replace function pgmq.drop_queue(queue_name text, partitioned boolean)
returns boolean language plpgsql as $$
declare qtable text := pgmq.format_table_name(queue_name, 'q');
begin
  raise warning 'drop_queue(queue_name, partitioned) is deprecated and will be removed in PGMQ v2.0. Use drop_queue(queue_name) instead';
  perform pgmq.drop_queue(queue_name);
  return true;
end $$;

create or replace function pgmq.purge_queue(queue_name text)
returns bigint language plpgsql as $$
declare
  deleted_count integer;
  qtable text := pgmq.format_table_name(queue_name, 'q');
begin
  execute format('select count(*) from pgmq.%I', qtable) into deleted_count;
  execute format('truncate table pgmq.%I', qtable);
  return deleted_count;
end $$;

create or replace function pgmq.detach_archive(queue_name text)
returns void language plpgsql as $$
declare atable text := pgmq.format_table_name(queue_name, 'a');
begin
  execute format('comment on table pgmq.%I is %L', atable, 'pgmq: detached archive');
end $$;

create or replace function pgmq.list_queues()
returns setof pgmq.queue_record language plpgsql as $$
begin
  return query select * from pgmq.meta;
end $$;

-- the hot path: send, read, archive, delete ---------------------------------------------------------
-- pgmq runs every statement as dynamic SQL (`execute format(…)`), parsed and planned on each call:
-- in PGlite that is most of a read's ~0.3 ms. Here each of these has two layers:
-- - pgmq._<op>_any: pgmq's dynamic statement, for any queue;
-- - pgmq._<op>: generated by pgmq._compile() whenever a queue is created or dropped, with one
--   static branch per queue (plpgsql keeps their plans, generic whatever the arguments), falling
--   back to _<op>_any for a table it does not know.
-- The public functions below call pgmq._<op> with the table name; behaviour is pgmq's either way.

create or replace function pgmq._send_any(qtable text, msg jsonb, headers jsonb, vt timestamptz)
returns bigint language plpgsql as $$
declare id bigint;
begin
  execute format('insert into pgmq.%I (vt, message, headers) values ($1, $2, $3) returning msg_id',
                 qtable)
    using vt, msg, headers into id;
  return id;
end $$;

create or replace function pgmq._send_batch_any(
  qtable text, msgs jsonb[], headers jsonb[], vt timestamptz)
returns setof bigint language plpgsql as $$
begin
  -- unnest side by side: fewer headers than messages leaves the rest null, as in pgmq.
  return query execute format(
    'insert into pgmq.%I (vt, message, headers)
     select $1, unnest($2), unnest(coalesce($3, array[]::jsonb[])) returning msg_id', qtable)
    using vt, msgs, headers;
end $$;

create or replace function pgmq._read_any(qtable text, vt interval, qty integer, conditional jsonb)
returns setof pgmq.message_record language plpgsql as $$
begin
  return query execute format(
    'with cte as (
       select msg_id from pgmq.%I
        where vt <= clock_timestamp()
          and case when $3 != ''{}''::jsonb then (message @> $3)::integer else 1 end = 1
        order by msg_id asc limit $2 for update skip locked)
     update pgmq.%I m set vt = clock_timestamp() + $1, read_ct = read_ct + 1
       from cte where m.msg_id = cte.msg_id
     returning m.msg_id, m.read_ct, m.enqueued_at, m.vt, m.message, m.headers', qtable, qtable)
    using vt, qty, conditional;
end $$;

create or replace function pgmq._archive_any(qtable text, atable text, msg_ids bigint[])
returns setof bigint language plpgsql as $$
begin
  return query execute format(
    'with archived as (
       delete from pgmq.%I where msg_id = any($1)
       returning msg_id, vt, read_ct, enqueued_at, message, headers)
     insert into pgmq.%I (msg_id, vt, read_ct, enqueued_at, message, headers)
     select msg_id, vt, read_ct, enqueued_at, message, headers from archived
     returning msg_id', qtable, atable)
    using msg_ids;
end $$;

create or replace function pgmq._delete_any(qtable text, msg_ids bigint[])
returns setof bigint language plpgsql as $$
begin
  return query execute format('delete from pgmq.%I where msg_id = any($1) returning msg_id', qtable)
    using msg_ids;
end $$;

-- Writes pgmq._send, _send_batch, _read, _archive and _delete for the queues there are now: the
-- _any functions' statements, static, one branch per non-partitioned queue with both tables.
-- Security definer: whoever may create a queue may rewrite these, which its owner created.
create or replace function pgmq._compile()
returns void language plpgsql security definer set search_path = '' as $compile$
declare
  q record;
  send text := '';
  batch text := '';
  rd text := '';
  arch text := '';
  del text := '';
begin
  for q in
    select t.qtable, t.atable
      from pgmq.meta m,
           lateral (select 'q_' || lower(m.queue_name) as qtable,
                           'a_' || lower(m.queue_name) as atable) t
     where not m.is_partitioned
       and to_regclass(format('pgmq.%I', t.qtable)) is not null
       and to_regclass(format('pgmq.%I', t.atable)) is not null
     order by 1
  loop
    send := send || format($b$
  if $1 = %L then
    insert into pgmq.%I (vt, message, headers) values ($4, $2, $3) returning msg_id into id;
    return id;
  end if;$b$, q.qtable, q.qtable);
    batch := batch || format($b$
  if $1 = %L then
    return query insert into pgmq.%I (vt, message, headers)
      select $4, unnest($2), unnest(coalesce($3, array[]::jsonb[])) returning msg_id;
    return;
  end if;$b$, q.qtable, q.qtable);
    rd := rd || format($b$
  if $1 = %L then
    return query with cte as (
        select msg_id from pgmq.%I
         where vt <= clock_timestamp()
           and case when $4 != '{}'::jsonb then (message @> $4)::integer else 1 end = 1
         order by msg_id asc limit $3 for update skip locked)
      update pgmq.%I m set vt = clock_timestamp() + $2, read_ct = m.read_ct + 1
        from cte where m.msg_id = cte.msg_id
      returning m.msg_id, m.read_ct, m.enqueued_at, m.vt, m.message, m.headers;
    return;
  end if;$b$, q.qtable, q.qtable, q.qtable);
    arch := arch || format($b$
  if $1 = %L then
    return query with archived as (
        delete from pgmq.%I where msg_id = any($3)
        returning msg_id, vt, read_ct, enqueued_at, message, headers)
      insert into pgmq.%I (msg_id, vt, read_ct, enqueued_at, message, headers)
      select msg_id, vt, read_ct, enqueued_at, message, headers from archived
      returning msg_id;
    return;
  end if;$b$, q.qtable, q.qtable, q.atable);
    del := del || format($b$
  if $1 = %L then
    return query delete from pgmq.%I where msg_id = any($2) returning msg_id;
    return;
  end if;$b$, q.qtable, q.qtable);
  end loop;

  -- Generic plans: a custom plan (the default while it looks cheaper) is a planning per call.
  execute $f$
create or replace function pgmq._send(qtable text, msg jsonb, headers jsonb, vt timestamptz)
returns bigint language plpgsql set plan_cache_mode = force_generic_plan as $body$
#variable_conflict use_column
declare id bigint;
begin$f$ || send || $f$
  return pgmq._send_any($1, $2, $3, $4);
end $body$$f$;
  execute $f$
create or replace function pgmq._send_batch(
  qtable text, msgs jsonb[], headers jsonb[], vt timestamptz)
returns setof bigint language plpgsql set plan_cache_mode = force_generic_plan as $body$
#variable_conflict use_column
begin$f$ || batch || $f$
  return query select pgmq._send_batch_any($1, $2, $3, $4);
end $body$$f$;
  execute $f$
create or replace function pgmq._read(qtable text, vt interval, qty integer, conditional jsonb)
returns setof pgmq.message_record language plpgsql set plan_cache_mode = force_generic_plan
as $body$
#variable_conflict use_column
begin$f$ || rd || $f$
  return query select * from pgmq._read_any($1, $2, $3, $4);
end $body$$f$;
  execute $f$
create or replace function pgmq._archive(qtable text, atable text, msg_ids bigint[])
returns setof bigint language plpgsql set plan_cache_mode = force_generic_plan as $body$
#variable_conflict use_column
begin$f$ || arch || $f$
  return query select pgmq._archive_any($1, $2, $3);
end $body$$f$;
  execute $f$
create or replace function pgmq._delete(qtable text, msg_ids bigint[])
returns setof bigint language plpgsql set plan_cache_mode = force_generic_plan as $body$
#variable_conflict use_column
begin$f$ || del || $f$
  return query select pgmq._delete_any($1, $2);
end $body$$f$;
end $compile$;

select pgmq._compile();

-- send ------------------------------------------------------------------------------------------------
-- pgmq's overloads: delay as seconds from now or as a time (default: now), headers or none.
create or replace function pgmq.send(queue_name text, msg jsonb, headers jsonb, delay timestamptz)
returns setof bigint language plpgsql as $$
begin
  return next pgmq._send(pgmq.format_table_name(queue_name, 'q'), msg, headers, delay);
end $$;

create or replace function pgmq.send(queue_name text, msg jsonb)
returns setof bigint language plpgsql as $$
begin
  return next pgmq._send(pgmq.format_table_name(queue_name, 'q'), msg, null, clock_timestamp());
end $$;

create or replace function pgmq.send(queue_name text, msg jsonb, headers jsonb)
returns setof bigint language plpgsql as $$
begin
  return next pgmq._send(pgmq.format_table_name(queue_name, 'q'), msg, headers, clock_timestamp());
end $$;

create or replace function pgmq.send(queue_name text, msg jsonb, delay integer)
returns setof bigint language plpgsql as $$
begin
  return next pgmq._send(pgmq.format_table_name(queue_name, 'q'), msg, null,
                         clock_timestamp() + make_interval(secs => delay));
end $$;

create or replace function pgmq.send(queue_name text, msg jsonb, delay timestamptz)
returns setof bigint language plpgsql as $$
begin
  return next pgmq._send(pgmq.format_table_name(queue_name, 'q'), msg, null, delay);
end $$;

create or replace function pgmq.send(queue_name text, msg jsonb, headers jsonb, delay integer)
returns setof bigint language plpgsql as $$
begin
  return next pgmq._send(pgmq.format_table_name(queue_name, 'q'), msg, headers,
                         clock_timestamp() + make_interval(secs => delay));
end $$;

create or replace function pgmq.send_batch(
  queue_name text, msgs jsonb[], headers jsonb[], delay timestamptz)
returns setof bigint language plpgsql as $$
begin
  return query select pgmq._send_batch(pgmq.format_table_name(queue_name, 'q'), msgs, headers, delay);
end $$;

create or replace function pgmq.send_batch(queue_name text, msgs jsonb[])
returns setof bigint language plpgsql as $$
begin
  return query select pgmq._send_batch(pgmq.format_table_name(queue_name, 'q'), msgs, null,
                                       clock_timestamp());
end $$;

create or replace function pgmq.send_batch(queue_name text, msgs jsonb[], headers jsonb[])
returns setof bigint language plpgsql as $$
begin
  return query select pgmq._send_batch(pgmq.format_table_name(queue_name, 'q'), msgs, headers,
                                       clock_timestamp());
end $$;

create or replace function pgmq.send_batch(queue_name text, msgs jsonb[], delay integer)
returns setof bigint language plpgsql as $$
begin
  return query select pgmq._send_batch(pgmq.format_table_name(queue_name, 'q'), msgs, null,
                                       clock_timestamp() + make_interval(secs => delay));
end $$;

create or replace function pgmq.send_batch(queue_name text, msgs jsonb[], delay timestamptz)
returns setof bigint language plpgsql as $$
begin
  return query select pgmq._send_batch(pgmq.format_table_name(queue_name, 'q'), msgs, null, delay);
end $$;

create or replace function pgmq.send_batch(
  queue_name text, msgs jsonb[], headers jsonb[], delay integer)
returns setof bigint language plpgsql as $$
begin
  return query select pgmq._send_batch(pgmq.format_table_name(queue_name, 'q'), msgs, headers,
                                       clock_timestamp() + make_interval(secs => delay));
end $$;

-- read ------------------------------------------------------------------------------------------------
-- Visible messages (vt passed) in msg_id order, up to qty, that contain `conditional` (jsonb @>,
-- '{}' for all); each is hidden for vt seconds and its read_ct goes up.
create or replace function pgmq.read(
  queue_name text, vt integer, qty integer, conditional jsonb default '{}')
returns setof pgmq.message_record language plpgsql as $$
begin
  return query select * from pgmq._read(
    pgmq.format_table_name(queue_name, 'q'), make_interval(secs => vt), qty, conditional);
end $$;

-- `read`, retried every poll_interval_ms until a message comes or max_poll_seconds pass.
create or replace function pgmq.read_with_poll(
  queue_name text, vt integer, qty integer, max_poll_seconds integer default 5,
  poll_interval_ms integer default 100, conditional jsonb default '{}')
returns setof pgmq.message_record language plpgsql as $$
declare
  r pgmq.message_record;
  stop_at timestamp;
begin
  stop_at := clock_timestamp() + make_interval(secs => max_poll_seconds);
  loop
    if clock_timestamp() >= stop_at then
      return;
    end if;
    for r in select * from pgmq.read(queue_name, vt, qty, conditional) loop
      return next r;
    end loop;
    if found then
      return;
    end if;
    perform pg_sleep(poll_interval_ms::numeric / 1000);
  end loop;
end $$;

-- Reads and deletes the first visible message.
create or replace function pgmq.pop(queue_name text)
returns setof pgmq.message_record language plpgsql as $$
declare qtable text := pgmq.format_table_name(queue_name, 'q');
begin
  return query execute format(
    'with cte as (
       select msg_id from pgmq.%I where vt <= clock_timestamp()
        order by msg_id asc limit 1 for update skip locked)
     delete from pgmq.%I where msg_id = (select msg_id from cte)
     returning msg_id, read_ct, enqueued_at, vt, message, headers',
    qtable, qtable);
end $$;

-- Hides (or shows, with 0) a message: vt seconds from now; the message, or no row.
create or replace function pgmq.set_vt(queue_name text, msg_id bigint, vt integer)
returns setof pgmq.message_record language plpgsql as $$
begin
  return query execute format(
    'update pgmq.%I set vt = clock_timestamp() + $2 where msg_id = $1
     returning msg_id, read_ct, enqueued_at, vt, message, headers',
    pgmq.format_table_name(queue_name, 'q')) using msg_id, make_interval(secs => vt);
end $$;

-- archive and delete ----------------------------------------------------------------------------------
create or replace function pgmq.archive(queue_name text, msg_id bigint)
returns boolean language plpgsql as $$
begin
  return exists (select from pgmq._archive(pgmq.format_table_name(queue_name, 'q'),
                                           pgmq.format_table_name(queue_name, 'a'), array[msg_id]));
end $$;

create or replace function pgmq.archive(queue_name text, msg_ids bigint[])
returns setof bigint language plpgsql as $$
begin
  return query select pgmq._archive(pgmq.format_table_name(queue_name, 'q'),
                                    pgmq.format_table_name(queue_name, 'a'), msg_ids);
end $$;

create or replace function pgmq.delete(queue_name text, msg_id bigint)
returns boolean language plpgsql as $$
begin
  return exists (select from pgmq._delete(pgmq.format_table_name(queue_name, 'q'), array[msg_id]));
end $$;

create or replace function pgmq.delete(queue_name text, msg_ids bigint[])
returns setof bigint language plpgsql as $$
begin
  return query select pgmq._delete(pgmq.format_table_name(queue_name, 'q'), msg_ids);
end $$;

-- As pgmq: ages and visibility against the transaction's now(); total_messages is every message
-- ever sent (the msg_id sequence), queue_length those in the queue, visible or not.
create or replace function pgmq.metrics(queue_name text)
returns pgmq.metrics_result language plpgsql as $$
declare
  result_row pgmq.metrics_result;
  qtable text := pgmq.format_table_name(queue_name, 'q');
begin
  execute format(
    'with q_summary as (
       select count(*) as queue_length,
              count(case when vt <= now() then 1 end) as queue_visible_length,
              extract(epoch from (now() - max(enqueued_at)))::int as newest_msg_age_sec,
              extract(epoch from (now() - min(enqueued_at)))::int as oldest_msg_age_sec,
              now() as scrape_time
         from pgmq.%I),
     all_metrics as (
       select case when is_called then last_value else 0 end as total_messages from pgmq.%I)
     select %L as queue_name, q_summary.queue_length, q_summary.newest_msg_age_sec,
            q_summary.oldest_msg_age_sec, all_metrics.total_messages, q_summary.scrape_time,
            q_summary.queue_visible_length
       from q_summary, all_metrics',
    qtable, qtable || '_msg_id_seq', queue_name)
    into result_row;
  return result_row;
end $$;

create or replace function pgmq.metrics_all()
returns setof pgmq.metrics_result language plpgsql as $$
declare row_name record;
begin
  for row_name in select m.queue_name from pgmq.meta m order by m.queue_name loop
    return next pgmq.metrics(row_name.queue_name);
  end loop;
end $$;

-- privileges ------------------------------------------------------------------------------------------
-- As pgmq: pg_monitor may look. Only the server (service_role) drives queues, as on Supabase
-- where its Queues integration grants service_role and pgmq is not exposed to users.
revoke all on schema pgmq from public;
revoke execute on all functions in schema pgmq from public;
grant usage on schema pgmq to pg_monitor;
grant select on all tables in schema pgmq to pg_monitor;
grant select on all sequences in schema pgmq to pg_monitor;
alter default privileges in schema pgmq grant select on tables to pg_monitor;
alter default privileges in schema pgmq grant select on sequences to pg_monitor;
grant usage on schema pgmq to service_role;
grant execute on all functions in schema pgmq to service_role;
grant all on all tables in schema pgmq to service_role;
grant all on all sequences in schema pgmq to service_role;
alter default privileges in schema pgmq grant all on tables to service_role;
alter default privileges in schema pgmq grant all on sequences to service_role;
