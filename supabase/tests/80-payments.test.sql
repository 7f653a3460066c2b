-- Escrow payments: the state machine's transitions and refusals, the ledger's invariants, and RLS
-- from the attacker's side (a stranger, a party writing directly, a non-admin deciding).
begin;
select plan(42);

select tests.create_booking_cast();
select tests.authenticate_as('venue');
create temp table b1 as select tests.create_booking('Jazz night one', 30) as id;
create temp table b2 as select tests.create_booking('Jazz night two', 40) as id;
create temp table b3 as select tests.create_booking('Jazz night three', 3) as id;
create temp table b4 as select tests.create_booking('Jazz night four', 50) as id;
create temp table b5 as select tests.create_booking('Jazz night five', 60) as id;
grant select on b1, b2, b3, b4, b5 to authenticated, service_role;

-- checkout ---------------------------------------------------------------------------------------------
select tests.authenticate_as('maya');
select throws_ok($$ select public.open_checkout((select id from b1), 'builtin') $$,
  'SC403', 'Only the client pays for a booking', 'The musician cannot open the checkout');
select tests.authenticate_as('mallory');
select throws_ok($$ select public.open_checkout((select id from b1), 'builtin') $$,
  'SC404', 'Booking not found', 'A stranger gets 404 for the checkout');
select tests.authenticate_as('venue');
select throws_ok($$ select public.release_payment((select id from b1)) $$,
  'SC409', 'This booking has not been paid', 'Nothing to release before a checkout');
select is((select state from public.open_checkout((select id from b1), 'builtin')), 'checkout_open',
  'The client opens the checkout');
select results_eq($$ select fee_minor, platform_fee_minor, provider_fee_minor, total_minor
                     from public.payments where booking_id = (select id from b1) $$,
  $$ values (50000::bigint, 2500::bigint, 0::bigint, 52500::bigint) $$,
  'Amounts come from the booking: fee, 5% platform fee, no built-in provider fee');
select throws_ok($$ select public.open_checkout((select id from b1), 'paypal') $$,
  'SC400', 'Unknown payment provider', 'An unknown provider is refused');
select throws_ok($$ select private.mark_held((select id from public.payments limit 1), 52500, 'EUR', 'x', null, 3) $$,
  '42501', null, 'A user cannot mark funds held');

-- held -------------------------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
select is(private.mark_held((select id from public.payments where booking_id = (select id from b1)),
  1, 'EUR', 'pay_1', null, 3), 'mismatch', 'An amount that differs from the checkout is not applied');
select is(private.mark_held((select id from public.payments where booking_id = (select id from b1)),
  52500, 'EUR', 'pay_1', null, 3), 'applied', 'The provider''s capture holds the funds');
select is(private.mark_held((select id from public.payments where booking_id = (select id from b1)),
  52500, 'EUR', 'pay_1', null, 3), 'stale', 'The same capture again posts nothing');
select is((select count(*)::int from public.ledger_transactions where booking_id = (select id from b1)), 1,
  'One capture posted');
select is((select sum(amount_minor)::bigint from public.ledger_entries
            where booking_id = (select id from b1) and account = 'escrow'), 52500::bigint,
  'The escrow holds the total');
select ok((select release_at = (select ends_at from public.bookings where id = (select id from b1)) + interval '3 days'
             from public.payments where booking_id = (select id from b1)), 'release_at is 3 days after the gig');

-- RLS from the attacker's side -------------------------------------------------------------------------
select tests.authenticate_as('mallory');
select is((select count(*)::int from public.payments), 0, 'A stranger sees no payment');
select is((select count(*)::int from public.ledger_entries), 0, 'A stranger sees no ledger entry');
select is((select count(*)::int from public.payment_events), 0, 'A stranger sees no event');
select throws_ok($$ select public.release_payment((select id from b1)) $$,
  'SC404', 'Booking not found', 'A stranger cannot release');
select throws_ok($$ select public.resolve_dispute((select id from b1), 'refund', null, 'mine') $$,
  'SC404', 'Dispute not found', 'A non-admin cannot decide a dispute');
select tests.authenticate_as('venue');
select throws_ok($$ update public.payments set state = 'released' $$, '42501', null,
  'A party cannot write the payment');
select throws_ok($$ insert into public.ledger_entries (transaction_id, booking_id, account, amount_minor, currency)
                    values (gen_random_uuid(), (select id from b1), 'escrow', -1, 'EUR') $$, '42501', null,
  'A party cannot write the ledger');
select is((select count(*)::int from public.ledger_entries), 2, 'The client reads the ledger of their booking');
select throws_ok($$ select public.refund_payment((select id from b1), null) $$,
  'SC403', 'Only the musician can refund', 'The client cannot refund themselves');

-- release and refusals ---------------------------------------------------------------------------------
select is((select state from public.release_payment((select id from b1))), 'released', 'The client releases');
select throws_ok($$ select public.release_payment((select id from b1)) $$,
  'SC409', 'Only held funds can be released', 'A second release is refused');
select tests.authenticate_as('maya');
select throws_ok($$ select public.refund_payment((select id from b1), null) $$,
  'SC409', 'Only held funds can be refunded', 'No refund after release');
select results_eq($$ select account, sum(amount_minor)::bigint from public.ledger_entries
                      where booking_id = (select id from b1) group by account order by account $$,
  $$ values ('client_funds', -52500::bigint), ('escrow', 0::bigint), ('musician_payable', 50000::bigint),
            ('platform_fees', 2500::bigint) $$,
  'After release: escrow empty, the musician is owed the fee, the platform its fee');

-- dispute, decided by an admin -------------------------------------------------------------------------
select tests.authenticate_as('venue');
select public.open_checkout((select id from b2), 'builtin');
select tests.authenticate_as_service_role();
select private.mark_held((select id from public.payments where booking_id = (select id from b2)),
  52500, 'EUR', 'pay_2', null, 3);
-- Force the release date into the past: a disputed payment must still not auto-release.
update public.payments set release_at = now() - interval '1 day' where booking_id = (select id from b2);
select tests.authenticate_as('maya');
select is((select state from public.open_dispute((select id from b2), 'The client never paid the deposit')),
  'open', 'The musician opens a dispute');
select tests.authenticate_as_service_role();
select is(private.release_due_payments(), 0, 'Disputed funds are not auto-released');
select tests.authenticate_as('judge');
select throws_ok($$ select public.resolve_dispute((select id from b2), 'split', 0, null) $$,
  'SC400', 'A split gives the musician part of the fee', 'A split needs a share of the fee');
select is((select resolution from public.resolve_dispute((select id from b2), 'split', 30000, 'Half played')),
  'split', 'The admin splits');
select results_eq($$ select account, sum(amount_minor)::bigint from public.ledger_entries
                      where booking_id = (select id from b2) group by account order by account $$,
  $$ values ('client_funds', -52500::bigint), ('escrow', 0::bigint), ('musician_payable', 30000::bigint),
            ('platform_fees', 2500::bigint), ('refunds', 20000::bigint) $$,
  'The split posts the musician''s share and refunds the rest of the fee');

-- auto-release ------------------------------------------------------------------------------------------
select tests.authenticate_as('venue');
select public.open_checkout((select id from b4), 'builtin');
select tests.authenticate_as_service_role();
select private.mark_held((select id from public.payments where booking_id = (select id from b4)),
  52500, 'EUR', 'pay_4', null, 3);
select is(private.release_due_payments(), 0, 'Nothing is released before its date');
update public.payments set release_at = now() - interval '1 minute' where booking_id = (select id from b4);
select is(private.release_due_payments(), 1, 'Held funds past their date are released');
select is((select state from public.payments where booking_id = (select id from b4)), 'released',
  'The auto-released payment is released');
select tests.authenticate_as('venue');
select throws_ok($$ select private.release_due_payments() $$, '42501', null,
  'A user cannot run the auto-release');

-- cancellation inside 7 days: the client owes half ------------------------------------------------------
select tests.authenticate_as('venue');
select public.open_checkout((select id from b3), 'builtin');
select tests.authenticate_as_service_role();
select private.mark_held((select id from public.payments where booking_id = (select id from b3)),
  52500, 'EUR', 'pay_3', null, 3);
select tests.authenticate_as('venue');
select public.cancel_booking((select id from b3), 'The venue flooded');
select results_eq($$ select state, refunded_minor from public.payments where booking_id = (select id from b3) $$,
  $$ values ('partially_refunded', 25000::bigint) $$,
  'A client cancelling inside 7 days gets half the fee back, per the booking''s terms');

-- paid after the booking was cancelled: all of it back ------------------------------------------------
select tests.authenticate_as('venue');
select public.open_checkout((select id from b5), 'builtin');
select public.cancel_booking((select id from b5), 'Plans changed');
select tests.authenticate_as_service_role();
select is(private.mark_held((select id from public.payments where booking_id = (select id from b5)),
  52500, 'EUR', 'pay_5', null, 3), 'applied', 'A late capture on a cancelled booking is recorded');
select results_eq($$ select state, refunded_minor from public.payments where booking_id = (select id from b5) $$,
  $$ values ('refunded', 52500::bigint) $$, 'and refunded in full at once, never held for release');

-- invariants -------------------------------------------------------------------------------------------
reset role;
-- Checked at the end of each statement from here, so the refusals show inside this transaction.
set constraints ledger_entries_balanced immediate;
select throws_ok($$
  with t as (insert into public.ledger_transactions (booking_id, payment_id, kind, currency)
             values ((select id from b2), (select id from public.payments where booking_id = (select id from b2)),
                     'payout', 'EUR') returning id)
  insert into public.ledger_entries (transaction_id, booking_id, account, amount_minor, currency)
  select id, (select id from b2), 'payouts', 5, 'EUR' from t $$,
  'SC409', 'A ledger transaction must balance', 'An unbalanced transaction is refused at commit');
select throws_ok($$
  with t as (insert into public.ledger_transactions (booking_id, payment_id, kind, currency)
             values ((select id from b1), (select id from public.payments where booking_id = (select id from b1)),
                     'refund', 'EUR') returning id)
  insert into public.ledger_entries (transaction_id, booking_id, account, amount_minor, currency)
  select id, (select id from b1), a, x, 'EUR' from t, (values ('escrow', -5), ('refunds', 5)) v(a, x) $$,
  'SC409', 'Escrow cannot go negative', 'A posting that would overdraw the escrow is refused');
select throws_ok($$ update public.ledger_entries set amount_minor = 1 where id = (select min(id) from public.ledger_entries) $$,
  'SC409', 'The ledger is append-only', 'Entries cannot be changed');
select throws_ok($$
  with t as (insert into public.ledger_transactions (booking_id, payment_id, kind, currency)
             values ((select id from b1), (select id from public.payments where booking_id = (select id from b1)),
                     'payout', 'EUR') returning id)
  insert into public.ledger_entries (transaction_id, booking_id, account, amount_minor, currency)
  select id, (select id from b1), 'payouts', 5, 'USD' from t $$,
  '23503', null, 'An entry in another currency than its transaction is refused');

select * from finish();
rollback;
