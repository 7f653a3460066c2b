-- A verified provider event stored and applied by one call (private.take_payment_event): once by
-- (provider, event id), by the payment's state not by arrival, flagged when it matches no payment
-- or not the checkout's amount, found by the provider's reference when it carries no id of ours;
-- events that are not about a payment are stored and left to the caller. Users cannot call it.
begin;
select plan(26);

select tests.create_booking_cast();
select tests.authenticate_as('venue');
create temp table p1 as select p.id, p.booking_id, p.total_minor, p.currency
  from public.open_checkout(tests.create_booking('Event night one', 30), 'builtin') p;
create temp table p2 as select p.id, p.booking_id, p.total_minor, p.currency
  from public.open_checkout(tests.create_booking('Event night two', 40), 'builtin') p;
create temp table p3 as select p.id, p.booking_id, p.total_minor, p.currency
  from public.open_checkout(tests.create_booking('Event night three', 50), 'builtin') p;
create temp table p4 as select p.id, p.booking_id, p.total_minor, p.currency
  from public.open_checkout(tests.create_booking('Event night four', 60), 'builtin') p;
grant select on p1, p2, p3, p4 to authenticated, service_role;

-- The webhook's call, as lib/domains/payments/events.ts makes it.
create function pg_temp.result(p_event text, p_kind text, p_payment uuid, p_ref text,
  p_amount bigint, p_currency text) returns text
language sql as $$
  select result from private.take_payment_event('builtin', p_event, p_kind || '.provider', p_kind,
    p_payment, p_ref, p_amount, p_currency,
    jsonb_build_object('event', jsonb_build_object('id', p_event, 'type', p_kind,
      'paymentId', p_payment, 'amountMinor', p_amount, 'currency', p_currency,
      'providerRef', p_ref), 'raw', '{}'::jsonb), 3)
$$;

select throws_ok($$ select pg_temp.result('evt_user', 'payment.succeeded', (select id from p1),
    'ch_1', (select total_minor from p1), (select currency from p1)) $$,
  '42501', null, 'A user cannot store or apply a provider event');

select tests.authenticate_as_service_role();

-- Captured once, however often the provider sends it.
select is(pg_temp.result('evt_1', 'payment.succeeded', p.id, 'ch_1', p.total_minor, p.currency),
  'applied', 'The capture applies') from p1 p;
select is((select state from public.payments where id = (select id from p1)), 'held',
  'The money is held');
select is(pg_temp.result('evt_1', 'payment.succeeded', p.id, 'ch_1', p.total_minor, p.currency),
  'duplicate', 'The same event again is a duplicate') from p1 p;
select is((select count(*)::int from public.ledger_transactions
            where payment_id = (select id from p1) and kind = 'capture'), 1,
  'One capture posting');
select is((select applied_at is not null from public.payment_events where event_id = 'evt_1'), true,
  'The event is marked applied');
select is((select booking_id from public.payment_events where event_id = 'evt_1'),
  (select booking_id from p1), 'The event is filed under its booking');

-- Flagged, nothing posted: no such payment; an amount that is not the checkout's.
select is(pg_temp.result('evt_nobody', 'payment.succeeded', gen_random_uuid(), 'ch_x', 100, 'EUR'),
  'flagged', 'An event for no payment of ours is flagged');
select is((select flagged_reason from public.payment_events where event_id = 'evt_nobody'),
  'No payment of this provider matches the event', 'It says why');
select is(pg_temp.result('evt_short', 'payment.succeeded', p.id, 'ch_2', p.total_minor - 1,
  p.currency), 'flagged', 'A capture of another amount is flagged') from p2 p;
select is((select state from public.payments where id = (select id from p2)), 'checkout_open',
  'The checkout stays open');
select is((select count(*)::int from public.ledger_transactions where payment_id = (select id from p2)),
  0, 'Nothing is posted for it');

-- Out of order: a dispute before the capture waits, and applies with the capture.
select is(pg_temp.result('evt_early_dispute', 'dispute.created', p.id, null, null, null),
  'pending', 'A dispute before the capture waits') from p3 p;
select is(pg_temp.result('evt_3', 'payment.succeeded', p.id, 'ch_3', p.total_minor, p.currency),
  'applied', 'The capture applies') from p3 p;
select is((select state from public.payments where id = (select id from p3)), 'disputed',
  'The waiting dispute applied after the capture: the money is frozen');
select is((select applied_at is not null from public.payment_events
            where event_id = 'evt_early_dispute'), true, 'The waiting event is marked applied');

-- A dispute that carries only the provider's payment reference (as Stripe's does).
select is(pg_temp.result('evt_ref_dispute', 'dispute.created', null, 'ch_1', null, null),
  'applied', 'An event found by the provider''s reference applies');
select is((select payload -> 'event' ->> 'paymentId' from public.payment_events
            where event_id = 'evt_ref_dispute'), (select id::text from p1),
  'The stored event names the payment it was found to be about');

-- Past this point, and not about a payment at all.
select is(pg_temp.result('evt_1_late', 'payment.succeeded', p.id, 'ch_1', p.total_minor,
  p.currency), 'stale', 'A capture for frozen money changes nothing') from p1 p;
select is(pg_temp.result('evt_account', 'unknown', null, 'acct_1', null, null), 'unknown',
  'An event about no payment is left to the caller');
select results_eq(
  $$ select booking_id, applied_at, flagged_reason from public.payment_events
      where event_id = 'evt_account' $$,
  $$ values (null::uuid, null::timestamptz, null::text) $$,
  'It is stored, neither applied nor flagged');

-- The musician's bank refuses a payout of the released money: failed, given up, the musician told.
select pg_temp.result('evt_4', 'payment.succeeded', p.id, 'ch_4', p.total_minor, p.currency) from p4 p;
update public.payments set state = 'released', payout_state = 'pending', payout_ref = 'tr_4'
 where id = (select id from p4);
select is(private.fail_payout((select id from p4), 'tr_other', 'Closed'), 'stale',
  'A refusal of another transfer''s payout changes nothing');
select is(pg_temp.result('evt_bounce', 'payout.failed', (select id from p4), 'tr_4', null, null),
  'applied', 'The bank''s refusal applies');
select results_eq(
  $$ select payout_state, payout_ref, payout_error, work_gave_up_at is not null
       from public.payments where id = (select id from p4) $$,
  $$ values ('failed', null::text, 'The bank refused the payout: no reason given. '
             || 'Check the bank details of the payout account', true) $$,
  'The payout is failed and not retried by itself, with the bank''s reason');
select is((select count(*)::int from public.notifications
            where kind = 'payout_failed' and user_id = tests.get_supabase_uid('maya')), 1,
  'The musician is told');
select is(pg_temp.result('evt_bounce_2', 'payout.failed', (select id from p4), 'tr_4', null, null),
  'stale', 'A second refusal of the same payout changes nothing');

select * from finish();
rollback;
