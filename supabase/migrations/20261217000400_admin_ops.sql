/*
 * Admin operations (/admin, /admin/queues, /admin/outbox): pgmq metrics, the dead-letter queues
 * (inspect, retry, delete), failed e-mails and SMS (inspect, retry), the console's counts, and the
 * audit of the money decisions made before the audit log existed.
 *
 * Every function here is security definer (admins read no queue or outbox row themselves), checks
 * private.is_admin() first (SC403) and records each change with private.admin_audit in the same
 * transaction. The pgmq calls work on the extension (1.5.1, Supabase) and on the embedded
 * pgmq-compatible SQL alike: only functions and tables both have, every argument typed.
 */

-- staged job kinds -----------------------------------------------------------------------------------
-- A staged job (lib/ports/queue/jobs.ts) whose message was dead-lettered left its row `failed`
-- with no stage; its message, sent again, runs only while the row is at that stage. Retrying one
-- puts the row back to `queued` at the message's stage, so this table says where each kind's
-- rows live and on which topic their owner follows them (the jobKind({...}) of each domain;
-- tests/integration/admin_ops_test.ts checks the two agree).
create table if not exists private.staged_job_kinds (
  kind text not null,
  job_table text not null,
  topic_prefix text not null,
  constraint staged_job_kinds_pkey primary key (kind),
  constraint staged_job_kinds_job_table_check check (job_table ~ '^[a-z_]+\.[a-z_]+$')
);
revoke all on private.staged_job_kinds from public, anon, authenticated;
-- As every private table: RLS on with no user policy (20261122003000_private_tables_rls.sql).
alter table private.staged_job_kinds enable row level security;

insert into private.staged_job_kinds (kind, job_table, topic_prefix) values
  ('dj_run', 'public.dj_runs', 'dj_run'),
  ('song', 'public.songs', 'song'),
  ('master', 'public.song_masters', 'master'),
  ('meter', 'public.song_meters', 'meter'),
  ('artist_import', 'public.artist_imports', 'artist_import'),
  ('artist_plan', 'public.artist_plans', 'artist_plan'),
  ('artist_drawing', 'public.artist_drawings', 'artist_art')
on conflict (kind) do update
  set job_table = excluded.job_table, topic_prefix = excluded.topic_prefix;

-- helpers ----------------------------------------------------------------------------------------------

/* private.admin_ops_dlq(queue): the dead-letter queue named, checked (SC400 naming `queue`). */
create or replace function private.admin_ops_dlq(p_queue text) returns text
language plpgsql stable set search_path = '' as $$
begin
  if p_queue is null or p_queue !~ '^[a-z][a-z0-9_]{0,40}_dlq$'
     or not exists (select 1 from pgmq.meta m where m.queue_name = p_queue)
     or not exists (select 1 from pgmq.meta m where m.queue_name = left(p_queue, -4)) then
    raise exception using errcode = 'SC400', message = 'Choose one of the dead-letter queues',
      detail = 'queue';
  end if;
  return p_queue;
end $$;

/* private.admin_ops_limit(limit, default): 1..500 (SC400 naming `limit`), the default when null. */
create or replace function private.admin_ops_limit(p_limit integer, p_default integer) returns integer
language plpgsql immutable set search_path = '' as $$
begin
  if p_limit is not null and p_limit not between 1 and 500 then
    raise exception using errcode = 'SC400', message = 'Show between 1 and 500 at a time',
      detail = 'limit';
  end if;
  return coalesce(p_limit, p_default);
end $$;

/*
 * private.admin_ops_mask(text) returns text
 * Enough of an address to recognise it, not to write to it: `an•••@example.com`, `+44•••••7890`.
 */
create or replace function private.admin_ops_mask(p_recipient text) returns text
language sql immutable set search_path = '' as $$
  select case
    when p_recipient is null then null
    when position('@' in p_recipient) > 1 then
      left(split_part(p_recipient, '@', 1), least(2, length(split_part(p_recipient, '@', 1)) - 1))
        || '•••@' || substr(p_recipient, position('@' in p_recipient) + 1)
    when length(p_recipient) > 8 then
      left(p_recipient, 3) || repeat('•', length(p_recipient) - 7) || right(p_recipient, 4)
    else left(p_recipient, 1) || '•••'
  end
$$;

-- queues -------------------------------------------------------------------------------------------------

/*
 * public.admin_queue_metrics() returns table(...)
 * Every pgmq queue, the dead-letter ones included: messages waiting (visible now of them), the
 * oldest one's age, every message ever sent, and for a work queue its dead-letter queue's depth.
 */
create or replace function private.admin_queue_metrics()
returns table (
  queue_name text, is_dlq boolean, depth bigint, visible bigint, oldest_age_sec integer,
  total_sent bigint, dlq_depth bigint
)
language plpgsql stable security definer set search_path = '' as $$
begin
  perform private.admin_require('see the queues');
  return query
    with m as (select * from pgmq.metrics_all())
    select m.queue_name::text, m.queue_name::text like '%\_dlq', m.queue_length,
           m.queue_visible_length, m.oldest_msg_age_sec, m.total_messages, d.queue_length
      from m left join m d on d.queue_name = m.queue_name || '_dlq'
     order by regexp_replace(m.queue_name, '_dlq$', ''), m.queue_name like '%\_dlq';
end $$;

create or replace function public.admin_queue_metrics()
returns table (
  queue_name text, is_dlq boolean, depth bigint, visible bigint, oldest_age_sec integer,
  total_sent bigint, dlq_depth bigint
)
language sql stable security invoker set search_path = '' as $$
  select * from private.admin_queue_metrics()
$$;

/*
 * public.admin_dead_letters(p_queue text, p_limit int) returns table(...)
 * A dead-letter queue's messages, newest first. Each is what the worker wrote (worker.ts
 * deadLetter): {queue, msg_id, attempts, error, message: the original job}.
 */
create or replace function private.admin_dead_letters(p_queue text, p_limit integer)
returns table (msg_id bigint, enqueued_at timestamptz, read_ct integer, message jsonb)
language plpgsql stable security definer set search_path = '' as $$
declare
  v_queue text;
  v_limit integer;
begin
  perform private.admin_require('see dead letters');
  v_queue := private.admin_ops_dlq(p_queue);
  v_limit := private.admin_ops_limit(p_limit, 100);
  return query execute format(
    'select q.msg_id, q.enqueued_at, q.read_ct, q.message from pgmq.%I q
      order by q.msg_id desc limit $1', pgmq.format_table_name(v_queue, 'q'))
    using v_limit;
end $$;

create or replace function public.admin_dead_letters(p_queue text, p_limit integer default 100)
returns table (msg_id bigint, enqueued_at timestamptz, read_ct integer, message jsonb)
language sql stable security invoker set search_path = '' as $$
  select * from private.admin_dead_letters(p_queue, p_limit)
$$;

/* The dead letter, locked; SC404 naming `msg_id` when it is not (or no longer) there. */
create or replace function private.admin_ops_take_letter(p_queue text, p_msg_id bigint)
returns jsonb
language plpgsql set search_path = '' as $$
declare v_message jsonb;
begin
  execute format('select q.message from pgmq.%I q where q.msg_id = $1 for update',
                 pgmq.format_table_name(p_queue, 'q'))
    into v_message using p_msg_id;
  if v_message is null then
    raise exception using errcode = 'SC404', message = 'That dead letter is not there any more',
      detail = 'msg_id';
  end if;
  return v_message;
end $$;

/*
 * public.admin_retry_dead_letter(p_queue text, p_msg_id bigint) returns bigint
 * Sends the original job back to its queue (a fresh message: the worker counts attempts from its
 * deliveries, so it gets all of them again) and removes the dead letter, in one transaction. A
 * staged job's row, which gave up as `failed`, is queued again at the message's stage (and its
 * owner's page told); a row that moved on since (cancelled, deleted) is left alone, and the
 * message then does nothing. Returns the new message's id.
 */
create or replace function private.admin_retry_dead_letter(p_queue text, p_msg_id bigint)
returns bigint
language plpgsql security definer set search_path = '' as $$
declare
  v_queue text;
  v_target text;
  v_letter jsonb;
  v_job jsonb;
  v_kind private.staged_job_kinds;
  v_table regclass;
  v_row_before jsonb;
  v_row_after jsonb;
  v_new bigint;
begin
  perform private.admin_require('retry dead letters');
  v_queue := private.admin_ops_dlq(p_queue);
  v_target := left(v_queue, -4);
  v_letter := private.admin_ops_take_letter(v_queue, p_msg_id);
  -- The job as it was first sent; a letter not written by the worker is sent without the fields
  -- the worker adds.
  v_job := case when jsonb_typeof(v_letter -> 'message') = 'object' then v_letter -> 'message'
                else v_letter - array['queue', 'msg_id', 'attempts', 'error'] end;

  select * into v_kind from private.staged_job_kinds k where k.kind = v_job ->> 'kind';
  v_table := to_regclass(v_kind.job_table);
  if v_table is not null and v_job ? 'job_id' and v_job ? 'stage'
     and (v_job ->> 'job_id') ~ '^[0-9a-fA-F-]{36}$' then
    execute format(
      'select jsonb_build_object(''status'', status, ''stage'', stage, ''error'', error)
         from %s where id = $1::uuid and status = ''failed'' and stage is null for update',
      v_table)
      into v_row_before using v_job ->> 'job_id';
    if v_row_before is not null then
      execute format(
        'update %s set status = ''queued'', stage = $2, progress = ''{}''::jsonb, error = null
          where id = $1::uuid
        returning jsonb_build_object(''id'', id, ''status'', status, ''stage'', stage,
                                     ''progress'', progress, ''error'', error)', v_table)
        into v_row_after using v_job ->> 'job_id', v_job ->> 'stage';
      -- What writeJobState broadcasts: the owner's open page follows the job again.
      perform realtime.send(v_row_after, 'progress',
                            v_kind.topic_prefix || ':' || (v_job ->> 'job_id'), true);
    end if;
  end if;

  select pgmq.send(v_target, v_job) into v_new;
  perform pgmq.delete(v_queue, p_msg_id);
  perform private.admin_audit(
    'queue.retry_dead_letter', 'dead_letter', v_queue || ':' || p_msg_id,
    jsonb_build_object('queue', v_queue, 'msg_id', p_msg_id, 'attempts', v_letter -> 'attempts',
                       'error', v_letter -> 'error', 'job', v_job, 'job_row', v_row_before),
    jsonb_build_object('queue', v_target, 'msg_id', v_new,
                       'job_row', v_row_after - array['id', 'progress']));
  return v_new;
end $$;

create or replace function public.admin_retry_dead_letter(p_queue text, p_msg_id bigint)
returns bigint
language sql security invoker set search_path = '' as $$
  select private.admin_retry_dead_letter(p_queue, p_msg_id)
$$;

/*
 * public.admin_delete_dead_letter(p_queue text, p_msg_id bigint) returns void
 * Removes a dead letter for good (its job is not run again); the audit keeps what it was.
 */
create or replace function private.admin_delete_dead_letter(p_queue text, p_msg_id bigint)
returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_queue text;
  v_letter jsonb;
begin
  perform private.admin_require('delete dead letters');
  v_queue := private.admin_ops_dlq(p_queue);
  v_letter := private.admin_ops_take_letter(v_queue, p_msg_id);
  perform pgmq.delete(v_queue, p_msg_id);
  perform private.admin_audit(
    'queue.delete_dead_letter', 'dead_letter', v_queue || ':' || p_msg_id,
    jsonb_build_object('queue', v_queue, 'msg_id', p_msg_id, 'attempts', v_letter -> 'attempts',
                       'error', v_letter -> 'error', 'job', v_letter -> 'message'),
    jsonb_build_object('deleted', true));
end $$;

create or replace function public.admin_delete_dead_letter(p_queue text, p_msg_id bigint)
returns void
language sql security invoker set search_path = '' as $$
  select private.admin_delete_dead_letter(p_queue, p_msg_id)
$$;

-- outbox -------------------------------------------------------------------------------------------------

/*
 * public.admin_failed_outbox(p_limit int) returns table(...)
 * E-mails and SMS the sender gave up on, newest first, with their error. The recipient comes
 * masked and the body not at all (it may hold a sign-in or reset link).
 */
create or replace function private.admin_failed_outbox(p_limit integer)
returns table (
  id uuid, channel text, recipient text, subject text, kind text, attempts integer,
  last_error text, created_at timestamptz, last_attempt_at timestamptz
)
language plpgsql stable security definer set search_path = '' as $$
declare v_limit integer;
begin
  perform private.admin_require('see failed messages');
  v_limit := private.admin_ops_limit(p_limit, 100);
  return query
    select o.id, o.channel, private.admin_ops_mask(o.recipient), o.subject, o.kind, o.attempts,
           o.last_error, o.created_at, o.last_attempt_at
      from public.outbox o
     where o.status = 'failed'
     order by coalesce(o.last_attempt_at, o.created_at) desc, o.id
     limit v_limit;
end $$;

create or replace function public.admin_failed_outbox(p_limit integer default 100)
returns table (
  id uuid, channel text, recipient text, subject text, kind text, attempts integer,
  last_error text, created_at timestamptz, last_attempt_at timestamptz
)
language sql stable security invoker set search_path = '' as $$
  select * from private.admin_failed_outbox(p_limit)
$$;

/*
 * public.admin_retry_outbox(p_id uuid) returns void
 * A failed row starts over as if new: pending, no attempts, due now, and a fresh deliver job.
 * Its earlier deliver jobs' idempotency keys (`deliver:<id>:<attempt>`, lib/ports/mail/outbox.ts)
 * are forgotten, or the new round's retries would be skipped as already done; a stray old
 * message is harmless (the sender checks the row's state under its lock).
 */
create or replace function private.admin_retry_outbox(p_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  o public.outbox;
begin
  perform private.admin_require('retry messages');
  select * into o from public.outbox where id = p_id for update;
  if not found then
    raise exception using errcode = 'SC404', message = 'Message not found', detail = 'id';
  elsif o.status <> 'failed' then
    raise exception using errcode = 'SC409', message = 'Only a failed message can be retried',
      detail = 'id';
  end if;
  update public.outbox set status = 'pending', attempts = 0, next_attempt_at = now()
   where id = o.id;
  delete from private.job_runs where idempotency_key like 'deliver:' || o.id::text || ':%';
  perform pgmq.send('notify'::text, jsonb_build_object('kind', 'deliver', 'outbox_id', o.id,
    'idempotency_key', 'deliver:' || o.id::text || ':0'));
  perform private.admin_audit('outbox.retry', 'outbox', o.id::text,
    jsonb_build_object('status', o.status, 'attempts', o.attempts, 'last_error', o.last_error,
                       'channel', o.channel, 'kind', o.kind),
    jsonb_build_object('status', 'pending', 'attempts', 0, 'last_error', o.last_error,
                       'channel', o.channel, 'kind', o.kind));
end $$;

create or replace function public.admin_retry_outbox(p_id uuid) returns void
language sql security invoker set search_path = '' as $$
  select private.admin_retry_outbox(p_id)
$$;

-- the console's counts -------------------------------------------------------------------------------

/*
 * public.admin_console_counts() returns table(...)
 * What waits in each section of /admin. Open reports only once moderation (public.reports) is
 * there; null until then.
 */
create or replace function private.admin_console_counts()
returns table (
  open_reports bigint, users bigint, open_disputes bigint, payment_problems bigint,
  dead_letters bigint, stuck_queues bigint, failed_outbox bigint, audit_today bigint
)
language plpgsql stable security definer set search_path = '' as $$
declare
  v_reports bigint;
  v_dead bigint;
  v_stuck bigint;
begin
  perform private.admin_require('see the console');
  if to_regclass('public.reports') is not null then
    begin
      execute 'select count(*) from public.reports where status = ''open''' into v_reports;
    exception when undefined_column then
      v_reports := null;
    end;
  end if;
  select coalesce(sum(m.queue_length) filter (where m.queue_name like '%\_dlq'), 0),
         count(*) filter (where m.queue_name not like '%\_dlq' and m.oldest_msg_age_sec > 300)
    into v_dead, v_stuck
    from pgmq.metrics_all() m;
  return query select
    v_reports,
    (select count(*) from auth.users),
    (select count(*) from public.disputes d where d.state = 'open'),
    (select count(distinct p.booking_id) from public.payments p
      where p.payout_state = 'failed' or p.refund_state = 'failed'),
    v_dead,
    v_stuck,
    (select count(*) from public.outbox o where o.status = 'failed'),
    (select count(*) from public.admin_audit_log a where a.at > now() - interval '1 day');
end $$;

create or replace function public.admin_console_counts()
returns table (
  open_reports bigint, users bigint, open_disputes bigint, payment_problems bigint,
  dead_letters bigint, stuck_queues bigint, failed_outbox bigint, audit_today bigint
)
language sql stable security invoker set search_path = '' as $$
  select * from private.admin_console_counts()
$$;

-- auditing the money decisions ------------------------------------------------------------------------
-- resolve_dispute and retry_payment_work predate the audit log. Triggers on the rows they change
-- record them (when the caller is an admin) instead of copies of those long functions: whatever
-- later version of them lands is audited too, in its own transaction.

/* A dispute decided by an admin: its state, decision, share and note before and after. */
create or replace function private.audit_dispute_decision() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if private.is_admin() then
    perform private.admin_audit('dispute.resolve', 'booking', new.booking_id::text,
      jsonb_build_object('state', old.state, 'decision', old.decision,
                         'musician_share_minor', old.musician_share_minor, 'note', old.note),
      jsonb_build_object('state', new.state, 'decision', new.decision,
                         'musician_share_minor', new.musician_share_minor, 'note', new.note),
      new.note);
  end if;
  return null;
end $$;

drop trigger if exists disputes_admin_audit on public.disputes;
create trigger disputes_admin_audit after update of state on public.disputes
  for each row when (old.state is distinct from new.state)
  execute function private.audit_dispute_decision();

/* A failed payout or refund an admin sent back to the provider (one row per payment part). */
create or replace function private.audit_payment_retry() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if private.is_admin() then
    perform private.admin_audit('payment.retry', 'booking', new.booking_id::text,
      jsonb_build_object('part', old.part, 'payout_state', old.payout_state,
                         'payout_error', old.payout_error, 'refund_state', old.refund_state,
                         'refund_error', old.refund_error, 'work_attempts', old.work_attempts,
                         'work_gave_up_at', old.work_gave_up_at),
      jsonb_build_object('part', new.part, 'payout_state', new.payout_state,
                         'payout_error', new.payout_error, 'refund_state', new.refund_state,
                         'refund_error', new.refund_error, 'work_attempts', new.work_attempts,
                         'work_gave_up_at', new.work_gave_up_at));
  end if;
  return null;
end $$;

drop trigger if exists payments_admin_retry_audit on public.payments;
create trigger payments_admin_retry_audit after update of payout_state, refund_state
  on public.payments
  for each row when ((old.payout_state = 'failed' and new.payout_state = 'pending')
                     or (old.refund_state = 'failed' and new.refund_state = 'pending'))
  execute function private.audit_payment_retry();

-- grants -------------------------------------------------------------------------------------------------
revoke all on function private.admin_ops_dlq(text),
  private.admin_ops_limit(integer, integer), private.admin_ops_mask(text),
  private.admin_ops_take_letter(text, bigint), private.audit_dispute_decision(),
  private.audit_payment_retry()
  from public, anon, authenticated;
revoke all on function
  private.admin_queue_metrics(), public.admin_queue_metrics(),
  private.admin_dead_letters(text, integer), public.admin_dead_letters(text, integer),
  private.admin_retry_dead_letter(text, bigint), public.admin_retry_dead_letter(text, bigint),
  private.admin_delete_dead_letter(text, bigint), public.admin_delete_dead_letter(text, bigint),
  private.admin_failed_outbox(integer), public.admin_failed_outbox(integer),
  private.admin_retry_outbox(uuid), public.admin_retry_outbox(uuid),
  private.admin_console_counts(), public.admin_console_counts()
  from public, anon, authenticated;
-- The public wrappers are security invoker: the caller needs the private function too, which
-- checks the admin itself.
grant execute on function
  private.admin_queue_metrics(), public.admin_queue_metrics(),
  private.admin_dead_letters(text, integer), public.admin_dead_letters(text, integer),
  private.admin_retry_dead_letter(text, bigint), public.admin_retry_dead_letter(text, bigint),
  private.admin_delete_dead_letter(text, bigint), public.admin_delete_dead_letter(text, bigint),
  private.admin_failed_outbox(integer), public.admin_failed_outbox(integer),
  private.admin_retry_outbox(uuid), public.admin_retry_outbox(uuid),
  private.admin_console_counts(), public.admin_console_counts()
  to authenticated;
