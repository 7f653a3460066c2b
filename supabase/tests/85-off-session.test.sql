-- Off-session charges of a saved card: the outcome is recorded once, only while the checkout is
-- open; a failure tells the client (and nobody else) to pay; users cannot record outcomes.
begin;
select plan(17);

select tests.create_booking_cast();
select tests.authenticate_as('venue');
create temp table p1 as select p.id
  from public.open_checkout(tests.create_booking('Far night one', 30), 'stripe') p;
create temp table p2 as select p.id
  from public.open_checkout(tests.create_booking('Far night two', 40), 'stripe') p;
create temp table p3 as select p.id
  from public.open_checkout(tests.create_booking('Far night three', 50), 'stripe') p;
grant select on p1, p2, p3 to authenticated, service_role;

select throws_ok($$ select private.record_off_session_charge((select id from p1), true, null) $$,
  '42501', null, 'A user cannot record an off-session charge');

select throws_ok($$ select private.record_card_saved((select id from p1), 'cs_one') $$,
  '42501', null, 'A user cannot record a saved card');

-- The setup-mode session's webhook: the card is saved for that checkout only, once.
select tests.authenticate_as_service_role();
select private.set_checkout_ref((select id from p1), 'cs_one');
select is(private.record_card_saved((select id from p1), 'cs_other'), 'stale',
  'Another session saves nothing for this checkout');
select is(private.record_card_saved((select id from p1), 'cs_one'), 'applied',
  'The checkout''s own session saves the card');
select is((select charge_state from public.payments where id = (select id from p1)), 'saved',
  'The payment shows a saved card, waiting for the charge date');
select is(private.record_card_saved((select id from p1), 'cs_one'), 'stale',
  'A replayed session event changes nothing');

select is(private.record_off_session_charge((select id from p1), true, null), 'applied',
  'A successful charge is recorded');
select is((select charge_state from public.payments where id = (select id from p1)), 'charged',
  'The payment shows the card was charged');
select is((select state from public.payments where id = (select id from p1)), 'checkout_open',
  'The money state waits for the provider''s webhook');
select is(private.record_off_session_charge((select id from p1), false, 'card_declined: no'), 'stale',
  'A second outcome for the same charge changes nothing');

select is(private.record_off_session_charge((select id from p2), false,
  'authentication_required: Your card was declined.'), 'applied', 'A failed charge is recorded');
select results_eq($$ select charge_state, charge_error from public.payments where id = (select id from p2) $$,
  $$ values ('failed', 'authentication_required: Your card was declined.') $$,
  'The failure keeps the provider''s reason');
select results_eq(
  $$ select user_id, link from public.notifications where kind = 'payment_action_needed' $$,
  $$ select tests.get_supabase_uid('venue'), '/bookings/' || p.booking_id from public.payments p
      where p.id = (select id from p2) $$,
  'Only the client is told to pay, with a link to the booking');
select throws_ok($$ update public.payments set charge_state = 'unknown' where id = (select id from p2) $$,
  '23514', null, 'Only the listed charge states exist');

-- The charge's webhook can beat the sweep's record: the success is still recorded, a failure not.
select private.mark_held(p.id, p.total_minor, p.currency, 'pi_3', null, 3)
  from public.payments p where p.id = (select id from p3);
select is(private.record_off_session_charge((select id from p3), false, 'late'), 'stale',
  'Once held, a failure is not recorded (nobody is asked to pay)');
select is(private.record_off_session_charge((select id from p3), true, null), 'applied',
  'Once held, the success is recorded');

select tests.authenticate_as('maya');
select is_empty($$ select 1 from public.notifications where kind = 'payment_action_needed' $$,
  'The musician sees no such notification');

select * from finish();
rollback;
