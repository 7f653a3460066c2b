-- Payout accounts: a musician records their Razorpay linked account, an admin one for any
-- musician; nobody writes the table directly or reads another's; Stripe's status follows
-- account.updated in the provider's time order; a booking's payout readiness and route.
begin;
select plan(17);

select tests.create_booking_cast();
select tests.authenticate_as('venue');
create temp table b1 as select tests.create_booking('Raga night', 30) as id;
grant select on b1 to authenticated, service_role;

-- Razorpay: entered by the musician or an admin ---------------------------------------------------------
select tests.authenticate_as('venue');
select throws_ok($$ select public.register_razorpay_account('acc_AAAAAAAAAAAAAA', null) $$,
  'SC403', 'Only a musician has a payout account', 'A client has no payout account');
select throws_ok($$ select public.register_razorpay_account('acc_AAAAAAAAAAAAAA',
                          tests.get_supabase_uid('maya')) $$,
  'SC404', 'Musician not found', 'Nobody but an admin records another musician''s account');
select tests.authenticate_as('maya');
select throws_ok($$ select public.register_razorpay_account('acc_short', null) $$,
  'SC400', 'A Razorpay linked account id is acc_ and 14 letters or digits', 'The id''s shape is checked');
select throws_ok($$ insert into public.payout_accounts (musician_id, provider, account_id, status)
                    values (tests.get_supabase_uid('maya'), 'razorpay', 'acc_BBBBBBBBBBBBBB', 'enabled') $$,
  '42501', null, 'A musician cannot write the table directly');
select is((select status from public.register_razorpay_account('acc_AAAAAAAAAAAAAA', null)), 'enabled',
  'The musician records their linked account');
select tests.authenticate_as('judge');
select is((select account_id from public.register_razorpay_account('acc_CCCCCCCCCCCCCC',
          tests.get_supabase_uid('maya'))), 'acc_CCCCCCCCCCCCCC', 'An admin replaces it for the musician');
select tests.authenticate_as('mallory');
select throws_ok($$ select public.register_razorpay_account('acc_CCCCCCCCCCCCCC', null) $$,
  'SC409', 'That linked account belongs to another musician', 'One linked account, one musician');
select is_empty($$ select * from public.payout_accounts $$, 'A stranger reads no payout account');
select tests.authenticate_as('maya');
select is((select count(*)::int from public.payout_accounts), 1, 'The musician reads their own');

-- readiness and route -----------------------------------------------------------------------------------
select tests.authenticate_as('venue');
select ok(private.booking_payout_ready((select id from b1), 'razorpay'),
  'The booking''s musician can be paid through Razorpay');
select ok(not private.booking_payout_ready((select id from b1), 'stripe'),
  'Not through Stripe: no account there');
select tests.authenticate_as('mallory');
select ok(not private.booking_payout_ready((select id from b1), 'razorpay'),
  'A stranger learns nothing about the booking');
select throws_ok($$ select * from private.payout_route((select id from b1), 'razorpay') $$,
  '42501', null, 'A user cannot read the payout route');

-- Stripe status from account.updated ------------------------------------------------------------------
select tests.authenticate_as_service_role();
select is((select status from private.save_stripe_account(tests.get_supabase_uid('maya'), 'acct_1Maya')),
  'pending', 'A new Express account is pending');
select is(private.set_payout_status('stripe', 'acct_1Maya', true, true, true, now()), 'applied',
  'account.updated with payouts on and details submitted applies');
select is(private.set_payout_status('stripe', 'acct_1Maya', false, false, false, now() - interval '1 minute'),
  'stale', 'An older account.updated arriving late changes nothing');
select results_eq($$ select account_id, share_minor from private.payout_route((select id from b1), 'stripe') $$,
  $$ values ('acct_1Maya'::text, 50000::bigint) $$,
  'The route: the enabled account and the musician''s share, the booking''s fee');

select * from finish();
rollback;
