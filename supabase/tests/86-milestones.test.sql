-- Optional milestones: a deposit and a balance, each its own payment; booking-level transitions
-- act on every part; the 'full' path is unchanged.
begin;
select plan(50);

select tests.create_booking_cast();
select tests.authenticate_as('venue');
create temp table m1 as select tests.create_booking('Deposit night', 30) as id;
create temp table m2 as select tests.create_booking('Too soon night', 10) as id;
create temp table m3 as select tests.create_booking('Cancelled night', 31) as id;
create temp table m4 as select tests.create_booking('Disputed night', 32) as id;
create temp table m5 as select tests.create_booking('Full night', 33) as id;
create temp table m6 as select tests.create_booking('Released deposit night', 34) as id;
create temp table m7 as select tests.create_booking('Completed night', 35) as id;
create temp table m8 as select tests.create_booking('Frozen deposit night', 36) as id;
grant select on m1, m2, m3, m4, m5, m6, m7, m8 to authenticated, service_role;

create function pg_temp.part(p_booking uuid, p_part text) returns uuid
language sql as $$ select id from public.payments where booking_id = p_booking and part = p_part $$;
create function pg_temp.hold(p_booking uuid, p_part text) returns text
language sql as $$
  select private.mark_held(p.id, p.total_minor, p.currency, 'ch_' || p.id, null, 3)
    from public.payments p where p.booking_id = p_booking and p.part = p_part
$$;
grant execute on function pg_temp.part(uuid, text), pg_temp.hold(uuid, text) to authenticated, service_role;

-- the choice and the amounts ------------------------------------------------------------------------------
select throws_ok($$ select public.open_checkout((select id from m2), 'builtin', 'deposit') $$,
  'SC409', 'A deposit is offered only for gigs more than 14 days ahead',
  'No deposit for a gig 14 days ahead or less');
select throws_ok($$ select public.open_checkout((select id from m1), 'builtin', 'half') $$,
  'SC400', 'Choose full, deposit or balance', 'An unknown part is refused');
select throws_ok($$ select public.open_checkout((select id from m1), 'builtin', 'balance') $$,
  'SC409', 'Pay the balance once the deposit is held', 'No balance before a deposit');
select is((select part || ':' || state from public.open_checkout((select id from m1), 'builtin', 'deposit')),
  'deposit:checkout_open', 'The client chooses a deposit');
select results_eq($$ select part, state, fee_minor, platform_fee_minor, total_minor from public.payments
                      where booking_id = (select id from m1) order by part desc $$,
  $$ values ('deposit', 'checkout_open', 12500::bigint, 625::bigint, 13125::bigint),
            ('balance', 'unpaid', 37500::bigint, 1875::bigint, 39375::bigint) $$,
  'A 25% deposit and the rest as the balance, each with its own fees');
select is((select sum(fee_minor)::bigint from public.payments where booking_id = (select id from m1)),
  (select fee_minor::bigint from public.bookings where id = (select id from m1)),
  'The parts add up to the booking fee exactly');
select ok((select due_at = (select starts_at from public.bookings where id = (select id from m1)) - interval '7 days'
             from public.payments where booking_id = (select id from m1) and part = 'balance'),
  'The balance is due 7 days before the start');
select throws_ok($$ select public.open_checkout((select id from m1), 'builtin') $$,
  'SC409', 'This booking is paid as a deposit and a balance', 'The choice stands: no full checkout now');
select throws_ok($$ select public.open_checkout((select id from m1), 'builtin', 'balance') $$,
  'SC409', 'Pay the balance once the deposit is held', 'Still no balance while the deposit is unpaid');
select tests.authenticate_as_service_role();
select throws_ok($$ select private.mark_held(pg_temp.part((select id from m1), 'balance'), 39375, 'EUR', 'x', null, 3) $$,
  'SC409', 'No checkout is open', 'An unpaid balance cannot be captured');
select is(pg_temp.hold((select id from m1), 'deposit'), 'applied', 'The deposit is captured');
select is(private.remind_balances_due(), 0, 'No reminder before the balance is due');

-- the balance --------------------------------------------------------------------------------------------
select tests.authenticate_as('venue');
select throws_ok($$ select public.open_checkout((select id from m1), 'stripe', 'balance') $$,
  'SC400', 'The balance is paid through the deposit''s provider', 'The balance goes through the same provider');
select is((select state from public.open_checkout((select id from m1), 'builtin', 'balance')), 'checkout_open',
  'Once the deposit is held the client opens the balance checkout');
select throws_ok($$ select public.open_checkout((select id from m1), 'builtin', 'deposit') $$,
  'SC409', 'The deposit is already paid', 'The deposit cannot be paid twice');
select tests.authenticate_as_service_role();
select is(pg_temp.hold((select id from m1), 'balance'), 'applied', 'The balance is captured');
select tests.authenticate_as('maya');
select throws_ok($$ select public.refund_payment((select id from m1), 50001) $$,
  'SC400', 'Refund between 1 and the fee, in minor units', 'A refund over the fee is refused');
select tests.authenticate_as('venue');
select is((select part || ':' || state from public.release_payment((select id from m1))), 'deposit:released',
  'The client releases: the deposit first');
select results_eq($$ select part, state from public.payments where booking_id = (select id from m1) order by part $$,
  $$ values ('balance', 'released'), ('deposit', 'released') $$, 'Both parts are released');
select results_eq($$ select account, sum(amount_minor)::bigint from public.ledger_entries
                      where booking_id = (select id from m1) group by account order by account $$,
  $$ values ('client_funds', -52500::bigint), ('escrow', 0::bigint), ('musician_payable', 50000::bigint),
            ('platform_fees', 2500::bigint) $$,
  'Both releases post balanced: the musician is owed the whole fee');
select is((select count(*)::int from public.ledger_transactions where booking_id = (select id from m1)), 4,
  'Two captures and two releases, one per part');
select throws_ok($$ select public.release_payment((select id from m1)) $$,
  'SC409', 'Only held funds can be released', 'A second release is refused');

-- a refund from held parts, the balance first --------------------------------------------------------------
select tests.authenticate_as('venue');
select public.open_checkout((select id from m4), 'builtin', 'deposit');
select tests.authenticate_as_service_role();
select pg_temp.hold((select id from m4), 'deposit');
-- The reminder: once, when the balance falls due unpaid.
update public.payments set due_at = now() - interval '1 minute'
 where booking_id = (select id from m4) and part = 'balance';
select is(private.remind_balances_due(), 1, 'The client is reminded when the balance falls due');
select is(private.remind_balances_due(), 0, 'and only once');
select is((select count(*)::int from public.notifications
            where user_id = tests.get_supabase_uid('venue') and kind = 'balance_due'), 1,
  'The reminder is a notification to the client');
select tests.authenticate_as('maya');
select throws_ok($$ select public.refund_payment((select id from m4), 20000) $$,
  'SC409', 'Only €125 is held: refund at most that', 'A refund over what is held is refused');

-- a dispute freezes both parts; the split takes the deposit first --------------------------------------------
select tests.authenticate_as('venue');
select public.open_checkout((select id from m4), 'builtin', 'balance');
select tests.authenticate_as_service_role();
select pg_temp.hold((select id from m4), 'balance');
select tests.authenticate_as('maya');
select is((select state from public.open_dispute((select id from m4), 'The venue cut the second set')), 'open',
  'The musician opens a dispute');
select results_eq($$ select part, state from public.payments where booking_id = (select id from m4) order by part $$,
  $$ values ('balance', 'disputed'), ('deposit', 'disputed') $$, 'The dispute freezes both parts');
select tests.authenticate_as('venue');
select throws_ok($$ select public.release_payment((select id from m4)) $$,
  'SC409', 'Only held funds can be released', 'Frozen parts cannot be released');
select tests.authenticate_as('judge');
select throws_ok($$ select public.resolve_dispute((select id from m4), 'split', 50000, 'All of it') $$,
  'SC400', 'A split gives the musician part of the fee', 'A split is part of the disputed fee');
select is((select part from public.resolve_dispute((select id from m4), 'split', 20000, 'One set played')),
  'deposit', 'The admin splits across both parts');
select results_eq($$ select part, resolution, refunded_minor from public.payments
                      where booking_id = (select id from m4) order by part $$,
  $$ values ('balance', 'split', 30000::bigint), ('deposit', 'released', 0::bigint) $$,
  'The musician''s share comes from the deposit first, then the balance');
select results_eq($$ select account, sum(amount_minor)::bigint from public.ledger_entries
                      where booking_id = (select id from m4) group by account order by account $$,
  $$ values ('client_funds', -52500::bigint), ('escrow', 0::bigint), ('musician_payable', 20000::bigint),
            ('platform_fees', 2500::bigint), ('refunds', 30000::bigint) $$,
  'The split posts balanced across the parts');
select is((select musician_share_minor::bigint from public.disputes where booking_id = (select id from m4)),
  20000::bigint, 'The dispute records the musician''s whole share');

-- cancellation inside 7 days with only the deposit held ------------------------------------------------------
select tests.authenticate_as('venue');
select public.open_checkout((select id from m3), 'builtin', 'deposit');
select tests.authenticate_as_service_role();
select pg_temp.hold((select id from m3), 'deposit');
reset role;
update public.bookings set starts_at = now() + interval '3 days', ends_at = now() + interval '3 days 2 hours'
 where id = (select id from m3);
select tests.authenticate_as('venue');
select public.cancel_booking((select id from m3), 'The venue flooded');
select results_eq($$ select part, state, refunded_minor from public.payments where booking_id = (select id from m3) $$,
  $$ values ('deposit', 'released', 0::bigint) $$,
  'The musician keeps her half of the fee out of the deposit; the unpaid balance is gone');

-- the full path, unchanged ------------------------------------------------------------------------------------
select is((select part || ':' || total_minor from public.open_checkout((select id from m5), 'builtin')),
  'full:52500', 'Without a choice the client pays in full, as before');
select throws_ok($$ select public.open_checkout((select id from m5), 'builtin', 'deposit') $$,
  'SC409', 'This booking is paid in full', 'The choice stands: no deposit now');
select tests.authenticate_as_service_role();
select pg_temp.hold((select id from m5), 'full');
select tests.authenticate_as('maya');
select is((select state || ':' || refunded_minor from public.refund_payment((select id from m5), 10000)),
  'partially_refunded:10000', 'A partial refund of a full payment is as before');

-- the balance is still owed once the deposit was released (review fixes) ---------------------------------
select tests.authenticate_as('venue');
select public.open_checkout((select id from m6), 'builtin', 'deposit');
select tests.authenticate_as_service_role();
select pg_temp.hold((select id from m6), 'deposit');
select tests.authenticate_as('venue');
select is((select part || ':' || state from public.release_payment((select id from m6))), 'deposit:released',
  'The client releases the deposit before paying the balance');
select tests.authenticate_as_service_role();
update public.payments set due_at = now() - interval '1 minute'
 where booking_id = (select id from m6) and part = 'balance';
select is(private.remind_balances_due(), 1, 'A balance still unpaid after the deposit was released is reminded');
select tests.authenticate_as('venue');
select is((select part || ':' || state from public.open_checkout((select id from m6), 'builtin', 'balance')),
  'balance:checkout_open', 'The balance can be paid after the deposit was released');
select tests.authenticate_as_service_role();
select is(pg_temp.hold((select id from m6), 'balance'), 'applied', 'and is captured');
-- A late cancellation by the client: the musician keeps half the fee in all, the released
-- deposit counting towards it (not half the fee on top of the deposit).
reset role;
update public.bookings set starts_at = now() + interval '3 days', ends_at = now() + interval '3 days 2 hours'
 where id = (select id from m6);
select tests.authenticate_as('venue');
select public.cancel_booking((select id from m6), 'The venue closed for the season');
select results_eq($$ select part, state, refunded_minor from public.payments
                      where booking_id = (select id from m6) order by part $$,
  $$ values ('balance', 'partially_refunded', 25000::bigint), ('deposit', 'released', 0::bigint) $$,
  'The released deposit counts towards the half the musician keeps');
select results_eq($$ select account, sum(amount_minor)::bigint from public.ledger_entries
                      where booking_id = (select id from m6) group by account order by account $$,
  $$ values ('client_funds', -52500::bigint), ('escrow', 0::bigint), ('musician_payable', 25000::bigint),
            ('platform_fees', 2500::bigint), ('refunds', 25000::bigint) $$,
  'The cancellation posts balanced: the musician is owed half the fee');

-- a completed booking's balance can still be paid --------------------------------------------------------
select tests.authenticate_as('venue');
select public.open_checkout((select id from m7), 'builtin', 'deposit');
select tests.authenticate_as_service_role();
select pg_temp.hold((select id from m7), 'deposit');
reset role;
update public.bookings set status = 'completed', completed_at = now() where id = (select id from m7);
select tests.authenticate_as('venue');
select is((select part || ':' || state from public.open_checkout((select id from m7), 'builtin', 'balance')),
  'balance:checkout_open', 'The musician played: the balance can be paid on the completed booking');
select tests.authenticate_as_service_role();
select is(pg_temp.hold((select id from m7), 'balance'), 'applied', 'The balance of the completed booking is captured');

-- a disputed deposit: no balance, no reminder ------------------------------------------------------------
select tests.authenticate_as('venue');
select public.open_checkout((select id from m8), 'builtin', 'deposit');
select tests.authenticate_as_service_role();
select pg_temp.hold((select id from m8), 'deposit');
select tests.authenticate_as('maya');
select public.open_dispute((select id from m8), 'The venue wants another band');
select tests.authenticate_as('venue');
select throws_ok($$ select public.open_checkout((select id from m8), 'builtin', 'balance') $$,
  'SC409', 'The balance cannot be paid once the deposit is disputed or refunded',
  'No balance while the deposit is disputed');
select tests.authenticate_as_service_role();
update public.payments set due_at = now() - interval '1 minute'
 where booking_id = (select id from m8) and part = 'balance';
select is(private.remind_balances_due(), 0, 'No reminder while the deposit is disputed');
select tests.authenticate_as('judge');
select public.resolve_dispute((select id from m8), 'refund', null, 'The venue cancelled the band');
select tests.authenticate_as('venue');
select throws_ok($$ select public.open_checkout((select id from m8), 'builtin', 'balance') $$,
  'SC409', 'The balance cannot be paid once the deposit is disputed or refunded',
  'No balance after the deposit was refunded by a decision');
reset role;
select is(private.remind_balances_due(), 0, 'Nor a reminder after it');

select * from finish();
rollback;
