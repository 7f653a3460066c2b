-- The payments queue and the reconcile: settling a payment queues its provider work (and nothing
-- else does), the reconcile is queued once a day, giving up tells the musician, and drift, runs
-- and the admins' problem list are for admins only.
begin;
select plan(28);

select tests.create_booking_cast();
select tests.authenticate_as('venue');
create temp table q1 as select tests.create_booking('Queue night one', 30) as id;
create temp table q2 as select tests.create_booking('Queue night two', 40) as id;
grant select on q1, q2 to authenticated, service_role;
select public.open_checkout((select id from q1), 'builtin');
select public.open_checkout((select id from q2), 'builtin');

-- the queue -----------------------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
select ok(exists (select from pgmq.meta where queue_name = 'payments'), 'The payments queue exists');
select ok(exists (select from pgmq.meta where queue_name = 'payments_dlq'),
  'Its dead-letter queue exists');
select private.mark_held(p.id, p.total_minor, 'EUR', 'ch_' || p.id, null, 3)
  from public.payments p where p.booking_id in (select id from q1 union all select id from q2);
create temp table jobs_before as select count(*)::int as n from pgmq.q_payments
  where message ->> 'kind' = 'provider_work';
grant select on jobs_before to authenticated, service_role;
select is((select n from jobs_before), 0, 'Holding funds queues no provider work');

-- settling queues work ------------------------------------------------------------------------------------
select tests.authenticate_as('venue');
select public.release_payment((select id from q1));
select tests.authenticate_as('maya');
select public.refund_payment((select id from q2), 10000);
select tests.authenticate_as_service_role();
select is((select count(*)::int from pgmq.q_payments q join public.payments p
            on q.message ->> 'payment_id' = p.id::text
           where p.booking_id = (select id from q1) and q.message ->> 'kind' = 'provider_work'), 1,
  'A release queues one provider job for its payout');
select is((select count(*)::int from pgmq.q_payments q join public.payments p
            on q.message ->> 'payment_id' = p.id::text
           where p.booking_id = (select id from q2) and q.message ->> 'kind' = 'provider_work'), 1,
  'A partial refund queues one job for its refund and payout');
select ok((select bool_and(q.message ->> 'idempotency_key' like 'payments:work:%')
             from pgmq.q_payments q where q.message ->> 'kind' = 'provider_work'),
  'Each job carries an idempotency key');

update public.payments set payout_state = 'failed', payout_error = 'timeout'
 where booking_id = (select id from q1);
update public.payments set payout_state = 'pending', payout_ref = 'bi_tr_x', payout_error = null
 where booking_id = (select id from q1);
select is((select count(*)::int from pgmq.q_payments where message ->> 'kind' = 'provider_work'), 2,
  'A transfer made (pending with its ref) queues nothing more');

select throws_ok($$ update public.payments set work_attempts = -1 where booking_id = (select id from q1) $$,
  '23514', null, 'Attempts cannot be negative (payments_work_attempts_check)');

-- giving up -----------------------------------------------------------------------------------------------
update public.payments set payout_state = 'failed', payout_ref = null,
       payout_error = 'No such destination', work_attempts = 8, work_gave_up_at = now()
 where booking_id = (select id from q2);
select is((select count(*)::int from public.notifications
            where user_id = tests.get_supabase_uid('maya') and kind = 'payout_failed'
              and body like 'Payout failed: No such destination.%'), 1,
  'Giving up tells the musician with the provider''s error');

-- the reconcile --------------------------------------------------------------------------------------------
select is(private.enqueue_payment_reconcile(), true, 'The first call of the day queues the reconcile');
select is(private.enqueue_payment_reconcile(), false, 'A second call the same day does not');
select is((select count(*)::int from pgmq.q_payments where message ->> 'kind' = 'reconcile'), 1,
  'One reconcile job is queued');

insert into public.payment_drift (payment_id, booking_id, provider, object, provider_ref, expected,
                                  actual, detail)
select p.id, p.booking_id, 'builtin', 'transfer', 'bi_tr_x', '{"amount_minor": 50000}',
       '{"amount_minor": 1}', 'transfer bi_tr_x: amount 1 at the provider, 50000 in the ledger'
  from public.payments p where p.booking_id = (select id from q1);
select throws_ok($$ insert into public.payment_drift (payment_id, booking_id, provider, object, expected, detail)
                    select p.id, p.booking_id, 'builtin', 'transfer', '{}', 'again'
                      from public.payments p where p.booking_id = (select id from q1) $$,
  '23505', null, 'One open drift row per payment and object (payment_drift_payment_id_object_key)');
select throws_ok($$ insert into public.payment_drift (payment_id, booking_id, provider, object, expected, detail)
                    select p.id, p.booking_id, 'builtin', 'charge', '{}', 'x'
                      from public.payments p where p.booking_id = (select id from q1) $$,
  '23514', null, 'Only payment, refund and transfer objects (payment_drift_object_check)');

-- access -------------------------------------------------------------------------------------------------
select tests.authenticate_as('maya');
select is_empty($$ select * from public.payment_drift $$, 'A party does not read drift');
select is_empty($$ select * from public.payment_reconcile_runs $$, 'A party does not read reconcile runs');
select throws_ok($$ select * from public.admin_payment_problems() $$,
  'SC403', 'Only admins see payment problems', 'A musician cannot list payment problems');
select throws_ok($$ select private.enqueue_payment_reconcile() $$,
  '42501', null, 'A user cannot queue the reconcile');
select throws_ok($$ insert into public.payment_drift (payment_id, booking_id, provider, object, expected, detail)
                    select id, booking_id, 'builtin', 'refund', '{}', 'x' from public.payments $$,
  '42501', null, 'A user cannot write drift');
select tests.authenticate_as('mallory');
select is_empty($$ select * from public.payments where work_gave_up_at is not null $$,
  'A stranger does not see someone''s failed payout');

select tests.authenticate_as('judge');
select is((select count(*)::int from public.payment_drift), 1, 'An admin reads drift');
select is((select count(*)::int from public.payment_reconcile_runs), 1, 'An admin reads the runs');
select results_eq($$ select gig_title, payout_state, work_attempts, drift_object
                     from public.admin_payment_problems() order by gig_title $$,
  $$ values ('Queue night one'::text, 'pending'::text, 0, 'transfer'::text),
            ('Queue night two', 'failed', 8, null) $$,
  'The admin''s list: the drifting payment and the failed payout');

-- an admin's retry -----------------------------------------------------------------------------------------
select is((select payout_state from public.retry_payment_work((select id from q2))), 'pending',
  'An admin retries the given-up payout');
select throws_ok($$ select public.retry_payment_work((select id from q1)) $$,
  'SC409', 'Nothing failed here to retry', 'A payment with nothing failed is not retried');
select tests.authenticate_as('maya');
select throws_ok($$ select public.retry_payment_work((select id from q2)) $$,
  'SC404', 'Payment not found', 'A musician cannot retry provider work');
select tests.authenticate_as_service_role();
select results_eq($$ select p.work_attempts, p.work_gave_up_at is null,
                            (select count(*)::int from pgmq.q_payments q
                              where q.message ->> 'payment_id' = p.id::text
                                and q.message ->> 'kind' = 'provider_work')
                       from public.payments p where p.booking_id = (select id from q2) $$,
  $$ values (0, true, 2) $$, 'The retry resets the attempts and queues a fresh job');

select tests.clear_authentication();
select throws_ok($$ select * from public.payment_drift $$, '42501', null, 'Anonymous visitors get nothing');

select * from finish();
rollback;
