-- Admin operations (20261217000400_admin_ops.sql): queue metrics, dead letters (inspect, retry,
-- delete), failed outbox rows (inspect, retry), the console's counts, and the audit of every
-- change, the money decisions included. Non-admins are refused everything.
begin;
select plan(32);

select tests.create_booking_cast();
select tests.authenticate_as('venue');
create temp table b1 as select tests.create_booking('Ops night one', 30) as id;
create temp table b2 as select tests.create_booking('Ops night two', 40) as id;
grant select on b1, b2 to authenticated, service_role;

-- dead letters as the worker writes them, a failed DJ run, failed outbox rows ---------------------------
select tests.authenticate_as_service_role();
create temp table run as select gen_random_uuid() as id;
grant select on run to authenticated, service_role;
insert into public.dj_runs (id, user_id, prompt, length, status, stage, error)
select id, tests.get_supabase_uid('maya'), 'music for studying', 10, 'failed', null,
       'The playlist could not be made.' from run;
select pgmq.send('ai_dlq'::text, jsonb_build_object('queue', 'ai', 'msg_id', 7, 'attempts', 5,
  'error', 'provider down', 'message', jsonb_build_object('kind', 'dj_run', 'job_id', id,
  'stage', 'search', 'idempotency_key', 'dj_run:' || id || ':search'))) from run;
select pgmq.send('ai_dlq'::text, '{"queue": "ai", "msg_id": 8, "attempts": 5, "error": "boom",
  "message": {"kind": "other", "idempotency_key": "other:1"}}'::jsonb);
create temp table letters as select msg_id, message ->> 'error' as error from pgmq.q_ai_dlq;
grant select on letters to authenticated, service_role;
insert into public.outbox (channel, recipient, subject, body, status, attempts, last_error)
values ('email', 'ana.lopez@example.com', 'You are booked', 'Open {{site}}/bookings', 'failed', 5,
        'SMTP said no'),
       ('sms', '+441234567890', null, 'Your gig starts soon', 'failed', 5, 'Twilio said no');

-- non-admins ------------------------------------------------------------------------------------------
select tests.authenticate_as('mallory');
select throws_ok($$ select * from public.admin_queue_metrics() $$, 'SC403', null,
  'A non-admin cannot see queue metrics');
select throws_ok($$ select * from public.admin_dead_letters('ai_dlq', 10) $$, 'SC403', null,
  'A non-admin cannot read dead letters');
select throws_ok($$ select public.admin_retry_dead_letter('ai_dlq', (select min(msg_id) from letters)) $$,
  'SC403', null, 'A non-admin cannot retry a dead letter');
select throws_ok($$ select public.admin_delete_dead_letter('ai_dlq', (select min(msg_id) from letters)) $$,
  'SC403', null, 'A non-admin cannot delete a dead letter');
select throws_ok($$ select * from public.admin_failed_outbox(10) $$, 'SC403', null,
  'A non-admin cannot read failed e-mails');
select throws_ok($$ select public.admin_retry_outbox(gen_random_uuid()) $$, 'SC403', null,
  'A non-admin cannot retry an e-mail');
select throws_ok($$ select * from public.admin_console_counts() $$, 'SC403', null,
  'A non-admin cannot see the console counts');
select tests.clear_authentication();
select throws_ok($$ select * from public.admin_queue_metrics() $$, '42501', null,
  'An anonymous visitor cannot even call them');

-- metrics and validation ----------------------------------------------------------------------------------
select tests.authenticate_as('judge');
select results_eq(
  $$ select is_dlq, depth, dlq_depth from public.admin_queue_metrics() where queue_name = 'ai' $$,
  $$ values (false, 0::bigint, 2::bigint) $$, 'A queue shows its depth and its dead letters');
select results_eq(
  $$ select is_dlq, depth, dlq_depth, oldest_age_sec >= 0, total_sent >= 2
       from public.admin_queue_metrics() where queue_name = 'ai_dlq' $$,
  $$ values (true, 2::bigint, null::bigint, true, true) $$,
  'A dead-letter queue is listed with its own depth and age');
select throws_ok($$ select * from public.admin_dead_letters('ai', 10) $$, 'SC400',
  'Choose one of the dead-letter queues', 'Only a dead-letter queue can be inspected');
select throws_ok($$ select * from public.admin_dead_letters('nope_dlq', 10) $$, 'SC400',
  'Choose one of the dead-letter queues', 'An unknown queue is refused');
select throws_ok($$ select * from public.admin_dead_letters('ai_dlq', 0) $$, 'SC400',
  'Show between 1 and 500 at a time', 'The limit is checked');
select results_eq(
  $$ select message ->> 'error' from public.admin_dead_letters('ai_dlq', 10) $$,
  $$ values ('boom'), ('provider down') $$, 'Dead letters come newest first with their error');

-- retry ---------------------------------------------------------------------------------------------------
select isnt(public.admin_retry_dead_letter('ai_dlq',
  (select msg_id from letters where error = 'provider down')), null, 'The admin retries one');
select tests.authenticate_as_service_role();
select results_eq(
  $$ select message ->> 'stage', message ? 'error', read_ct from pgmq.q_ai $$,
  $$ values ('search', false, 0) $$, 'The original job is back on its queue, fresh');
select results_eq($$ select msg_id from pgmq.q_ai_dlq $$,
  $$ select msg_id from letters where error = 'boom' $$, 'and gone from the dead-letter queue');
select results_eq($$ select status, stage, error from public.dj_runs where id = (select id from run) $$,
  $$ values ('queued', 'search', null::text) $$, 'The failed run is queued again at that stage');
select results_eq(
  $$ select actor_id, target_id, before ->> 'error', after -> 'job_row' ->> 'status'
       from public.admin_audit_log where action = 'queue.retry_dead_letter' $$,
  $$ select tests.get_supabase_uid('judge'),
            'ai_dlq:' || (select msg_id from letters where error = 'provider down'),
            'provider down', 'queued' $$,
  'The retry is audited with the error before and the job after');
select tests.authenticate_as('judge');
select throws_ok($$ select public.admin_retry_dead_letter('ai_dlq',
    (select msg_id from letters where error = 'provider down')) $$,
  'SC404', 'That dead letter is not there any more', 'A retried letter cannot be retried twice');

-- delete --------------------------------------------------------------------------------------------------
select public.admin_delete_dead_letter('ai_dlq', (select msg_id from letters where error = 'boom'));
select is_empty($$ select * from public.admin_dead_letters('ai_dlq', 10) $$,
  'A deleted letter is gone');
select results_eq(
  $$ select before -> 'job' ->> 'kind', after ->> 'deleted' from public.admin_audit_log
      where action = 'queue.delete_dead_letter' $$,
  $$ values ('other', 'true') $$, 'The deletion is audited with what was deleted');

-- outbox --------------------------------------------------------------------------------------------------
select set_eq($$ select channel, recipient, last_error from public.admin_failed_outbox(10) $$,
  $$ values ('email', 'an•••@example.com', 'SMTP said no'), ('sms', '+44••••••7890', 'Twilio said no') $$,
  'Failed e-mails and SMS show their error and a masked recipient');
select public.admin_retry_outbox((select id from public.admin_failed_outbox(10) where channel = 'email'));
select tests.authenticate_as_service_role();
select results_eq($$ select status, attempts from public.outbox where recipient = 'ana.lopez@example.com' $$,
  $$ values ('pending', 0) $$, 'A retried e-mail starts over');
select results_eq(
  $$ select count(*)::int from pgmq.q_notify q join public.outbox o on o.id::text = q.message ->> 'outbox_id'
      where o.recipient = 'ana.lopez@example.com' and q.message ->> 'idempotency_key' = 'deliver:' || o.id || ':0' $$,
  $$ values (1) $$, 'and gets a fresh deliver job');
select results_eq(
  $$ select before ->> 'status', after ->> 'status', before ->> 'last_error'
       from public.admin_audit_log where action = 'outbox.retry' $$,
  $$ values ('failed', 'pending', 'SMTP said no') $$, 'The outbox retry is audited');
select tests.authenticate_as('judge');
select throws_ok($$ select public.admin_retry_outbox((select id from public.outbox limit 1)) $$,
  '42501', null, 'Admins do not read the outbox directly');
select throws_ok($$ select public.admin_retry_outbox(gen_random_uuid()) $$,
  'SC404', 'Message not found', 'An unknown message is not found');
select results_eq(
  $$ select failed_outbox, dead_letters, open_disputes from public.admin_console_counts() $$,
  $$ values (1::bigint, 0::bigint, 0::bigint) $$, 'The console counts what is waiting');

-- the money decisions are audited ------------------------------------------------------------------------
select tests.authenticate_as('venue');
select public.open_checkout((select id from b1), 'builtin');
select public.open_checkout((select id from b2), 'builtin');
select tests.authenticate_as_service_role();
select private.mark_held(p.id, p.total_minor, 'EUR', 'ch_' || p.id, null, 3)
  from public.payments p where p.booking_id in (select id from b1 union all select id from b2);
select tests.authenticate_as('venue');
select public.release_payment((select id from b1));
select tests.authenticate_as_service_role();
update public.payments set payout_state = 'failed', payout_error = 'No such destination',
       work_attempts = 8, work_gave_up_at = now()
 where booking_id = (select id from b1);
-- The worker (service role) moving failed work on is not an admin action.
update public.payments set payout_state = 'pending' where booking_id = (select id from b1);
update public.payments set payout_state = 'failed' where booking_id = (select id from b1);
select tests.authenticate_as('maya');
select public.open_dispute((select id from b2), 'Half the set was cut');
select tests.authenticate_as('judge');
select public.retry_payment_work((select id from b1));
select public.resolve_dispute((select id from b2), 'split', 25000, 'Half played');
select results_eq(
  $$ select before ->> 'payout_state', after ->> 'payout_state', before ->> 'payout_error'
       from public.admin_audit_log where action = 'payment.retry' and target_id = (select id from b1)::text $$,
  $$ values ('failed', 'pending', 'No such destination') $$,
  'An admin''s payout retry is audited once, the worker''s moves are not');
select results_eq(
  $$ select actor_id, before ->> 'state', after ->> 'state', after ->> 'decision', reason
       from public.admin_audit_log where action = 'dispute.resolve' $$,
  $$ select tests.get_supabase_uid('judge'), 'open', 'resolved', 'split', 'Half played' $$,
  'A dispute decision is audited with its note');
select is((select count(*)::int from public.admin_audit_log), 5,
  'Every admin change left one row, and nothing else did');

select * from finish();
rollback;
